import RapportCore

/// The calibration/holdout check of a customer-base model: fit on the purchases up to the end of
/// a calibration period, predict each customer's purchase occasions in the holdout period that
/// follows, and compare with what they actually did.
public enum HoldoutValidation {
    /// One group of customers by their number of repeat purchases in the calibration period.
    public struct Group: Sendable, Hashable, Codable {
        /// "0", "1", … and "7+" for the last group.
        public var frequency: String
        public var customers: Int
        public var actual: Double
        public var predicted: Double
    }

    public struct Report: Sendable, Codable {
        public var calibrationEnd: String
        public var holdoutEnd: String
        public var holdoutWeeks: Double
        public var model: AnalysisReport.FittedModel
        /// Mean occasions per customer, by calibration frequency.
        public var groups: [Group]
        public var actualTotal: Double
        public var predictedTotal: Double
        /// Mean absolute error per customer.
        public var meanAbsoluteError: Double
        /// Pearson correlation of predicted and actual occasions across customers.
        public var correlation: Double
    }

    /// `frames` must hold the orders up to the end of the holdout period (its as-of day);
    /// customers are those who bought in the calibration period (up to `calibrationEndDay`).
    public static func run(
        _ frames: KnowledgeBaseFrames, calibrationEndDay: Int32, model kind: RepeatPurchaseModelKind
    ) throws -> Report {
        let holdoutEnd = frames.asOfDay
        guard calibrationEndDay < holdoutEnd else {
            throw AnalysisConfigurationError(
                setting: "calibration end", value: CalendarDay.text(calibrationEndDay),
                reason: "must be before the end of the holdout period (\(CalendarDay.text(holdoutEnd)))")
        }
        let calibration = CustomerActivity(frames.orders, asOfDay: calibrationEndDay, periodDays: nil)
        let buyers = (0 ..< calibration.count).filter { calibration.isBuyer($0) }
        guard buyers.count >= 2 else {
            throw AnalysisConfigurationError(
                setting: "calibration end", value: CalendarDay.text(calibrationEndDay),
                reason: "only \(buyers.count) customers bought by then; choose a later date")
        }
        let x = buyers.map { Double(calibration.occasions[$0] - 1) }
        let t = buyers.map { Double(calibration.lastDays[$0] - calibration.firstDays[$0]) / 7 }
        let age = buyers.map { Double(calibrationEndDay - calibration.firstDays[$0]) / 7 }
        let summary = try RepeatPurchaseSummary(frequency: x, recency: t, age: age)
        let (model, fitted) = try ModelFitting.fit(kind, summary)
        let weeks = Double(holdoutEnd - calibrationEndDay) / 7
        let orders = frames.orders
        var actual = [Double]()
        var predicted = [Double]()
        for (i, customer) in buyers.enumerated() {
            var occasions = 0
            var lastDay = Int32.min
            for row in orders.rows(of: customer) where orders.statuses[row] == .completed {
                let day = orders.days[row]
                if day > calibrationEndDay && day <= holdoutEnd && day != lastDay {
                    occasions += 1
                    lastDay = day
                }
            }
            actual.append(Double(occasions))
            predicted.append(model.expectedPurchases(inNext: weeks, frequency: x[i], recency: t[i], age: age[i]))
        }
        var groups: [Group] = []
        for bucket in 0 ... 7 {
            let members = x.indices.filter { bucket == 7 ? x[$0] >= 7 : x[$0] == Double(bucket) }
            guard !members.isEmpty else { continue }
            groups.append(
                Group(
                    frequency: bucket == 7 ? "7+" : String(bucket), customers: members.count,
                    actual: members.reduce(0) { $0 + actual[$1] } / Double(members.count),
                    predicted: members.reduce(0) { $0 + predicted[$1] } / Double(members.count)))
        }
        let n = Double(actual.count)
        let meanActual = actual.reduce(0, +) / n
        let meanPredicted = predicted.reduce(0, +) / n
        var covariance = 0.0, varianceActual = 0.0, variancePredicted = 0.0, absolute = 0.0
        for i in actual.indices {
            covariance += (actual[i] - meanActual) * (predicted[i] - meanPredicted)
            varianceActual += (actual[i] - meanActual) * (actual[i] - meanActual)
            variancePredicted += (predicted[i] - meanPredicted) * (predicted[i] - meanPredicted)
            absolute += abs(actual[i] - predicted[i])
        }
        let denominator = (varianceActual * variancePredicted).squareRoot()
        return Report(
            calibrationEnd: CalendarDay.text(calibrationEndDay), holdoutEnd: CalendarDay.text(holdoutEnd), holdoutWeeks: weeks,
            model: fitted, groups: groups, actualTotal: actual.reduce(0, +), predictedTotal: predicted.reduce(0, +),
            meanAbsoluteError: absolute / n, correlation: denominator > 0 ? covariance / denominator : 0)
    }
}
