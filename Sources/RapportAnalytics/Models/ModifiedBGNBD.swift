import Foundation

/// The MBG/NBD model of Batislam, Denizel & Filiztekin (2007): the BG/NBD except that a customer
/// may also drop out right after the first purchase, so that P(alive) of a one-time buyer
/// decreases with time too. Same parameters (r, α gamma purchase rates; a, b beta dropout).
public struct ModifiedBGNBD: RepeatPurchaseModel, Hashable {
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

    /// Fits the four parameters by maximum likelihood, as ``BGNBD/fit(_:options:)``.
    public static func fit(
        _ summary: RepeatPurchaseSummary, options: FitOptions = FitOptions()
    ) throws(ModelFitError) -> ModelFit<ModifiedBGNBD> {
        guard summary.count >= 2 else { throw .tooFewCustomers(model: "MBG/NBD", needed: 2, found: summary.count) }
        var options = options
        options.modelName = "MBG/NBD"
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
        return ModelFit(model: ModifiedBGNBD(r: v[0], alpha: v[1], a: v[2], b: v[3]), parameters: fitted, customers: summary.count)
    }

    /// ln L = ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x + 1) − ln B(a, b)
    ///        + ln[(α + T)^−(r+x) + a/(b + x) · (α + tₓ)^−(r+x)].
    static func logLikelihoodAndGradient(
        _ s: RepeatPurchaseSummary, r: Double, alpha: Double, a: Double, b: Double
    ) -> (Double, [Double]) {
        let table = FrequencyTable(maximum: s.maximumFrequency) { x in
            [
                SpecialFunctions.logGamma(r + x) + SpecialFunctions.logGamma(b + x + 1) - SpecialFunctions.logGamma(a + b + x + 1),
                SpecialFunctions.digamma(r + x), SpecialFunctions.digamma(b + x + 1), SpecialFunctions.digamma(a + b + x + 1),
                log(a) - log(b + x), 1 / (b + x),
            ]
        }
        let constant = -SpecialFunctions.logGamma(r) + r * log(alpha) - SpecialFunctions.logGamma(b) + SpecialFunctions.logGamma(a + b)
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
                                let logTx = log(alpha + recency[i])
                                let a3 = -(r + x) * logAlphaT
                                let a4 = terms[4] - (r + x) * logTx
                                let mixture: Double
                                let w4: Double
                                if a4 <= a3 {
                                    let e = exp(a4 - a3)
                                    mixture = a3 + log1p(e)
                                    w4 = e / (1 + e)
                                } else {
                                    let e = exp(a3 - a4)
                                    mixture = a4 + log1p(e)
                                    w4 = 1 / (1 + e)
                                }
                                let w3 = 1 - w4
                                value += terms[0] + mixture
                                gr += terms[1] - w3 * logAlphaT - w4 * logTx
                                galpha -= (r + x) * (w3 / (alpha + age[i]) + w4 / (alpha + recency[i]))
                                ga += w4 / a - terms[3]
                                gb += terms[2] - terms[3] - w4 * terms[5]
                            }
                        }
                    }
                }
            }
            return [value, gr, galpha, ga, gb]
        }
        let n = Double(s.count)
        let digammaAB = SpecialFunctions.digamma(a + b)
        return (
            totals[0] + n * constant,
            [
                totals[1] + n * (-SpecialFunctions.digamma(r) + log(alpha)),
                totals[2] + n * r / alpha,
                totals[3] + n * digammaAB,
                totals[4] + n * (digammaAB - SpecialFunctions.digamma(b)),
            ]
        )
    }

    public func logLikelihood(frequency x: Double, recency t: Double, age T: Double) -> Double {
        let a1 = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha)
        let a2 = SpecialFunctions.logBeta(a, b + x + 1) - SpecialFunctions.logBeta(a, b)
        return a1 + a2 + SpecialFunctions.logAddExp(-(r + x) * log(alpha + T), log(a) - log(b + x) - (r + x) * log(alpha + t))
    }

    /// 1 / (1 + a/(b + x) · ((α + T)/(α + tₓ))^(r + x)), for every x including 0.
    public func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) -> Double {
        let logOdds = log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + t))
        return 1 / (1 + exp(logOdds))
    }

    /// E[Y(t) | x, tₓ, T] = (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r + x)
    /// ₂F₁(r + x, b + x + 1; a + b + x; t/(α + T + t))] / [1 + a/(b + x) · ((α + T)/(α + tₓ))^(r + x)].
    public func expectedPurchases(inNext duration: Double, frequency x: Double, recency t: Double, age T: Double) -> Double {
        guard duration > 0 else { return 0 }
        let z = duration / (alpha + T + duration)
        guard let f = Hypergeometric.f21(r + x, b + x + 1, a + b + x, z) else { return .nan }
        let power = exp((r + x) * (log(alpha + T) - log(alpha + T + duration)))
        let logOdds = log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + t))
        return (a + b + x) / (a - 1) * (1 - power * f) / (1 + exp(logOdds))
    }

    /// The same for several horizons at once, sharing the hypergeometric series.
    public func expectedPurchases(inNext durations: [Double], frequency x: Double, recency t: Double, age T: Double) -> [Double] {
        let positive = durations.filter { $0 > 0 }
        guard let f = Hypergeometric.f21(r + x, b + x + 1, a + b + x, positive.map { $0 / (alpha + T + $0) }) else {
            return durations.map { $0 > 0 ? .nan : 0 }
        }
        let odds = exp(log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + t)))
        var values = [Double](repeating: 0, count: durations.count - positive.count)
        for (duration, series) in zip(positive, f) {
            let power = exp((r + x) * (log(alpha + T) - log(alpha + T + duration)))
            values.append((a + b + x) / (a - 1) * (1 - power * series) / (1 + odds))
        }
        return values
    }

    /// E[X(t)] = b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))].
    public func expectedPurchasesOfNewCustomer(within duration: Double) -> Double {
        guard duration > 0 else { return 0 }
        guard let f = Hypergeometric.f21(r, b + 1, a + b, duration / (alpha + duration)) else { return .nan }
        return b / (a - 1) * (1 - exp(r * (log(alpha) - log(alpha + duration))) * f)
    }
}
