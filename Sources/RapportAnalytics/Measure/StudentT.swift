import Foundation

/// Student's t distribution with any positive (not necessarily whole) degrees of freedom, as the
/// Welch test needs.
public enum StudentT {
    /// P(T > |t|) × 2: the two-sided p-value of `t` with `degreesOfFreedom`.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        return RegularizedBeta.value(x: df / (df + t * t), a: df / 2, b: 0.5)
    }

    /// P(T ≤ t).
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = twoSidedPValue(t, degreesOfFreedom: df) / 2
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, 0 < p < 1: bracketed bisection on ``cdf`` started from the normal
    /// quantile, to a relative precision of about 1e-13.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1, "a probability strictly between 0 and 1")
        if p == 0.5 { return 0 }
        let upper = p > 0.5
        let target = upper ? p : 1 - p
        var low = 0.0
        var high = max(1.0, StandardNormal.quantile(target) * 2)
        while cdf(high, degreesOfFreedom: df) < target { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle, degreesOfFreedom: df) < target { low = middle } else { high = middle }
            if high - low <= 1e-14 * max(1, high) { break }
        }
        let t = (low + high) / 2
        return upper ? t : -t
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz),
/// using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
enum RegularizedBeta {
    static func value(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// ln B(a, b), without the cancellation of ln Γ(a) − ln Γ(a + b) when one argument is large
    /// (Welch's degrees of freedom reach hundreds of thousands): there ln Γ(big + small) − ln Γ(big)
    /// comes from Stirling's series, written so that nothing large is subtracted.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let big = max(a, b)
        let small = min(a, b)
        guard big > 100 else { return SpecialFunctions.logBeta(a, b) }
        func series(_ x: Double) -> Double {
            let inverse = 1 / x
            let inverse2 = inverse * inverse
            return inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 / 1260))
        }
        let growth = (big - 0.5) * log1p(small / big) + small * log(big + small) - small
            + (series(big + small) - series(big))
        return SpecialFunctions.logGamma(small) - growth
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return result
    }
}
