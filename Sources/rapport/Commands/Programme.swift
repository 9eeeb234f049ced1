import ArgumentParser
import RapportCore
import RapportEngine

struct ProgrammeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Relationship programmes: an objective, a KPI, a target, the data needed, a budget and a period.",
        subcommands: [ProgrammeCreate.self, ProgrammeList.self])
}

struct ProgrammeCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a programme, or replace the one of the same name.")

    @Argument(help: "The programme's name.")
    var name: String
    @Option(help: "What the programme is for.")
    var objective = ""
    @Option(help: "How its success is measured.")
    var kpi = ""
    @Option(help: "The customers it is for, as a segment definition.")
    var target: String?
    @Option(name: .customLong("requires"), help: "A field its customers need (repeat for several).")
    var requiredData: [String] = []
    @Option(help: "What its campaigns' contacts may cost in all.")
    var budget: Double?
    @Option(help: "First day (YYYY-MM-DD).")
    var from: String?
    @Option(help: "Last day (YYYY-MM-DD).")
    var to: String?

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            var programme = Programme(name: name)
            programme.objective = objective
            programme.kpi = kpi
            programme.target = target
            programme.requiredData = requiredData
            programme.budget = budget
            func date(_ text: String?, _ option: String) throws -> CalendarDate? {
                guard let text else { return nil }
                guard let date = ISO8601Parser.date(text) else { throw CommandFailure("--\(option) \(text) is not a date: write YYYY-MM-DD") }
                return date
            }
            programme.startsOn = try date(from, "from")
            programme.endsOn = try date(to, "to")
            if let target { _ = try SegmentDefinition.parse(target) }
            let store = try options.open()
            let saved = try store.editingRecords { try CampaignBook($0).save(programme, at: SystemClock().now) }
            print("Programme \"\(saved.programme.name)\" saved (#\(saved.id)).")
        }
    }
}

struct ProgrammeList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the programmes and their campaigns.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let (programmes, campaigns) = try store.editingRecords { editor in
                let book = CampaignBook(editor)
                return (try book.programmes(), try book.campaigns())
            }
            if programmes.isEmpty { print("No programme yet: `rapport programme create NAME --objective …` adds one.") }
            for stored in programmes {
                let programme = stored.programme
                print("\(programme.name)")
                if !programme.objective.isEmpty { print("  objective: \(programme.objective)") }
                if !programme.kpi.isEmpty { print("  KPI: \(programme.kpi)") }
                if let target = programme.target { print("  target: \(target)") }
                if !programme.requiredData.isEmpty { print("  requires: \(programme.requiredData.joined(separator: ", "))") }
                if let budget = programme.budget { print("  budget: \(Terminal.money(budget))") }
                if programme.startsOn != nil || programme.endsOn != nil {
                    print("  period: \(programme.startsOn?.description ?? "…") to \(programme.endsOn?.description ?? "…")")
                }
                let held = campaigns.filter { $0.programmeID == stored.id }
                print("  campaigns: \(held.isEmpty ? "none" : held.map { "\($0.definition.name) (\($0.status.rawValue))" }.joined(separator: ", "))")
            }
        }
    }
}
