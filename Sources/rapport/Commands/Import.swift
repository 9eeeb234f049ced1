import ArgumentParser
import RapportCore
import RapportIngest

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add or update records from a CSV or JSON Lines file.",
        discussion: """
            KIND is one of: customers, products, orders, events, consents. Import products before the \
            orders that name them, and customers before their orders, events and consents.

            Importing the same file twice changes nothing. Rows that break a rule are not imported and \
            are listed, with the reason, in FILE.rejects.csv beside the file. A file that is not what it \
            claims (wrong columns, not text, cut off) is refused as a whole and nothing changes.

            File formats and mapping files: docs/formats.md.
            """)

    @Argument(help: "What the file holds: customers, products, orders, events or consents.")
    var kind: String

    @Argument(help: "The file: .csv (comma, semicolon or tab) or .jsonl.")
    var file: String

    @Option(help: "A JSON mapping file for a file whose columns are not Rapport's.")
    var mapping: String?

    @Option(help: "Orders only: a separate file of basket lines (order_id,sku,quantity,amount).")
    var lines: String?

    @Flag(help: "Create a minimal customer for an unknown customer_id instead of rejecting the row.")
    var createCustomers = false

    @Option(help: "The country whose numbering reads national phone numbers (ISO code).")
    var country = "FR"

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard let parsed = ImportKind(rawValue: kind.lowercased()), parsed != .orderLines else {
            throw ValidationError("'\(kind)' is not a kind of file; use customers, products, orders, events or consents.")
        }
        if lines != nil && parsed != .orders { throw ValidationError("--lines goes with an orders import.") }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            var importOptions = ImportOptions(defaultCountry: country.uppercased(), createMissingCustomers: createCustomers, linesFile: lines)
            if let mapping { importOptions.mapping = try ColumnMapping(contentsOf: mapping) }
            let summary = try ImportRun.perform(ImportKind(rawValue: kind.lowercased())!, file: file, options: importOptions, store: store)
            ImportRun.print(summary)
        }
    }
}

/// Runs an import with a progress display and reports it the same way for `import` and `demo`.
enum ImportRun {
    static func perform(_ kind: ImportKind, file: String, options: ImportOptions, store: any RapportStore) throws -> ImportSummary {
        let display = ProgressDisplay()
        defer { display.finish() }
        return try Importer.run(kind, file: file, options: options, into: store, progress: display.show)
    }

    static func print(_ summary: ImportSummary) {
        let c = summary.counts
        var line = "\(Terminal.shortPath(summary.file)): \(Terminal.count(c.inserted)) new, \(Terminal.count(c.updated)) updated, \(Terminal.count(c.unchanged)) unchanged, \(Terminal.count(c.rejected)) rejected"
        line += " (\(Terminal.count(c.total)) \(summary.kind) in \(Terminal.decimal(summary.seconds, places: 1)) s, \(Terminal.count(Int(summary.recordsPerSecond))) rows/s)"
        Swift.print(line)
        if summary.createdCustomers > 0 {
            Swift.print("  \(Terminal.count(summary.createdCustomers)) customers created for unknown customer_id values")
        }
        if summary.promotedProspects > 0 {
            Swift.print("  \(Terminal.count(summary.promotedProspects)) prospects became customers with their first order")
        }
        if summary.linesAttached > 0 || summary.linesRejected > 0 {
            Swift.print("  lines: \(Terminal.count(summary.linesAttached)) attached, \(Terminal.count(summary.linesRejected)) rejected")
        }
        if let rejects = summary.rejectsFile { Swift.print("  rejected rows and reasons: \(Terminal.shortPath(rejects))") }
        if let rejects = summary.linesRejectsFile { Swift.print("  rejected lines and reasons: \(Terminal.shortPath(rejects))") }
    }
}
