import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Campaigns: create, schedule, simulate the plan under the pressure policy, and run due waves.",
        subcommands: [
            CampaignCreate.self, CampaignList.self, CampaignStatusChange.self, CampaignPreview.self, CampaignSimulate.self,
            CampaignRun.self, CampaignSend.self, CampaignArbitrate.self,
        ])
}

struct CampaignCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a campaign from a JSON file as a draft (or replace a draft or paused one of the same name).",
        discussion: "docs/interact.md lists every key; `name`, `target` and `at` are required.")

    @Argument(help: "The campaign's JSON definition.")
    var file: String

    @Flag(help: "Schedule it at once (otherwise `rapport campaign schedule NAME`).")
    var schedule = false

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let definition = try JSONFile.decode(CampaignDefinition.self, from: file)
            _ = try SegmentDefinition.parse(definition.target)
            let store = try options.open()
            let now = SystemClock().now
            let saved = try store.editingRecords { editor in
                let book = CampaignBook(editor)
                let saved = try book.save(definition, source: file, at: now)
                if schedule { try book.setStatus(.scheduled, of: saved, at: now) }
                return saved
            }
            print("Campaign \"\(saved.definition.name)\" saved (#\(saved.id)), \(schedule ? "scheduled" : "draft"); first wave due \(saved.definition.at).")
        }
    }
}

struct CampaignList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the campaigns, with their waves.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let (rows, atStep) = try store.editingRecords { editor in
                let book = CampaignBook(editor)
                var atStep: [Int64: [String: Int]] = [:]
                for row in try editor.rows(of: StoredTable.named("journey_states"), matching: [ColumnMatch("status", .text("active"))]) {
                    if let campaign = row[1].integerValue, let step = row[2].textValue { atStep[campaign, default: [:]][step, default: 0] += 1 }
                }
                return (try book.campaigns().map { ($0, try book.decidedWaves(of: $0.id).count) }, atStep)
            }
            if rows.isEmpty { print("No campaign yet: `rapport campaign create FILE.json` adds one (docs/interact.md).") }
            for (campaign, decided) in rows {
                let definition = campaign.definition
                print("\(definition.name) [\(campaign.status.rawValue)] \(definition.kind.rawValue), \(definition.purpose.rawValue), priority \(Terminal.decimal(definition.priority))")
                print("  target: \(definition.target)")
                print("  channels: \(definition.channels.map(\.rawValue).joined(separator: " > ")); holdout \(Terminal.decimal(definition.holdout * 100))%"
                    + (definition.variants.isEmpty ? "" : "; variants \(definition.variants.map(\.name).joined(separator: "/"))"))
                if definition.kind == .journey {
                    print("  entry: \(definition.trigger?.on.rawValue ?? "none"); steps (customers inside now):")
                    for step in definition.steps {
                        print("    \(step.id) [\(Terminal.count(atStep[campaign.id]?[step.id] ?? 0))]: \(step.summary)")
                    }
                } else if let trigger = definition.trigger {
                    print("  trigger: \(trigger.on.rawValue), re-entry after \(Terminal.decimal(trigger.reentryDays, places: 0)) days; \(decided) runs with contacts or checks so far"
                        + (definition.until.map { "; until \($0)" } ?? ""))
                } else {
                    print("  waves: \(decided)/\(definition.waves) decided; next due \(decided < definition.waves ? definition.dueTime(ofWave: decided).description : "none")")
                }
            }
        }
    }
}

struct CampaignStatusChange: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-status", abstract: "Schedule, pause or end a campaign.",
        discussion: "scheduled: its waves are decided when due; paused: they wait; done: no more waves.")

    @Argument(help: "The campaign's name.")
    var name: String

    @Argument(help: "scheduled, paused or done.")
    var status: String

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            guard let target = CampaignStatus(rawValue: status), target != .draft else {
                throw CommandFailure("\(status) is not a status to set: write scheduled, paused or done")
            }
            let store = try options.open()
            try store.editingRecords { editor in
                let book = CampaignBook(editor)
                try book.setStatus(target, of: try book.campaign(named: name), at: SystemClock().now)
            }
            print("Campaign \"\(name)\" is \(target.rawValue).")
        }
    }
}

/// Options shared by `simulate` and `run`: the moment planning takes as now.
struct PlanningTime: ParsableArguments {
    @Option(help: "Plan as of this date-time (ISO 8601) instead of now.")
    var at: String?

    func now() throws -> Instant {
        guard let at else { return SystemClock().now }
        guard let instant = ISO8601Parser.instant(at) else { throw CommandFailure("--at \(at) is not a date-time: write 2026-12-07T09:00:00Z") }
        return instant
    }
}

struct CampaignSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Show the plan before launch: per wave, targeted, kept, held out and suppressed by which rule; the calendar.",
        discussion: "Reads only. Scheduled campaigns are included, and drafts named with --include.")

    @Option(name: .customLong("include"), help: "A draft or paused campaign to simulate too (repeat for several).")
    var included: [String] = []

    @OptionGroup var time: PlanningTime

    @Option(help: "Write the arbitrated problem to this directory (for scripts/bench/arbitration_reference.py).")
    var exportProblem: String?

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let now = try time.now()
            let started = ContinuousClock.now
            let plan = try CampaignOperations.plan(store: store, now: now, including: Set(included), keepsProblem: exportProblem != nil)
            let elapsed = (ContinuousClock.now - started).secondsValue
            let policy = try store.editingRecords { try CampaignBook($0).policy() }
            PlanPrinter.print(plan, policy: policy, seconds: elapsed)
            if let exportProblem, let problem = plan.problem, let outcome = plan.outcome {
                try problem.write(to: exportProblem, kept: (0..<outcome.candidateCount).map(outcome.isKept))
                print("Problem written to \(exportProblem).")
            }
        }
    }
}

struct CampaignRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Decide every due wave of the scheduled campaigns and write their contacts (for cron; `rapport serve` does it too).")

    @OptionGroup var time: PlanningTime

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let now = try time.now()
            let summary = try CampaignOperations.run(store: store, now: now)
            for (campaign, wave) in summary.outsideProgrammePeriod {
                print("\(campaign) wave \(wave + 1): outside its programme's period, decided without contacts.")
            }
            if summary.decidedWaves.isEmpty {
                print("No wave due at \(now).")
                return
            }
            for wave in summary.plan.waves where wave.isDue {
                print("\(wave.campaign.definition.name) wave \(wave.wave + 1): \(Terminal.count(wave.targeted)) targeted, \(Terminal.count(wave.planned)) planned, \(Terminal.count(wave.control)) control, \(Terminal.count(wave.suppressedTotal)) suppressed")
            }
            let written = ContactStatus.allCases.compactMap { status in summary.written[status].map { "\(Terminal.count($0)) \(status.rawValue)" } }
            print("Contact history: \(written.joined(separator: ", ")).")
            for name in summary.finished { print("Campaign \"\(name)\" is done: every wave is decided.") }
        }
    }
}

struct CampaignArbitrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arbitrate",
        abstract: "Arbitrate a problem written by `simulate --export-problem` or a generator, and write the decision into it.",
        discussion: "For benchmarks and reference checks (docs/performance.md): prints the objective and the time taken.")

    @Argument(help: "The problem's directory.")
    var directory: String

    func run() throws {
        try reportingErrors {
            let problem = try ArbitrationProblem.read(from: directory)
            let started = ContinuousClock.now
            let outcome = Arbitrator().arbitrate(problem)
            let seconds = (ContinuousClock.now - started).secondsValue
            try ArbitrationProblem.writeSolution((0..<outcome.candidateCount).map(outcome.isKept), to: directory)
            print("customers \(problem.customerCount)")
            print("candidates \(problem.candidateCount)")
            print("kept \(outcome.keptCount)")
            print("objective \(outcome.objective)")
            print("pricing_passes \(outcome.pricingPasses)")
            print("seconds \(seconds)")
        }
    }
}

struct CampaignPreview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "Render a campaign's message for one customer, as it would be sent.")

    @Argument(help: "The campaign's name.")
    var name: String

    @Option(help: "The customer (customer_id, e-mail, phone, or #id).")
    var customer: String

    @Option(help: "The variant to render (the campaign's own content when omitted).")
    var variant: String?

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let id = try store.requireCustomer(customer)
            let rendered = try store.editingRecords { editor -> RenderedMessage in
                let campaign = try CampaignBook(editor).campaign(named: name)
                let chosen = try variant.map { wanted in
                    guard let found = campaign.definition.variants.first(where: { $0.name == wanted }) else {
                        throw CommandFailure("campaign \"\(name)\" has no variant \"\(wanted)\": it has \(campaign.definition.variants.map(\.name).joined(separator: ", "))")
                    }
                    return found
                }
                let templates = try MessageTemplates(campaign.definition.content.overridden(by: chosen))
                let customerRow = try editor.rows(of: CustomerColumns.table, matching: [ColumnMatch("id", .integer(id))]).first!
                let scores = try editor.rows(of: StoredTable.named("scores"), matching: [ColumnMatch("customer_id", .integer(id))]).first
                return templates.render(
                    PersonalisationContext.values(customer: customerRow, scores: scores, campaign: name, variant: chosen?.name))
            }
            print("Subject: \(rendered.subject)")
            if let text = rendered.text { print("\n--- text\n\(text)") }
            if let html = rendered.html { print("\n--- html\n\(html)") }
            if let sms = rendered.sms { print("\n--- sms (\(sms.count) characters)\n\(sms)") }
            if let script = rendered.script { print("\n--- script\n\(script)") }
        }
    }
}
