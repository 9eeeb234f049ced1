import ArgumentParser
import RapportCore
import RapportEngine

struct QualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Measure data quality: current, complete, correct, unique; and the reach lost to bad data.")

    @Option(help: "Show one customer's issues (customer_id, e-mail, phone, or #id).")
    var customer: String?

    @Option(help: "How many of the worst customers to list.")
    var worst = 10

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let now = SystemClock().now
            if let customer {
                let id = try store.requireCustomer(customer)
                let quality = try store.editingRecords { editor -> CustomerQuality? in
                    guard let row = try editor.rows(of: CustomerColumns.table, matching: [ColumnMatch("id", .integer(id))]).first else {
                        return nil
                    }
                    return QualityChecker(asOf: now).assess(row, inPendingDuplicate: try ReviewQueue(editor).hasPendingPair(involving: id))
                }
                guard let quality else { throw CommandFailure("no customer #\(id)") }
                printCustomer(quality)
                return
            }
            let report = try QualityAnalysis(asOf: now, worstCount: worst).report(of: store)
            printReport(report)
        }
    }

    private func printCustomer(_ quality: CustomerQuality) {
        print("Customer #\(quality.customerID): quality \(Terminal.decimal(quality.overall, places: 0))/100")
        for dimension in QualityDimension.allCases {
            print("  \(dimension.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.decimal((quality.scores[dimension] ?? 0) * 100, places: 0))")
        }
        if quality.issues.isEmpty { print("No issue.") }
        for issue in quality.issues {
            print("  [\(issue.severity.rawValue)] \(issue.dimension.rawValue): \(issue.message)")
        }
    }

    private func printReport(_ report: QualityReport) {
        print("Data quality of \(Terminal.count(report.customers)) customers: \(Terminal.decimal(report.meanOverall, places: 1))/100 on average")
        for dimension in QualityDimension.allCases {
            print("  \(dimension.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.decimal((report.meanScores[dimension] ?? 0) * 100, places: 1))")
        }
        print("  scores   " + ["85-100", "70-84", "50-69", "0-49"].map { "\($0): \(Terminal.count(report.bands[$0] ?? 0))" }.joined(separator: ", "))
        print("Issues (customers):")
        for (code, count) in report.issues.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(15) {
            print("  \(code.padding(toLength: 34, withPad: " ", startingAt: 0)) \(Terminal.count(count))")
        }
        print("Reach by channel (marketing):   reachable   no data  bad data  restricted  no consent")
        for reach in report.reach {
            func cell(_ value: Int, _ width: Int) -> String {
                let text = Terminal.count(value)
                return String(repeating: " ", count: max(0, width - text.count)) + text
            }
            print("  \(reach.channel.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0))\(cell(reach.reachable, 11))\(cell(reach.missingData, 10))\(cell(reach.badData, 10))\(cell(reach.restricted, 12))\(cell(reach.noConsent, 12))")
        }
        let lost = report.reach.map { "\($0.channel.rawValue) \(Terminal.count($0.lostToData))" }.joined(separator: ", ")
        print("Lost to missing or bad data: \(lost)")
        print("Duplicate pairs waiting for review: \(Terminal.count(report.pendingDuplicates))")
        if !report.worst.isEmpty {
            print("Lowest scores (rapport quality --customer #ID for details):")
            for quality in report.worst {
                let first = quality.issues.first?.message ?? ""
                print("  #\(quality.customerID)  \(Terminal.decimal(quality.overall, places: 0))  \(quality.issues.count) issues: \(first)")
            }
        }
    }
}
