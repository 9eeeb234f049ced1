import Foundation

/// The BG/NBD model of Fader, Hardie & Lee (2005): while alive a customer buys at a Poisson rate λ
/// (gamma(r, α) across customers) and after each purchase drops out with probability p
/// (beta(a, b) across customers). Times are in the unit of the summary (weeks in Rapport).
public struct BGNBD: RepeatPurchaseModel, Hashable {
    public let r: Double
    public let alpha: Double
    public let a: Double
    public let b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    public var parameters: [(name: String, value: Double)] { [("r", r), ("alpha", alpha), ("a", a), ("b", b)] }

    /// Fits the four parameters by maximum likelihood (BFGS on their logarithms, analytic
    /// gradient), with standard errors from the observed information.
    public static func fit(_ summary: RepeatPurchaseSummary, options: FitOptions = FitOptions()) throws(ModelFitError) -> ModelFit<BGNBD> {
        guard summary.count >= 2 else { throw .tooFewCustomers(model: "BG/NBD", needed: 2, found: summary.count) }
        var options = options
        options.modelName = "BG/NBD"
        let start = [1, max(summary.age.reduce(0, +) / Double(summary.count), 1), 1, 1]
        let fitted = try MaximumLikelihood.warmStarted(summary, start: start, options: options) {
            data, start, options throws(ModelFitError) in
            try MaximumLikelihood.fit(start: start, names: ["r", "alpha", "a", "b"], options: options) { p, gradient in
                let (value, g) = Self.logLikelihoodAndGradient(data, r: p[0], alpha: p[1], a: p[2], b: p[3])
                for i in 0 ..< 4 { gradient[i] = -g[i] }
                return -value
            }
        }
        let v = fitted.values
        return ModelFit(model: BGNBD(r: v[0], alpha: v[1], a: v[2], b: v[3]), parameters: fitted, customers: summary.count)
    }

    /// Σ log-likelihood over the summary and its gradient in (r, α, a, b). Terms that depend on x
    /// alone are computed once per distinct x.
    static func logLikelihoodAndGradient(
        _ s: RepeatPurchaseSummary, r: Double, alpha: Double, a: Double, b: Double
    ) -> (Double, [Double]) {
        let table = FrequencyTable(maximum: s.maximumFrequency) { x in
            [
                SpecialFunctions.logGamma(r + x) + SpecialFunctions.logGamma(b + x) - SpecialFunctions.logGamma(a + b + x),
                SpecialFunctions.digamma(r + x), SpecialFunctions.digamma(b + x), SpecialFunctions.digamma(a + b + x),
                x > 0 ? log(a) - log(b + x - 1) : 0, x > 0 ? 1 / (b + x - 1) : 0,
            ]
        }
        let constant = -SpecialFunctions.logGamma(r) + r * log(alpha) - SpecialFunctions.logGamma(b) + SpecialFunctions.logGamma(a + b)
        let digammaR = SpecialFunctions.digamma(r)
        let digammaB = SpecialFunctions.digamma(b)
        let digammaAB = SpecialFunctions.digamma(a + b)
        let totals = ParallelSum.sum(rows: s.count, width: 5) { rows in
            var value = 0.0, gr = 0.0, galpha = 0.0, ga = 0.0, gb = 0.0
            let width = table.width
            table.values.withUnsafeBufferPointer { table in
                s.frequency.withUnsafeBufferPointer { frequency in
                    s.recency.withUnsafeBufferPointer { recency in
                        s.age.withUnsafeBufferPointer { age in
                            for i in rows {
                                let x = frequency[i]
                                let terms = table.baseAddress! + Int(x) * width
                                let logAlphaT = log(alpha + age[i])
                                let a3 = -(r + x) * logAlphaT
                                var w4 = 0.0
                                var logTx = 0.0
                                var mixture = a3
                                if x > 0 {
                                    logTx = log(alpha + recency[i])
                                    let a4 = terms[4] - (r + x) * logTx
                                    // ln(e^a3 + e^a4) and the weight of the second term, from one exp.
                                    if a4 <= a3 {
                                        let e = exp(a4 - a3)
                                        mixture = a3 + log1p(e)
                                        w4 = e / (1 + e)
                                    } else {
                                        let e = exp(a3 - a4)
                                        mixture = a4 + log1p(e)
                                        w4 = 1 / (1 + e)
                                    }
                                }
                                let w3 = 1 - w4
                                value += terms[0] + mixture
                                gr += terms[1] - w3 * logAlphaT - w4 * logTx
                                galpha -= (r + x) * (w3 / (alpha + age[i]) + w4 / (alpha + recency[i]))
                                ga -= terms[3]
                                gb += terms[2] - terms[3]
                                if x > 0 {
                                    ga += w4 / a
                                    gb -= w4 * terms[5]
                                }
                            }
                        }
                    }
                }
            }
            return [value, gr, galpha, ga, gb]
        }
        let n = Double(s.count)
        let value = totals[0] + n * constant
        let gradient = [
            totals[1] + n * (-digammaR + log(alpha)),
            totals[2] + n * r / alpha,
            totals[3] + n * digammaAB,
            totals[4] + n * (digammaAB - digammaB),
        ]
        return (value, gradient)
    }

    public func logLikelihood(frequency x: Double, recency t: Double, age T: Double) -> Double {
        let a1 = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha)
        let a2 = SpecialFunctions.logBeta(a, b + x) - SpecialFunctions.logBeta(a, b)
        let a3 = -(r + x) * log(alpha + T)
        let a4 = x > 0 ? log(a) - log(b + x - 1) - (r + x) * log(alpha + t) : -Double.infinity
        return a1 + a2 + SpecialFunctions.logAddExp(a3, a4)
    }

    /// 1 for a customer without repeat purchases (BG/NBD customers can only drop out after a
    /// purchase), else 1 / (1 + a/(b + x − 1) · ((α + T)/(α + tₓ))^(r + x)), computed in logs.
    public func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) -> Double {
        guard x > 0 else { return 1 }
        let logOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + t))
        return 1 / (1 + exp(logOdds))
    }

    /// E[Y(t) | x, tₓ, T] (FHL 2005, eq. 10).
    public func expectedPurchases(inNext duration: Double, frequency x: Double, recency t: Double, age T: Double) -> Double {
        guard duration > 0 else { return 0 }
        let z = duration / (alpha + T + duration)
        guard let f = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z) else { return .nan }
        let power = exp((r + x) * (log(alpha + T) - log(alpha + T + duration)))
        let numerator = (a + b + x - 1) / (a - 1) * (1 - power * f)
        guard x > 0 else { return numerator }
        let logOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + t))
        return numerator / (1 + exp(logOdds))
    }

    /// The same for several horizons at once, sharing the hypergeometric series.
    public func expectedPurchases(inNext durations: [Double], frequency x: Double, recency t: Double, age T: Double) -> [Double] {
        let positive = durations.filter { $0 > 0 }
        guard let f = Hypergeometric.f21(r + x, b + x, a + b + x - 1, positive.map { $0 / (alpha + T + $0) }) else {
            return durations.map { $0 > 0 ? .nan : 0 }
        }
        let odds = x > 0 ? exp(log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + t))) : 0
        var values = [Double](repeating: 0, count: durations.count - positive.count)
        for (duration, series) in zip(positive, f) {
            let power = exp((r + x) * (log(alpha + T) - log(alpha + T + duration)))
            values.append((a + b + x - 1) / (a - 1) * (1 - power * series) / (1 + odds))
        }
        return values
    }

    /// E[X(t)] = (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
    public func expectedPurchasesOfNewCustomer(within duration: Double) -> Double {
        guard duration > 0 else { return 0 }
        guard let f = Hypergeometric.f21(r, b, a + b - 1, duration / (alpha + duration)) else { return .nan }
        return (a + b - 1) / (a - 1) * (1 - exp(r * (log(alpha) - log(alpha + duration))) * f)
    }
}
