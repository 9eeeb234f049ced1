import ArgumentParser
import Foundation
import RapportAnalytics
import RapportCore
import RapportEngine

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Measure: campaign results against control groups, sample sizes, attribution, KPIs by month and the touchpoint map.",
        subcommands: [CampaignReport.self, SampleSizeReport.self, AttributionReportCommand.self, KPIReport.self, TouchpointReport.self])
}

struct CampaignReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "A campaign's funnel, conversions and revenue against its control group, with intervals, p-values and ROI.")

    @Argument(help: "The campaign's name.")
    var name: String

    @Option(name: .customLong("window-days"), help: "Orders within this many days after a contact are attributed to it.")
    var windowDays = 14

    @Option(help: "1 − confidence of the intervals and level of the tests.")
    var alpha = 0.05

    @Option(help: "Also write the figures as CSV (metric, value) to this file.")
    var csv: String?

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard windowDays > 0 else { throw ValidationError("--window-days must be at least 1") }
        guard alpha > 0 && alpha < 0.5 else { throw ValidationError("--alpha must be between 0 and 0.5 (0.05 for 95 % intervals)") }
    }

    func run() throws {
        try reportingErrors {
            let results = try options.open().editingRecords { editor in
                try CampaignMeasurement(windowDays: windowDays, alpha: alpha).results(of: try CampaignBook(editor).campaign(named: name), editor: editor)
            }
            for line in CampaignReportText.lines(results) { print(line) }
            if let csv {
                try ReportCSV.campaign(results).write(toFile: csv, atomically: true, encoding: .utf8)
                print("Written: \(csv)")
            }
        }
    }
}

struct SampleSizeReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-size",
        abstract: "How many customers a campaign needs to detect a lift in its response rate against a holdout.")

    @Option(help: "The control group's expected rate, e.g. 0.02 for 2 %.")
    var baseline: Double

    @Option(help: "The lift to detect, in rate points, e.g. 0.005 for half a point.")
    var lift: Double

    @Option(help: "The share held out, as in the campaign (0.1).")
    var holdout = 0.1

    @Option(help: "Level of the two-sided test.")
    var alpha = 0.05

    @Option(help: "Probability of detecting the lift when it is there.")
    var power = 0.8

    func validate() throws {
        guard baseline > 0 && baseline < 1, baseline + lift > 0 && baseline + lift < 1, lift != 0 else {
            throw ValidationError("--baseline and --baseline + --lift must be rates strictly between 0 and 1, and --lift not 0")
        }
        guard holdout > 0 && holdout < 1 else { throw ValidationError("--holdout must be a share strictly between 0 and 1") }
        guard alpha > 0 && alpha < 0.5, power > 0.5 && power < 1 else { throw ValidationError("--alpha in (0, 0.5), --power in (0.5, 1)") }
    }

    func run() throws {
        let size = SampleSize(
            baselineRate: baseline, treatedRate: baseline + lift, alpha: alpha, power: power, controlRatio: holdout / (1 - holdout))
        guard let treated = size.treatedCustomers, let control = size.controlCustomers, let total = size.totalCustomers else { return }
        print(
            "To detect \(Terminal.decimal(baseline * 100, places: 2)) % → \(Terminal.decimal((baseline + lift) * 100, places: 2)) % "
                + "with \(Terminal.decimal(power * 100, places: 0)) % power at α = \(alpha) (two-sided), holding out \(Terminal.decimal(holdout * 100, places: 0)) %:")
        print("  \(Terminal.count(total)) customers: \(Terminal.count(treated)) treated, \(Terminal.count(control)) in control")
    }
}

/// The campaign report as lines (the CSV is ``ReportCSV/campaign(_:)``).
enum CampaignReportText {
    static func percent(_ value: Double) -> String { ResultFormat.percent(value) }
    static func points(_ value: Double) -> String { ResultFormat.points(value) }

    static func interval(_ range: ClosedRange<Double>?, _ format: (Double) -> String) -> String {
        ResultFormat.interval(range, missing: "n/a", format)
    }

    static func pValue(_ value: Double?) -> String { ResultFormat.pValue(value, missing: "n/a") }

    static func lines(_ r: CampaignResults) -> [String] {
        let confidence = Terminal.decimal((1 - r.alpha) * 100, places: 0)
        var lines = [
            "Campaign \"\(r.campaign)\": orders within \(r.windowDays) days after each contact",
            "  contacts   \(Terminal.count(r.targeted)) targeted, \(Terminal.count(r.suppressed)) suppressed, \(Terminal.count(r.globalHoldout)) in the global holdout, \(Terminal.count(r.heldOut)) held out, \(Terminal.count(r.treated)) treated",
            "  funnel     \(Terminal.count(r.sent)) sent, \(Terminal.count(r.failed)) failed, \(Terminal.count(r.count(.delivered))) delivered, \(Terminal.count(r.count(.bounced))) bounced, \(Terminal.count(r.count(.opened))) opened, \(Terminal.count(r.count(.clicked))) clicked, \(Terminal.count(r.count(.unsubscribed))) unsubscribed, \(Terminal.count(r.count(.complained))) complained",
            "  treated    \(Terminal.count(r.treatedConverted)) converted (\(percent(r.conversion.treated.rate))), revenue \(Terminal.money(r.revenue)), margin \(Terminal.money(r.margin)), cost \(Terminal.money(r.cost))",
            "  control    \(Terminal.count(r.controlConverted)) converted (\(percent(r.conversion.control.rate))), revenue \(Terminal.money(r.controlRevenue)), margin \(Terminal.money(r.controlMargin))",
        ]
        guard r.heldOut > 0 else {
            lines.append("  no control group: incremental results need a holdout (the campaign's `holdout`)")
            return lines
        }
        lines += [
            "  uplift     \(points(r.conversion.difference)) points, \(confidence) % interval \(interval(r.conversion.interval, points)) (Newcombe), z = \(r.conversion.z.map { Terminal.decimal($0, places: 2) } ?? "n/a"), p = \(pValue(r.conversion.pValue))",
            "  increment  \(Terminal.decimal(r.incrementalConversions)) conversions, revenue \(Terminal.money(r.incrementalRevenue)) \(interval(r.incrementalRevenueInterval, Terminal.money)) (Welch, p = \(pValue(r.revenuePerContact.pValue))), margin \(Terminal.money(r.incrementalMargin))",
            "  ROI        " + (r.returnOnInvestment.map { roi in
                "\(Terminal.decimal(roi * 100)) % (incremental margin − cost) / cost"
                    + ((r.revenuePerContact.pValue ?? 1) < r.alpha ? "" : "; not significant: the revenue interval contains 0")
            } ?? "n/a: the campaign cost nothing"),
        ]
        for variant in r.variants {
            lines.append(
                "  variant \(variant.name): \(Terminal.count(variant.contacts)) contacts, \(Terminal.count(variant.converted)) converted (\(percent(variant.conversionRate))), revenue \(Terminal.money(variant.revenue))")
        }
        return lines
    }
}
