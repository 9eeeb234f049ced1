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

    /// ₂F₁(a, b; c; zⱼ) for several arguments at once, `zs` ascending: the ratio of consecutive
    /// terms, (a + k)(b + k)/((c + k)(k + 1)), is computed once per k for all of them, which is
    /// most of the work. Same domain and accuracy as the single-argument form; nil if any fails.
    static func f21(_ a: Double, _ b: Double, _ c: Double, _ zs: [Double], maximumTerms: Int = 1_000_000) -> [Double]? {
        guard let largest = zs.last, zs.allSatisfy({ $0 >= 0 && $0 <= largest }), largest < 1, a > 0, b > 0,
            c > 0 || c != c.rounded()
        else { return zs.isEmpty ? [] : nil }
        var terms = [Double](repeating: 1, count: zs.count)
        var sums = [Double](repeating: 1, count: zs.count)
        var k = 0.0
        for _ in 0 ..< maximumTerms {
            let ratio = (a + k) * (b + k) / ((c + k) * (k + 1))
            for j in zs.indices {
                terms[j] *= ratio * zs[j]
                sums[j] += terms[j]
            }
            // The largest argument converges last.
            let last = zs.count - 1
            if abs(terms[last]) < abs(sums[last]) * 1e-17 && c + k > 0 { return sums }
            guard sums[last].isFinite else { return nil }
            k += 1
        }
        return nil
    }
}
