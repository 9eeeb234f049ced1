import ArgumentParser
import RapportAnalytics
import RapportCore
import RapportIngest
import RapportServer

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Try Rapport on a realistic shop: generate its data, import it, and describe the base.",
        discussion: """
            The shop sells kitchen, table, garden and gift products in France, Belgium, Switzerland and the \
            United Kingdom. Its files contain the mistakes real files have (malformed e-mails and phone \
            numbers, unknown countries, impossible dates, the same person twice), so the import shows \
            its rejects files too. The same --seed always gives the same shop.
            """,
        subcommands: [Run.self, Generate.self],
        defaultSubcommand: Run.self)

    struct Shape: ParsableArguments {
        @Option(help: "How many people (customers and prospects).")
        var customers = 10_000

        @Option(help: "The seed: the same seed gives the same data.")
        var seed: UInt64 = 42

        @Option(help: "The last day of the shop's history (YYYY-MM-DD); it covers the two years before.")
        var endDate = "2026-10-31"

        @Option(help: "Where to write the files.")
        var directory = "rapport-demo"

        func validate() throws {
            guard customers > 0 else { throw ValidationError("--customers must be at least 1.") }
            guard ISO8601Parser.date(endDate) != nil else {
                throw ValidationError("--end-date '\(endDate)' is not a date; write it as 2026-10-31.")
            }
        }

        func generate() throws -> DemoFiles {
            try DemoGenerator.generate(
                DemoConfiguration(customers: customers, seed: seed, endDate: endDate), into: directory)
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Only write the demo shop's files.")

        @OptionGroup var shape: Shape

        func run() throws {
            try reportingErrors {
                let files = try shape.generate()
                Demo.describe(files)
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the demo shop, import it, describe and analyse the base, then serve it (the default).",
            discussion: "Prints the demo sign-in (an admin whose password is new at each run) before serving; Ctrl-C stops.")

        @OptionGroup var shape: Shape
        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Stop after the analysis instead of serving the pages and the API.")
        var noServe = false

        @Option(help: "The address to serve on.")
        var host = "127.0.0.1"

        @Option(help: "The port to serve on.")
        var port = 8080

        func run() async throws {
            try build()
            guard !noServe else { return }
            let store = try options.open(durableCommits: true)
            var login: (email: String, password: String)?
            try reportingErrors { login = try DemoLogin.reset(in: store) }
            guard let login else { return }
            print("\nOpen http://\(host):\(port)/ and sign in as \(login.email) with the password \(login.password)")
            let configuration = ServerConfiguration(
                host: host, port: port, uploadsDirectory: options.uploadsDirectory)
            try await ServerRunner.run(store: store, configuration: configuration, logLevel: .notice)
        }

        func build() throws {
            try reportingErrors {
                let started = ContinuousClock.now
                let files = try shape.generate()
                Demo.describe(files)
                let store = try options.open()
                let importOptions = ImportOptions(defaultCountry: "FR")
                for (kind, file) in [
                    (ImportKind.products, files.products), (.customers, files.customers), (.orders, files.orders),
                    (.events, files.events), (.consents, files.consents),
                ] {
                    ImportRun.print(try ImportRun.perform(kind, file: file, options: importOptions, store: store))
                }
                print("")
                SummaryReport.print(try store.summary(), database: options.displayName)
                print("")
                try AnalysisRun.perform(
                    store: store, database: options.displayName, configuration: AnalysisConfiguration(), asOf: nil, save: true,
                    timings: false)
                print("")
                try DemoSegments.perform(store: store, today: ISO8601Parser.date(shape.endDate)!)
                print("")
                try DemoCampaigns.perform(store: store, now: SystemClock().now)
                let elapsed = ContinuousClock.now - started
                print("\nDone in \(Terminal.decimal(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, places: 1)) s. Look someone up: rapport customer show C000001 --database \(options.displayName)")
            }
        }
    }

    static func describe(_ files: DemoFiles) {
        print(
            "Demo shop written: \(Terminal.count(files.customerRows)) people, \(Terminal.count(files.productRows)) products, \(Terminal.count(files.orderCount)) orders (\(Terminal.count(files.orderRows)) basket lines), \(Terminal.count(files.eventRows)) events, \(Terminal.count(files.consentRows)) consents"
        )
    }
}
