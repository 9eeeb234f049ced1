/// Per-customer repeat-purchase summaries in one time unit (weeks throughout Rapport): `frequency`
/// x is the number of repeat purchase occasions, `recency` tₓ the time of the last purchase since
/// the first, `age` T the time from the first purchase to the end of the observation period.
public struct RepeatPurchaseSummary: Sendable {
    public let frequency: [Double]
    public let recency: [Double]
    public let age: [Double]
    /// The largest frequency, for tables of terms that depend on x alone.
    public let maximumFrequency: Int

    public var count: Int { frequency.count }

    /// Every k-th customer, about `target` of them: a deterministic sample whose fit is a good
    /// start for the fit on everyone.
    func strided(toAbout target: Int) -> RepeatPurchaseSummary {
        let stride = max(count / max(target, 1), 1)
        let rows = Swift.stride(from: 0, to: count, by: stride)
        return RepeatPurchaseSummary(
            checked: rows.map { frequency[$0] }, recency: rows.map { recency[$0] }, age: rows.map { age[$0] })
    }

    /// Rows already checked by the public initialiser.
    private init(checked frequency: [Double], recency: [Double], age: [Double]) {
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.maximumFrequency = Int(frequency.max() ?? 0)
    }

    /// Checks every row: same lengths, x a whole number ≥ 0, 0 ≤ tₓ ≤ T, and tₓ = 0 when x = 0.
    public init(frequency: [Double], recency: [Double], age: [Double]) throws(ModelInputError) {
        guard frequency.count == recency.count, recency.count == age.count else {
            throw ModelInputError(
                row: min(frequency.count, recency.count, age.count), field: "length",
                value: "\(frequency.count)/\(recency.count)/\(age.count)", rule: "frequency, recency and age need one value per customer")
        }
        var maximum = 0.0
        for i in 0 ..< frequency.count {
            let x = frequency[i]
            let t = recency[i]
            let T = age[i]
            guard x >= 0, x == x.rounded(), x < 1e7 else {
                throw ModelInputError(row: i, field: "frequency", value: "\(x)", rule: "a whole number of repeat purchases, 0 or more")
            }
            guard T >= 0, T.isFinite else {
                throw ModelInputError(row: i, field: "age", value: "\(T)", rule: "a finite time of 0 or more")
            }
            guard t >= 0, t <= T * (1 + 1e-12) + 1e-12 else {
                throw ModelInputError(row: i, field: "recency", value: "\(t)", rule: "between 0 and the age (\(T))")
            }
            guard x > 0 || t == 0 else {
                throw ModelInputError(row: i, field: "recency", value: "\(t)", rule: "0 for a customer without repeat purchases")
            }
            maximum = max(maximum, x)
        }
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.maximumFrequency = Int(maximum)
    }
}

/// A summary row that breaks a rule, by 0-based row index.
public struct ModelInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var row: Int
    public var field: String
    public var value: String
    public var rule: String

    public var description: String { "row \(row + 1), \(field) \(value): must be \(rule)" }
}

/// What every customer-base model answers about one customer with summary (x, tₓ, T).
public protocol RepeatPurchaseModel: Sendable {
    /// The parameters by name, in the model's usual order.
    var parameters: [(name: String, value: Double)] { get }
    /// Probability that the customer is still active at T.
    func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) -> Double
    /// Expected purchases in (T, T + `duration`].
    func expectedPurchases(inNext duration: Double, frequency x: Double, recency t: Double, age T: Double) -> Double
    /// Expected purchases in (T, T + d] for each d of `durations` (ascending), as
    /// ``expectedPurchases(inNext:frequency:recency:age:)`` would give them one by one.
    func expectedPurchases(inNext durations: [Double], frequency x: Double, recency t: Double, age T: Double) -> [Double]
    /// Expected purchases of a customer in the `duration` after their first purchase.
    func expectedPurchasesOfNewCustomer(within duration: Double) -> Double
    /// The log-likelihood of one customer's summary.
    func logLikelihood(frequency x: Double, recency t: Double, age T: Double) -> Double
}

extension RepeatPurchaseModel {
    public func expectedPurchases(inNext durations: [Double], frequency x: Double, recency t: Double, age T: Double) -> [Double] {
        durations.map { expectedPurchases(inNext: $0, frequency: x, recency: t, age: T) }
    }
}
