import Foundation

/// Customer lifetime value over a horizon, as the `lifetimes` package computes it: month by month
/// (months of 30 days), the purchases the model expects in that month times the expected spend and
/// the margin rate, discounted at a monthly rate.
public struct CustomerLifetimeValue: Sendable, Hashable {
    public var horizonMonths: Int
    public var monthlyDiscountRate: Double
    public var marginRate: Double
    /// Model time units in a 30-day month: 30/7 for weeks.
    public var unitsPerMonth: Double

    public init(horizonMonths: Int, monthlyDiscountRate: Double, marginRate: Double, unitsPerMonth: Double = 30.0 / 7.0) {
        self.horizonMonths = horizonMonths
        self.monthlyDiscountRate = monthlyDiscountRate
        self.marginRate = marginRate
        self.unitsPerMonth = unitsPerMonth
    }

    /// The horizons of the monthly steps, in model units: 0, 1 month, …, H months.
    public var monthlyDurations: [Double] { (0 ... max(horizonMonths, 1)).map { Double($0) * unitsPerMonth } }

    /// Σ over months i = 1 … H of [E(purchases by month i) − E(purchases by month i − 1)] × spend ×
    /// margin / (1 + d)^i, for a customer with summary (x, tₓ, T).
    public func value(
        of model: some RepeatPurchaseModel, frequency x: Double, recency t: Double, age T: Double, spend: Double
    ) -> Double {
        value(expectedByMonth: model.expectedPurchases(inNext: monthlyDurations, frequency: x, recency: t, age: T), spend: spend)
    }

    /// The same from the expected purchases at ``monthlyDurations``, when the caller has them.
    public func value(expectedByMonth expected: [Double], spend: Double) -> Double {
        var total = 0.0
        var discount = 1.0
        for month in 1 ..< expected.count {
            discount /= 1 + monthlyDiscountRate
            total += (expected[month] - expected[month - 1]) * spend * marginRate * discount
        }
        return total
    }
}
