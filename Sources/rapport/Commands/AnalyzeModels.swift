import ArgumentParser
import Foundation
import RapportAnalytics
import RapportCore
import RapportIngest


extension Analyze {
    struct Holdout: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a customer-base model: fit it up to a date, predict the period after, compare with what happened.")

        @Option(help: "The last day of the calibration period (YYYY-MM-DD).")
        var calibrationEnd: String

        @Option(help: "The last day of the holdout period (YYYY-MM-DD); by default the day of the latest order.")
        var holdoutEnd: String?

        @Option(help: "The model: bg-nbd, pareto-nbd or mbg-nbd.")
        var model = "bg-nbd"

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                guard let calibration = ISO8601Parser.date(calibrationEnd) else {
                    throw CommandFailure("--calibration-end '\(calibrationEnd)' is not a date; write it as 2026-03-31.")
                }
                let end = try holdoutEnd.map { text in
                    guard let date = ISO8601Parser.date(text) else {
                        throw CommandFailure("--holdout-end '\(text)' is not a date; write it as 2026-10-31.")
                    }
                    return date
                }
                let store = try options.open()
                let frames = try KnowledgeBaseFrames.load(
                    from: store, asOf: end, fallbackDay: SystemClock().now.utcDate, signalWindowDays: 1,
                    vocabulary: EventVocabulary())
                guard let kind = RepeatPurchaseModelKind(rawValue: model) else {
                    throw CommandFailure("--model '\(model)' is not a model; write bg-nbd, pareto-nbd or mbg-nbd.")
                }
                let report = try HoldoutValidation.run(frames, calibrationEndDay: Int32(calibration.dayNumber), model: kind)
                Self.print(report)
            }
        }

        static func print(_ report: HoldoutValidation.Report) {
            Swift.print(
                "Calibration up to \(report.calibrationEnd), holdout to \(report.holdoutEnd) (\(Terminal.decimal(report.holdoutWeeks, places: 1)) weeks)")
            Swift.print("  \(AnalysisPrinter.fitted(report.model))")
            Swift.print("\n  repeat purchases    customers   actual per customer   predicted per customer")
            Swift.print("  in calibration")
            for group in report.groups {
                Swift.print(
                    "  \(AnalysisPrinter.pad(group.frequency, 18)) \(AnalysisPrinter.pad(Terminal.count(group.customers), 10, right: true))   \(AnalysisPrinter.pad(Terminal.decimal(group.actual, places: 3), 19, right: true))   \(AnalysisPrinter.pad(Terminal.decimal(group.predicted, places: 3), 22, right: true))"
                )
            }
            Swift.print(
                "\n  total purchase occasions: actual \(Terminal.decimal(report.actualTotal, places: 0)), predicted \(Terminal.decimal(report.predictedTotal, places: 1)) (\(Terminal.decimal(report.predictedTotal / max(report.actualTotal, 1) * 100, places: 1))%)"
            )
            Swift.print(
                "  per customer: mean absolute error \(Terminal.decimal(report.meanAbsoluteError, places: 3)), correlation \(Terminal.decimal(report.correlation, places: 3))"
            )
        }
    }

    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit customer-base models on a summary file (ID,frequency,recency,T[,monetary_value]), as lifetimes does.",
            discussion: """
                The file holds one customer per line: the number of repeat purchases (frequency or x), the time of \
                the last purchase since the first (recency or t_x), the time from the first purchase to the end of \
                the period (T), in any one unit, and optionally the mean value of the repeat purchases \
                (monetary_value or zbar) for Gamma-Gamma.
                """)

        @Argument(help: "The summary CSV file.")
        var file: String

        @Option(help: "bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma, or all (the default).")
        var model = "all"

        func run() throws {
            try reportingErrors {
                let started = ContinuousClock.now
                let summaryFile = try CustomerSummaryFile.read(path: file)
                let read = ContinuousClock.now
                print("\(file): \(Terminal.count(summaryFile.ids.count)) customers read in \(Terminal.decimal((read - started).secondsValue, places: 2)) s")
                let kinds: [String] = model == "all" ? ["bg-nbd", "pareto-nbd", "mbg-nbd", "gamma-gamma"] : [model]
                let summary = try RepeatPurchaseSummary(
                    frequency: summaryFile.frequency, recency: summaryFile.recency, age: summaryFile.age)
                for kind in kinds {
                    let start = ContinuousClock.now
                    let report: AnalysisReport.FittedModel
                    if kind == "gamma-gamma" {
                        guard let spend = summaryFile.meanSpend else {
                            if model == "all" { continue }
                            throw CommandFailure("\(file) has no monetary_value (or zbar) column for gamma-gamma.")
                        }
                        let fit = try GammaGamma.fit(frequency: summaryFile.frequency, meanSpend: spend)
                        report = ModelFitting.report("Gamma-Gamma", fit.parameters, customers: fit.customers)
                    } else {
                        guard let modelKind = RepeatPurchaseModelKind(rawValue: kind) else {
                            throw CommandFailure("--model '\(kind)' is not a model; write bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma or all.")
                        }
                        report = try ModelFitting.fit(modelKind, summary).fit
                    }
                    let seconds = (ContinuousClock.now - start).secondsValue
                    print("\(AnalysisPrinter.fitted(report)) [\(Terminal.decimal(seconds, places: 3)) s]")
                }
            }
        }
    }
}
