import Foundation

/// The Gauss hypergeometric function ₂F₁(a, b; c; z), for the arguments the customer-base models
/// give it: real a, b > 0, c not zero or a negative integer (c < 0 happens when a BG/NBD fit has
/// a + b < 1), and 0 ≤ z < 1.
enum Hypergeometric {
    /// ₂F₁(a, b; c; z) by its power series Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ, summed until a term no longer
    /// changes the sum in double precision. Every term is positive when c > 0, so there is no
    /// cancellation; with c < 0 only the first ⌈−c⌉ terms can be negative;
    /// the series converges like zᵏ, which takes about 40 / (1 − z) terms near z = 1 (the models give
    /// z = t / (α + T + t), close to 1 only for a horizon much longer than α + T). Returns nil when
    /// the series has not converged within `maximumTerms` or overflows.
    static func f21(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maximumTerms: Int = 1_000_000) -> Double? {
        guard z >= 0, z < 1, a > 0, b > 0, c > 0 || c != c.rounded() else { return nil }
        var term = 1.0
        var sum = 1.0
        var k = 0.0
        for _ in 0 ..< maximumTerms {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            let next = sum + term
            if (next == sum || abs(term) < abs(sum) * 1e-17) && c + k > 0 { return next }
            guard next.isFinite else { return nil }
            sum = next
            k += 1
        }
        return nil
    }
}
