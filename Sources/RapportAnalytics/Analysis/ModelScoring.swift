import Foundation

/// The customer-base model step of an analysis: builds each buyer's repeat-purchase summary in
/// weeks, fits the configured purchase model and Gamma-Gamma, and scores every buyer with
/// P(alive), expected purchases and spend over the horizon, and the CLV.
struct ModelScoring {
    var probabilityAlive: [Double]
    var expectedPurchases: [Double]
    var expectedSpend: [Double]
    var lifetimeValue: [Double]

    /// The scores, the report, or why there are none.
    struct Outcome {
        var scoring: ModelScoring?
        var summary: AnalysisReport.ModelSummary?
        var skipped: String?
    }

    static func score(_ activity: CustomerActivity, configuration: AnalysisConfiguration) throws(AnalysisConfigurationError) -> Outcome {
        let n = activity.count
        let buyers = (0 ..< n).filter { activity.isBuyer($0) }
        // Summaries in weeks: x repeat occasions, tₓ and T from the first purchase.
        let x = buyers.map { Double(activity.occasions[$0] - 1) }
        let t = buyers.map { Double(activity.lastDays[$0] - activity.firstDays[$0]) / 7 }
        let age = buyers.map { Double(activity.asOfDay - activity.firstDays[$0]) / 7 }
        let spend = buyers.map { activity.meanRepeatSpend[$0] }
        let repeatBuyers = x.count { $0 > 0 }
        guard repeatBuyers >= configuration.minimumRepeatBuyers else {
            return Outcome(
                skipped: "\(repeatBuyers) buyers came back; the models need at least \(configuration.minimumRepeatBuyers) (minimumRepeatBuyers)")
        }
        let summary: RepeatPurchaseSummary
        let purchases: (model: any RepeatPurchaseModel, fit: AnalysisReport.FittedModel)
        do {
            summary = try RepeatPurchaseSummary(frequency: x, recency: t, age: age)
            purchases = try ModelFitting.fit(configuration.model, summary)
        } catch {
            return Outcome(skipped: "\(error)")
        }
        let gammaGamma = try? GammaGamma.fit(frequency: x, meanSpend: spend)
        let marginRate: Double
        let marginSource: String
        if let configured = configuration.marginRate {
            (marginRate, marginSource) = (configured, "configuration")
        } else if let observed = observedMarginRate(activity) {
            (marginRate, marginSource) = (observed, "orders")
        } else {
            (marginRate, marginSource) = (1, "none (revenue CLV)")
        }
        let clv = CustomerLifetimeValue(
            horizonMonths: configuration.horizonMonths, monthlyDiscountRate: configuration.monthlyDiscountRate,
            marginRate: marginRate)
        let months = clv.monthlyDurations

        // Per-buyer predictions, halves of the buyers on separate cores.
        let model = purchases.model
        let parts = buyers.count >= 20_000 ? 2 : 1
        let columns = ParallelColumns.map(parts) { part -> [[Double]] in
            let range = buyers.count * part / parts ..< buyers.count * (part + 1) / parts
            var alive = [Double](), expected = [Double](), spendColumn = [Double](), value = [Double]()
            for i in range {
                alive.append(model.probabilityAlive(frequency: x[i], recency: t[i], age: age[i]))
                // The monthly expectations of the CLV end at the horizon: one series serves both.
                let byMonth = model.expectedPurchases(inNext: months, frequency: x[i], recency: t[i], age: age[i])
                expected.append(byMonth.last ?? 0)
                let customerSpend =
                    gammaGamma?.model.conditionalExpectedSpend(frequency: x[i], meanSpend: spend[i])
                    ?? activity.revenue[buyers[i]] / Double(activity.orders[buyers[i]])
                spendColumn.append(customerSpend)
                value.append(clv.value(expectedByMonth: byMonth, spend: customerSpend))
            }
            return [alive, expected, spendColumn, value]
        }
        var scoring = ModelScoring(
            probabilityAlive: Array(repeating: .nan, count: n), expectedPurchases: Array(repeating: .nan, count: n),
            expectedSpend: Array(repeating: .nan, count: n), lifetimeValue: Array(repeating: .nan, count: n))
        var position = 0
        for part in columns {
            for j in part[0].indices {
                let customer = buyers[position]
                scoring.probabilityAlive[customer] = part[0][j]
                scoring.expectedPurchases[customer] = part[1][j]
                scoring.expectedSpend[customer] = part[2][j]
                scoring.lifetimeValue[customer] = part[3][j]
                position += 1
            }
        }
        let finite = { (values: [Double]) in values.filter(\.isFinite) }
        let alive = finite(scoring.probabilityAlive)
        let report = AnalysisReport.ModelSummary(
            purchases: purchases.fit, spend: gammaGamma.map { ModelFitting.report("Gamma-Gamma", $0.parameters, customers: $0.customers) },
            horizonMonths: configuration.horizonMonths, monthlyDiscountRate: configuration.monthlyDiscountRate,
            marginRate: marginRate, marginSource: marginSource,
            expectedPurchases: finite(scoring.expectedPurchases).reduce(0, +), lifetimeValue: finite(scoring.lifetimeValue).reduce(0, +),
            meanProbabilityAlive: alive.isEmpty ? 0 : alive.reduce(0, +) / Double(alive.count))
        return Outcome(scoring: scoring, summary: report)
    }

    /// Known margin over the revenue of the orders that carry a margin, or nil when none does.
    static func observedMarginRate(_ activity: CustomerActivity) -> Double? {
        var margin = 0.0
        var revenue = 0.0
        for customer in 0 ..< activity.count where activity.marginKnown[customer] {
            margin += activity.margin[customer]
            revenue += activity.revenue[customer]
        }
        guard revenue > 0 else { return nil }
        return min(max(margin / revenue, 0), 1)
    }
}

/// Fits a customer-base model chosen by name, for the analysis, the holdout check and `rapport
/// analyze fit`.
public enum ModelFitting {
    /// Fits the model `kind` names on `summary`.
    public static func fit(
        _ kind: RepeatPurchaseModelKind, _ summary: RepeatPurchaseSummary
    ) throws -> (model: any RepeatPurchaseModel, fit: AnalysisReport.FittedModel) {
        switch kind {
        case .bgnbd:
            let fit = try BGNBD.fit(summary)
            return (fit.model, report("BG/NBD", fit.parameters, customers: fit.customers))
        case .mbgnbd:
            let fit = try ModifiedBGNBD.fit(summary)
            return (fit.model, report("MBG/NBD", fit.parameters, customers: fit.customers))
        case .paretonbd:
            let fit = try ParetoNBD.fit(summary)
            return (fit.model, report("Pareto/NBD", fit.parameters, customers: fit.customers))
        }
    }

    /// The report entry of a fit.
    public static func report(_ name: String, _ p: FittedParameters, customers: Int) -> AnalysisReport.FittedModel {
        AnalysisReport.FittedModel(
            model: name, customers: customers,
            parameters: p.names.indices.map { .init(name: p.names[$0], value: p.values[$0], standardError: p.standardErrors[$0]) },
            logLikelihood: p.logLikelihood, converged: p.converged, iterations: p.iterations)
    }

}
