import ArgumentParser
import Foundation
import RapportAnalytics
import RapportCore

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score every customer: RFM, customer-base models and CLV, relational matrix, lifecycle, targets, clusters.",
        discussion: """
            Writes the latest scores of every customer and a dated copy to the score history, records \
            the run, and prints what it found. `rapport customer show` prints one customer's scores. \
            Settings (RFM period and scales, segment map, model, horizon, discount rate, margin, tiers, \
            matrix, lifecycle and target rules, clusters) come from --configuration; \
            `rapport analyze configuration` prints the defaults to start from.
            """,
        subcommands: [Run.self, Holdout.self, Fit.self, ShowConfiguration.self],
        defaultSubcommand: Run.self)

    struct Settings: ParsableArguments {
        @Option(help: "The last day the analysis sees (YYYY-MM-DD); by default the day of the latest order.")
        var asOf: String?

        @Option(name: .customLong("configuration"), help: "A JSON file of settings; any setting left out keeps its default.")
        var configurationFile: String?

        var asOfDate: CalendarDate? {
            get throws {
                guard let asOf else { return nil }
                guard let date = ISO8601Parser.date(asOf) else {
                    throw CommandFailure("--as-of '\(asOf)' is not a date; write it as 2026-10-31.")
                }
                return date
            }
        }

        func load() throws -> AnalysisConfiguration {
            guard let configurationFile else { return AnalysisConfiguration() }
            guard let data = FileManager.default.contents(atPath: configurationFile) else {
                throw CommandFailure("cannot read the configuration file \(configurationFile); check the path.")
            }
            let configuration: AnalysisConfiguration
            do {
                configuration = try JSONDecoder().decode(AnalysisConfiguration.self, from: data)
            } catch let error as DecodingError {
                throw CommandFailure("\(configurationFile): \(ConfigurationErrorText.describe(error))")
            }
            do {
                try configuration.validate()
            } catch {
                throw CommandFailure("\(configurationFile): \(error)")
            }
            return configuration
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Analyse the base and write the scores (the default).")

        @OptionGroup var settings: Settings
        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Compute and print, but do not write the scores.")
        var dryRun = false

        @Flag(help: "Print how long each step took.")
        var timings = false

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let configuration = try settings.load()
                try AnalysisRun.perform(
                    store: store, database: options.displayName, configuration: configuration, asOf: try settings.asOfDate,
                    save: !dryRun, timings: timings)
            }
        }
    }

    struct ShowConfiguration: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "configuration", abstract: "Print the default settings as JSON, to edit and pass with --configuration.")

        func run() throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(AnalysisConfiguration())
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

/// Loads, analyses, saves and prints: shared by `analyze` and `demo`.
enum AnalysisRun {
    static func perform(
        store: any RapportStore, database: String, configuration: AnalysisConfiguration, asOf: CalendarDate?, save: Bool,
        timings: Bool
    ) throws {
        let started = ContinuousClock.now
        // On a terminal, say which step is running: a large base takes a minute.
        let interactive = Terminal.errorIsTerminal
        func step(_ name: String) {
            guard interactive else { return }
            Terminal.writeError("\r\u{1B}[Kanalysing: \(name)…")
        }
        func clearStep() { if interactive { Terminal.writeError("\r\u{1B}[K") } }
        defer { clearStep() }
        step("loading")
        let frames = try KnowledgeBaseFrames.load(
            from: store, asOf: asOf, fallbackDay: SystemClock().now.utcDate,
            signalWindowDays: configuration.signalWindowDays, vocabulary: configuration.events)
        let loaded = ContinuousClock.now
        var result = try CustomerAnalysis.run(frames, configuration: configuration, progress: step)
        result.report.timings.insert(AnalysisReport.Timing(step: "load", seconds: (loaded - started).secondsValue), at: 0)
        let computedAt = SystemClock().now
        if save {
            step("writing the scores")
            let saving = ContinuousClock.now
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let record = AnalysisRecord(
                id: 0, computedAt: computedAt, asOf: CalendarDate(dayNumber: Int64(frames.asOfDay)),
                customers: frames.customers.count,
                reportJSON: String(decoding: try encoder.encode(result.report), as: UTF8.self))
            // For crash tests: abort mid-write, as a `kill -9` would (`RAPPORT_FAULT_ABORT_AFTER_SCORES`).
            let abortAfter = ProcessInfo.processInfo.environment["RAPPORT_FAULT_ABORT_AFTER_SCORES"].flatMap { Int($0) }
            let analysed = result
            let rows = (0 ..< frames.customers.count).lazy.map { customer in
                if let abortAfter, customer >= abortAfter { abort() }
                return analysed.scores(at: customer)
            }
            try store.saveAnalysis(rows, record: record)
            result.report.timings.append(AnalysisReport.Timing(step: "save", seconds: (ContinuousClock.now - saving).secondsValue))
        }
        clearStep()
        AnalysisPrinter.print(result.report, orphanOrders: frames.orphanOrders)
        if timings {
            print("\nTimings")
            for timing in result.report.timings {
                print("  \(timing.step.padding(toLength: 22, withPad: " ", startingAt: 0)) \(Terminal.decimal(timing.seconds, places: 3)) s")
            }
        }
        let total = (ContinuousClock.now - started).secondsValue
        if save {
            print("\nScores of \(Terminal.count(frames.customers.count)) people written to \(database) in \(Terminal.decimal(total, places: 1)) s; see one with: rapport customer show ID")
        } else {
            print("\nDry run: nothing written (\(Terminal.decimal(total, places: 1)) s).")
        }
    }
}

extension Duration {
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Turns a decoding error of a configuration file into one sentence with the setting's path.
enum ConfigurationErrorText {
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the file" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing '\(key.stringValue)'"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "\(path(context)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }
}
