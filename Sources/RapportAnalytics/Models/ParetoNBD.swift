import Foundation

/// The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; likelihood as in Fader & Hardie's
/// implementation notes): while alive a customer buys at a Poisson rate λ (gamma(r, α) across
/// customers) and lives an exponential time of rate μ (gamma(s, β)). Times are in the summary's unit.
public struct ParetoNBD: RepeatPurchaseModel, Hashable {
    public let r: Double
    public let alpha: Double
    public let s: Double
    public let beta: Double

    public init(r: Double, alpha: Double, s: Double, beta: Double) {
        self.r = r
        self.alpha = alpha
        self.s = s
        self.beta = beta
    }

    public var parameters: [(name: String, value: Double)] { [("r", r), ("alpha", alpha), ("s", s), ("beta", beta)] }

    /// Fits the four parameters by maximum likelihood. The gradient is taken by central
    /// differences of the log-likelihood (step 10⁻⁶ relative): the derivatives of the
    /// hypergeometric terms in their parameters have no convenient closed form.
    public static func fit(
        _ summary: RepeatPurchaseSummary, options: FitOptions = FitOptions()
    ) throws(ModelFitError) -> ModelFit<ParetoNBD> {
        guard summary.count >= 2 else { throw .tooFewCustomers(model: "Pareto/NBD", needed: 2, found: summary.count) }
        var options = options
        options.modelName = "Pareto/NBD"
        // Central differences carry an error of about 1e-9 of the value: ask no more of the gradient.
        options.gradientTolerance = max(options.gradientTolerance, 1e-8)
        let meanAge = max(summary.age.reduce(0, +) / Double(summary.count), 1)
        let start = [1, meanAge, 1, meanAge]
        let fitted = try MaximumLikelihood.warmStarted(summary, start: start, options: options) {
            data, start, options throws(ModelFitError) in
            try MaximumLikelihood.fit(
                start: start, names: ["r", "alpha", "s", "beta"], options: options, analyticGradient: false
            ) { p, gradient in
                let value = -Self.totalLogLikelihood(data, p)
                guard value.isFinite else { return .infinity }
                guard !gradient.isEmpty else { return value }  // a value-only evaluation
                for i in 0 ..< 4 {
                    var up = p
                    var down = p
                    let h = 1e-6 * p[i]
                    up[i] += h
                    down[i] -= h
                    gradient[i] = -(Self.totalLogLikelihood(data, up) - Self.totalLogLikelihood(data, down)) / (2 * h)
                }
                return value
            }
        }
        let v = fitted.values
        return ModelFit(model: ParetoNBD(r: v[0], alpha: v[1], s: v[2], beta: v[3]), parameters: fitted, customers: summary.count)
    }

    static func totalLogLikelihood(_ summary: RepeatPurchaseSummary, _ p: [Double]) -> Double {
        let model = ParetoNBD(r: p[0], alpha: p[1], s: p[2], beta: p[3])
        return ParallelSum.sum(rows: summary.count, width: 1) { rows in
            var total = 0.0
            for i in rows {
                total += model.logLikelihood(frequency: summary.frequency[i], recency: summary.recency[i], age: summary.age[i])
            }
            return [total]
        }[0]
    }

    public func logLikelihood(frequency x: Double, recency t: Double, age T: Double) -> Double {
        let constant = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha) + s * log(beta)
        let aliveAtT = -(r + x) * log(alpha + T) - s * log(beta + T)
        guard let dead = logDeathTerm(x: x, t: t, T: T) else { return -.infinity }
        return constant + SpecialFunctions.logAddExp(aliveAtT, dead)
    }

    /// ln[s/(r + s + x) · A₀], the likelihood of having died between tₓ and T (−∞ when tₓ = T).
    /// A₀ = F(tₓ) − F(T) with F(u) = ₂F₁(r + s + x, b′; r + s + x + 1; |α − β|/(m + u)) / (m + u)^(r+s+x),
    /// m = max(α, β) and b′ = s + 1 when α ≥ β, r + x otherwise: the branch keeps the argument in [0, 1).
    func logDeathTerm(x: Double, t: Double, T: Double) -> Double? {
        let sum = r + s + x
        let (m, second) = alpha >= beta ? (alpha, s + 1) : (beta, r + x)
        let difference = abs(alpha - beta)
        func logF(_ u: Double) -> Double? {
            guard let f = Hypergeometric.f21(sum, second, sum + 1, difference / (m + u)) else { return nil }
            return log(f) - sum * log(m + u)
        }
        guard let atT = logF(T), let atRecency = logF(t) else { return nil }
        let gap = atT - atRecency  // ≤ 0
        guard gap < 0 else { return -.infinity }
        return log(s / sum) + atRecency + log(-expm1(gap))
    }

    /// 1 / (1 + s/(r + s + x) · (α + T)^(r+x) (β + T)^s · A₀), in logs.
    public func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) -> Double {
        guard let dead = logDeathTerm(x: x, t: t, T: T) else { return .nan }
        let logRatio = dead + (r + x) * log(alpha + T) + s * log(beta + T)
        return 1 / (1 + exp(logRatio))
    }

    /// E[Y(t) | x, tₓ, T] = (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)] · P(alive),
    /// with its limit (r + x)(β + T)/(α + T) · ln((β + T + t)/(β + T)) · P(alive) at s = 1.
    public func expectedPurchases(inNext duration: Double, frequency x: Double, recency t: Double, age T: Double) -> Double {
        guard duration > 0 else { return 0 }
        let logGrowth = log(beta + T + duration) - log(beta + T)
        let whileAlive: Double
        if abs(s - 1) < 1e-9 {
            whileAlive = (r + x) * (beta + T) / (alpha + T) * logGrowth
        } else {
            whileAlive = (r + x) * (beta + T) / ((alpha + T) * (s - 1)) * -expm1(-(s - 1) * logGrowth)
        }
        return whileAlive * probabilityAlive(frequency: x, recency: t, age: T)
    }

    /// E[X(t)] = rβ/(α(s − 1)) · [1 − (β/(β + t))^(s−1)], and rβ/α · ln((β + t)/β) at s = 1.
    public func expectedPurchasesOfNewCustomer(within duration: Double) -> Double {
        guard duration > 0 else { return 0 }
        let logGrowth = log(beta + duration) - log(beta)
        if abs(s - 1) < 1e-9 { return r * beta / alpha * logGrowth }
        return r * beta / (alpha * (s - 1)) * -expm1(-(s - 1) * logGrowth)
    }
}
