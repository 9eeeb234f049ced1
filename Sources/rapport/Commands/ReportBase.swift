import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

/// The period options of the reports over the base: a last day (the latest order by default).
struct ReportPeriod: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "The last day reported (YYYY-MM-DD); the day of the latest order by default.")
    var asOf: String?

    @Option(help: "Months reported, ending with the month of --as-of.")
    var months = 12

    func validate() throws {
        guard months > 0 && months <= 120 else { throw ValidationError("--months must be between 1 and 120") }
        if let asOf, ISO8601Parser.date(asOf) == nil { throw ValidationError("--as-of \"\(asOf)\": write a date such as 2026-10-31") }
    }

    /// The last day: --as-of, or the day of the latest order (as the pages use), or today.
    func lastDay(_ store: some KnowledgeBaseStore) throws -> CalendarDate {
        if let asOf, let date = ISO8601Parser.date(asOf) { return date }
        return try store.summary().lastOrder?.utcDate ?? SystemClock().now.utcDate
    }
}

struct KPIReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "The base's key figures month by month: active, new, lost, churn and retention, frequency, basket, NPS/CSAT/CES, contact pressure, unsubscribes.")

    @OptionGroup var period: ReportPeriod

    @Option(help: "Also write the months as CSV to this file.")
    var csv: String?

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let last = try period.lastDay(store)
            let timeline = try KPITimeline.compute(store: store, asOf: last, count: period.months)
            let optional = { (value: Double?, places: Int) in value.map { Terminal.decimal($0, places: places) } ?? "–" }
            let percent = { (value: Double?) in value.map { Terminal.decimal($0 * 100, places: 1) + "%" } ?? "–" }
            print("Key figures by month, to \(last) (docs/collect.md has the definitions)")
            print("month     active   new  lost  churn  orders  freq  basket     NPS  CSAT  CES  contacts/cust  unsub")
            for month in timeline.months {
                let columns = [
                    month.month, pad(Terminal.count(month.activeCustomers), 7), pad(Terminal.count(month.newCustomers), 5),
                    pad(Terminal.count(month.lostCustomers), 5), pad(percent(month.churnRate), 6), pad(Terminal.count(month.orders), 7),
                    pad(optional(month.purchaseFrequency, 2), 5), pad(optional(month.averageBasket, 2), 7), pad(optional(month.nps, 0), 7),
                    pad(percent(month.csat.map { $0 / 100 }), 5), pad(optional(month.ces, 1), 4),
                    pad(optional(month.contactsPerContactedCustomer, 2), 14), pad(Terminal.count(month.unsubscribes), 6),
                ]
                print(columns.joined(separator: " "))
            }
            if let csv {
                try ReportCSV.kpis(timeline).write(toFile: csv, atomically: true, encoding: .utf8)
                print("Written: \(csv)")
            }
        }
    }

    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}

struct TouchpointReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touchpoints",
        abstract: "The touchpoint map: lifecycle stages × channels, with irritants and moments of truth.")

    @OptionGroup var period: ReportPeriod

    @Option(help: "Also write the cells as CSV to this file.")
    var csv: String?

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let last = try period.lastDay(store)
            let (from, to) = KPITimeline.period(endingOn: last, months: period.months)
            let map = try store.editingRecords { try TouchpointMap.compute(from: from, to: to, editor: $0) }
            print("Touchpoint map from \(from.utcDate) to \(last): stage × channel (docs/collect.md has the rules)")
            for stage in map.stages {
                print(stage)
                for cell in map.cells where cell.stage == stage {
                    var line = "  \(cell.channel): \(Terminal.count(cell.touchpoints)) touchpoints"
                    if cell.contacts > 0 { line += ", \(Terminal.count(cell.contacts)) contacts (\(percent(cell.responseRate)) responded)" }
                    if let satisfaction = cell.satisfaction { line += ", satisfaction \(Terminal.decimal(satisfaction, places: 2)) (\(cell.answers))" }
                    if cell.complaints > 0 { line += ", \(Terminal.count(cell.complaints)) complaints" }
                    if cell.unsubscribes > 0 { line += ", \(Terminal.count(cell.unsubscribes)) unsubscribes" }
                    line += ", \(percent(cell.repurchaseRate)) followed by an order within 30 days"
                    if let lift = cell.repurchaseLift { line += " (×\(Terminal.decimal(lift, places: 2)) the stage's other cells)" }
                    if cell.isIrritant { line += "  IRRITANT" }
                    if cell.isMomentOfTruth { line += "  MOMENT OF TRUTH" }
                    print(line)
                }
            }
            if let csv {
                try ReportCSV.touchpoints(map).write(toFile: csv, atomically: true, encoding: .utf8)
                print("Written: \(csv)")
            }
        }
    }

    func percent(_ value: Double?) -> String { value.map { Terminal.decimal($0 * 100, places: 1) + "%" } ?? "–" }
}

struct AttributionReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution",
        abstract: "Orders and revenue attributed to campaigns by last touch, first touch and linear, and contacts without response.")

    @OptionGroup var period: ReportPeriod

    @Option(name: .customLong("window-days"), help: "A contact touches orders placed within this many days after it.")
    var windowDays = 7

    @Option(help: "Also write the campaigns as CSV to this file.")
    var csv: String?

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard windowDays > 0 else { throw ValidationError("--window-days must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let last = try period.lastDay(store)
            let (from, to) = KPITimeline.period(endingOn: last, months: period.months)
            let report = try store.editingRecords { try Attribution(windowDays: windowDays).report(from: from, to: to, editor: $0) }
            print("Attribution from \(from.utcDate) to \(last), orders within \(windowDays) days after a contact")
            print("  \(Terminal.count(report.orders)) orders (\(Terminal.money(report.revenue))); touched by no contact: \(Terminal.count(report.unattributedOrders)) (\(Terminal.money(report.unattributedRevenue)))")
            for line in report.campaigns {
                let money = { (model: AttributionModel) in Terminal.money(line.revenue[model] ?? 0) }
                print(
                    "  \(line.name): \(Terminal.count(line.sent)) sent, \(Terminal.count(line.responded)) responded, \(Terminal.count(line.noResponse)) no response; "
                        + "revenue last touch \(money(.lastTouch)), first touch \(money(.firstTouch)), linear \(money(.linear))")
            }
            if let csv {
                try ReportCSV.attribution(report).write(toFile: csv, atomically: true, encoding: .utf8)
                print("Written: \(csv)")
            }
        }
    }
}
