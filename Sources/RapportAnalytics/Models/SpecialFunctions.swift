import Foundation
import RealModule

/// The special functions the customer-base models need, in double precision.
enum SpecialFunctions {
    /// ln Γ(x) for x > 0.
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { Double.logGamma(x) }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// The digamma function ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up
    /// to x ≥ 10, then the asymptotic series to the x⁻¹⁴ term (relative error below 1e-15).
    static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let inverse = 1 / x
        let inverse2 = inverse * inverse
        // Bernoulli terms B₂ₖ / (2k x²ᵏ), k = 1 … 7.
        let series =
            inverse2
            * (1.0 / 12
                - inverse2
                * (1.0 / 120
                    - inverse2
                    * (1.0 / 252
                        - inverse2
                        * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * (691.0 / 32760 - inverse2 / 12))))))
        return result + log(x) - 0.5 * inverse - series
    }

    /// ln(eᵃ + eᵇ) without overflow; −∞ terms are allowed.
    @inline(__always)
    static func logAddExp(_ a: Double, _ b: Double) -> Double {
        if a == -.infinity { return b }
        if b == -.infinity { return a }
        return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
    }
}
