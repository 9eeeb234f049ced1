import Foundation
import RapportAnalytics

/// Prints an ``AnalysisReport`` in a screenful.
enum AnalysisPrinter {
    static func print(_ report: AnalysisReport, orphanOrders: Int) {
        func share(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "0%" : "\(Terminal.decimal(Double(part) * 100 / Double(whole), places: 1))%"
        }
        Swift.print(
            "Analysis as of \(report.asOf): \(Terminal.count(report.customers)) people, \(Terminal.count(report.buyers)) buyers, \(Terminal.count(report.orders)) orders"
        )
        if report.customers == 0 {
            Swift.print("  the base is empty: import customers and orders first (rapport import customers FILE), or try rapport demo")
        }
        if orphanOrders > 0 {
            Swift.print("  note: \(Terminal.count(orphanOrders)) orders belong to no known customer and were left out")
        }
        let period = report.rfm.periodDays.map { "last \($0) days" } ?? "whole history"
        Swift.print("\nRFM (\(period), \(describe(report.rfm.scales.frequency)))")
        for segment in report.rfm.segments where segment.customers > 0 {
            Swift.print("  \(pad(segment.name, 22)) \(pad(Terminal.count(segment.customers), 10, right: true))  \(share(segment.customers, report.buyers))")
        }
        Swift.print("  F scores 1..5: \(report.rfm.frequencyScores.map(Terminal.count).joined(separator: " / "))")

        if let models = report.models {
            Swift.print("\nCustomer-base model")
            Swift.print("  \(fitted(models.purchases))")
            if let spend = models.spend { Swift.print("  \(fitted(spend))") }
            Swift.print(
                "  next \(models.horizonMonths) months: \(Terminal.decimal(models.expectedPurchases, places: 0)) purchases expected, CLV \(Terminal.money(models.lifetimeValue)) (margin \(Terminal.decimal(models.marginRate * 100, places: 1))% from \(models.marginSource), discount \(Terminal.decimal(models.monthlyDiscountRate * 100, places: 2))%/month), mean P(alive) \(Terminal.decimal(models.meanProbabilityAlive, places: 2))"
            )
        } else if let reason = report.modelsSkipped {
            Swift.print("\nCustomer-base model: not fitted (\(reason))")
        }

        if !report.matrix.isEmpty {
            Swift.print("\nRelational matrix (rows: current value, columns: potential)")
            Swift.print("  \(pad("", 8)) \(pad("low", 24)) \(pad("medium", 24)) high")
            for value in ["high", "medium", "low"] {
                let cells = report.matrix.filter { $0.value.description == value }
                let text = cells.map { pad("\($0.strategy.rawValue) \(Terminal.count($0.customers))", 24) }.joined(separator: " ")
                Swift.print("  \(pad(value, 8)) \(text)".replacingOccurrences(of: " +$", with: "", options: .regularExpression))
            }
        }

        Swift.print("\nLifecycle")
        Swift.print("  " + report.lifecycle.map { "\($0.name) \(Terminal.count($0.customers))" }.joined(separator: ", "))

        Swift.print("\nTactical targets (members; main target)")
        for target in report.targets where target.members > 0 {
            Swift.print("  \(pad(target.target, 16)) \(pad(Terminal.count(target.members), 10, right: true))  \(pad(Terminal.count(target.main), 10, right: true))")
        }

        if let clusters = report.clusters {
            let quality = clusters.quality.first { $0.k == clusters.k }.map { Terminal.decimal($0.score, places: 3) } ?? "?"
            Swift.print("\nClusters: k = \(clusters.k) (\(clusters.qualityMeasure) \(quality)) over \(clusters.features.joined(separator: ", "))")
            for profile in clusters.profiles {
                let means = zip(clusters.features, profile.means).map { "\($0) \(Terminal.decimal($1, places: 1))" }.joined(separator: ", ")
                Swift.print("  \(profile.cluster) \(pad(profile.label, 34)) \(pad(Terminal.count(profile.customers), 9, right: true))  \(means)")
            }
        } else if let reason = report.clustersSkipped {
            Swift.print("\nClusters: none (\(reason))")
        }
    }

    static func describe(_ scale: ScoreScale) -> String {
        switch scale {
        case .quintiles(let ties): return "quintiles, ties \(ties.rawValue)"
        case .thresholds: return "fixed thresholds"
        }
    }

    static func fitted(_ model: AnalysisReport.FittedModel) -> String {
        let parameters = model.parameters.map { parameter in
            "\(parameter.name) \(significant(parameter.value))" + (parameter.standardError.map { " ±\(significant($0))" } ?? "")
        }
        return "\(model.model) on \(Terminal.count(model.customers)) customers: \(parameters.joined(separator: ", ")); log-likelihood \(Terminal.decimal(model.logLikelihood, places: 1)), \(model.iterations) iterations\(model.converged ? "" : " (did not converge)")"
    }

    static func significant(_ value: Double) -> String { String(format: "%.4g", value) }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text }
        let padding = String(repeating: " ", count: width - count)
        return right ? padding + text : text + padding
    }
}
