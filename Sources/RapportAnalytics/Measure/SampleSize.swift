import Foundation

/// How many customers a campaign needs so that a given lift in a response rate is detected: the
/// normal approximation on Cohen's effect size h = 2 asin √p₁ − 2 asin √p₀, two-sided, as
/// statsmodels' `NormalIndPower().solve_power(proportion_effectsize(p1, p0), …)` computes it.
public struct SampleSize: Sendable, Hashable, Codable {
    /// The control group's expected rate.
    public var baselineRate: Double
    /// The treated group's rate to detect.
    public var treatedRate: Double
    public var alpha: Double
    public var power: Double
    /// Control customers per treated customer (a 10 % holdout is 1/9).
    public var controlRatio: Double
    /// Treated customers needed (fractional, as the formula gives it); nil when the rates are equal.
    public var treatedNeeded: Double?

    public init(baselineRate: Double, treatedRate: Double, alpha: Double = 0.05, power: Double = 0.8, controlRatio: Double = 1) {
        precondition((0...1).contains(baselineRate) && (0...1).contains(treatedRate), "rates are between 0 and 1")
        precondition(alpha > 0 && alpha < 1 && power > 0 && power < 1 && controlRatio > 0)
        self.baselineRate = baselineRate
        self.treatedRate = treatedRate
        self.alpha = alpha
        self.power = power
        self.controlRatio = controlRatio
        let h = abs(2 * asin(treatedRate.squareRoot()) - 2 * asin(baselineRate.squareRoot()))
        guard h > 0 else { return }
        treatedNeeded = Self.solve(effect: h, alpha: alpha, power: power, ratio: controlRatio)
    }

    /// Whole customers: treated and control, each rounded up.
    public var treatedCustomers: Int? { treatedNeeded.map { Int($0.rounded(.up)) } }
    public var controlCustomers: Int? { treatedNeeded.map { Int(($0 * controlRatio).rounded(.up)) } }
    public var totalCustomers: Int? {
        guard let treated = treatedCustomers, let control = controlCustomers else { return nil }
        return treated + control
    }

    /// The power of the two-sided test with `treated` customers and `ratio` × as many in control.
    public static func power(effect h: Double, treated: Double, alpha: Double, ratio: Double) -> Double {
        let effective = 1 / (1 / treated + 1 / (treated * ratio))
        let critical = StandardNormal.quantile(1 - alpha / 2)
        let shift = h * effective.squareRoot()
        return StandardNormal.survival(critical - shift) + StandardNormal.cdf(-critical - shift)
    }

    /// The smallest treated rate above `baselineRate` that `treated` customers (and `controlRatio`
    /// × as many in control) detect with `power` at level `alpha`, two-sided; nil when even a rate
    /// of 1 is not detected (too few customers) or there is no one.
    public static func minimumDetectableRate(
        baselineRate: Double, treated: Int, controlRatio: Double, alpha: Double = 0.05, power target: Double = 0.8
    ) -> Double? {
        guard treated > 0, controlRatio > 0, (0..<1).contains(baselineRate) else { return nil }
        let start = asin(baselineRate.squareRoot())
        let widest = Double.pi / 2 - start
        let n = Double(treated)
        guard power(effect: 2 * widest, treated: n, alpha: alpha, ratio: controlRatio) >= target else { return nil }
        var low = 0.0, high = 2 * widest
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if power(effect: middle, treated: n, alpha: alpha, ratio: controlRatio) < target { low = middle } else { high = middle }
        }
        let rate = sin(start + high / 2)
        return rate * rate
    }

    private static func solve(effect h: Double, alpha: Double, power target: Double, ratio: Double) -> Double {
        var low = 1e-9
        var high = 2.0
        while power(effect: h, treated: high, alpha: alpha, ratio: ratio) < target { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if power(effect: h, treated: middle, alpha: alpha, ratio: ratio) < target { low = middle } else { high = middle }
            if high - low <= 1e-12 * high { break }
        }
        return (low + high) / 2
    }
}
