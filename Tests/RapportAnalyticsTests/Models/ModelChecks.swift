import Foundation

@testable import RapportAnalytics

/// Independent numerical checks for the customer-base models: quadrature on simple rules, written
/// without the closed forms (and without the hypergeometric function) the models use.
enum ModelChecks {
    /// ∫₀¹ f(p) · Beta(p; a, b) dp by the midpoint rule after u = I-substitutions that remove the
    /// endpoint singularities: p = u^(1/a) near 0 is handled by integrating in u with p^(a−1)dp = du/a.
    static func betaExpectation(a: Double, b: Double, points: Int = 200_000, _ f: (Double) -> Double) -> Double {
        // Split at 1/2: near 0 use p = u^(1/a), near 1 use 1 − p = v^(1/b).
        let logNorm = lgamma(a + b) - lgamma(a) - lgamma(b)
        var total = 0.0
        let upperU = pow(0.5, a)
        for k in 0 ..< points {
            let u = (Double(k) + 0.5) / Double(points) * upperU
            let p = pow(u, 1 / a)
            // p^(a−1) dp = du / a
            total += f(p) * exp(logNorm + (b - 1) * log1p(-p)) / a * (upperU / Double(points))
        }
        let upperV = pow(0.5, b)
        for k in 0 ..< points {
            let v = (Double(k) + 0.5) / Double(points) * upperV
            let q = pow(v, 1 / b)  // q = 1 − p
            total += f(1 - q) * exp(logNorm + (a - 1) * log1p(-q)) / b * (upperV / Double(points))
        }
        return total
    }

    /// BG/NBD P(alive) and E[Y(t)] by integrating over the dropout probability p numerically.
    static func bgnbd(
        r: Double, alpha: Double, a: Double, b: Double, x: Double, t: Double, T: Double, horizon: Double
    ) -> (alive: Double, expected: Double) {
        // Every term is divided by (α + T)^−(r+x) so that large x and T stay representable.
        func alive(_ p: Double) -> Double { exp(x * log1p(-p)) }
        func dead(_ p: Double) -> Double {
            x > 0 ? exp(log(p) + (x - 1) * log1p(-p) + (r + x) * (log(alpha + T) - log(alpha + t))) : 0
        }
        let aliveMass = betaExpectation(a: a, b: b, alive)
        let total = aliveMass + betaExpectation(a: a, b: b, dead)
        // Alive at T with rate λ and dropout p: E[purchases in t] = (1 − e^(−λ p t)) / p, and the
        // λ-integral of that against the posterior is 1 − ((α + T)/(α + T + p t))^(r+x).
        let expected = betaExpectation(a: a, b: b) { p in
            exp(x * log1p(-p)) * -expm1(-(r + x) * (log(alpha + T + p * horizon) - log(alpha + T))) / p
        }
        return (aliveMass / total, expected / total)
    }

    /// Monte-Carlo mean of BG/NBD purchases in (0, t] after a first purchase at 0.
    static func simulatedNewCustomerPurchases(r: Double, alpha: Double, a: Double, b: Double, t: Double, customers: Int, seed: UInt64) -> Double {
        var random = ModelRandom(seed: seed)
        var total = 0
        for _ in 0 ..< customers {
            let lambda = random.gamma(shape: r) / alpha
            let p = random.beta(a, b)
            var time = 0.0
            while true {
                time += random.exponential() / lambda
                if time > t { break }
                total += 1
                if random.uniform() < p { break }
            }
        }
        return Double(total) / Double(customers)
    }
}

/// The seeded generator of the analytics module with the variates the model tests need.
struct ModelRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// Uniform in (0, 1): never 0, so that logarithms stay finite.
    mutating func uniform() -> Double { generator.uniform() + 0.5 / 9_007_199_254_740_992 }

    mutating func exponential() -> Double { -log(uniform()) }

    mutating func normal() -> Double { sqrt(-2 * log(uniform())) * cos(2 * .pi * uniform()) }

    /// Gamma(shape, 1) by Marsaglia & Tsang, with the shape < 1 boost.
    mutating func gamma(shape: Double) -> Double {
        if shape < 1 { return gamma(shape: shape + 1) * pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3
        let c = 1 / sqrt(9 * d)
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        return x / (x + gamma(shape: b))
    }
}
