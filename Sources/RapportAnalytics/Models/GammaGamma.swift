import Foundation

/// The Gamma-Gamma model of spend (Fader, Hardie & Lee 2005, "RFM and CLV"): the value of each
/// purchase is gamma(p, ν) around a customer's own mean, and ν is gamma(q, γ) across customers.
/// It is fitted on customers with repeat purchases, from their number x and the mean value m of
/// those purchases, and assumes spend independent of purchase frequency.
public struct GammaGamma: Sendable, Hashable {
    public let p: Double
    public let q: Double
    public let gamma: Double

    public init(p: Double, q: Double, gamma: Double) {
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    public var parameters: [(name: String, value: Double)] { [("p", p), ("q", q), ("gamma", gamma)] }

    /// Mean spend per purchase across customers, pγ/(q − 1); infinite when q ≤ 1.
    public var populationMeanSpend: Double { q > 1 ? p * gamma / (q - 1) : .infinity }

    /// E[spend | x, m] = (p(γ + x m))/(p x + q − 1): the customer's mean shrunk towards the
    /// population mean, the more so the fewer purchases; the population mean when x = 0.
    public func conditionalExpectedSpend(frequency x: Double, meanSpend m: Double) -> Double {
        guard x > 0 else { return populationMeanSpend }
        return p * (gamma + x * m) / (p * x + q - 1)
    }

    /// Fits p, q, γ on the customers with x > 0 and m > 0 (the others carry no information on
    /// spend and are skipped). `frequency` and `meanSpend` are per customer, in the same order.
    public static func fit(
        frequency: [Double], meanSpend: [Double], options: FitOptions = FitOptions()
    ) throws(ModelFitError) -> ModelFit<GammaGamma> {
        var x: [Double] = []
        var m: [Double] = []
        for i in 0 ..< min(frequency.count, meanSpend.count) where frequency[i] > 0 && meanSpend[i] > 0 && meanSpend[i].isFinite {
            guard frequency[i] == frequency[i].rounded(), frequency[i] < 1e7 else {
                throw .badInput(model: "Gamma-Gamma", row: i, field: "frequency", value: "\(frequency[i])", rule: "a whole number of repeat purchases")
            }
            x.append(frequency[i])
            m.append(meanSpend[i])
        }
        guard x.count >= 3 else { throw .tooFewCustomers(model: "Gamma-Gamma", needed: 3, found: x.count) }
        var options = options
        options.modelName = "Gamma-Gamma"
        var start = [1, 2, m.reduce(0, +) / Double(m.count)]
        if x.count > options.warmStartAbove {
            let stride = x.count / options.warmStartSample
            let rows = Array(Swift.stride(from: 0, to: x.count, by: stride))
            let warm = try fit(frequency: rows.map { x[$0] }, meanSpend: rows.map { m[$0] }, options: options).parameters
            start = warm.values
            options = options.continuing(from: warm, sampleCount: rows.count, count: x.count)
        }
        let fitted = try MaximumLikelihood.fit(start: start, names: ["p", "q", "gamma"], options: options) { p, gradient in
            let (value, g) = Self.logLikelihoodAndGradient(x: x, m: m, p: p[0], q: p[1], gamma: p[2])
            for i in 0 ..< 3 { gradient[i] = -g[i] }
            return -value
        }
        let v = fitted.values
        return ModelFit(model: GammaGamma(p: v[0], q: v[1], gamma: v[2]), parameters: fitted, customers: x.count)
    }

    /// ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m + px ln x − (px + q) ln(γ + m x),
    /// summed, with its gradient in (p, q, γ).
    static func logLikelihoodAndGradient(x: [Double], m: [Double], p: Double, q: Double, gamma: Double) -> (Double, [Double]) {
        let maximum = Int(x.max() ?? 0)
        // Whole frequencies get their gamma terms from a table; others are computed in place.
        let table = FrequencyTable(maximum: maximum) { x in
            x == 0
                ? [0, 0, 0]
                : [
                    SpecialFunctions.logGamma(p * x + q) - SpecialFunctions.logGamma(p * x),
                    SpecialFunctions.digamma(p * x + q), SpecialFunctions.digamma(p * x),
                ]
        }
        let totals = ParallelSum.sum(rows: x.count, width: 4) { rows in
            var value = 0.0, gp = 0.0, gq = 0.0, gg = 0.0
            let width = table.width
            table.values.withUnsafeBufferPointer { table in
                x.withUnsafeBufferPointer { x in
                    m.withUnsafeBufferPointer { m in
                        for i in rows {
                            let xi = x[i]
                            let mi = m[i]
                            let terms = table.baseAddress! + Int(xi) * width
                            let logM = log(mi)
                            let logX = log(xi)
                            let logGM = log(gamma + mi * xi)
                            value += terms[0] + (p * xi - 1) * logM + p * xi * logX - (p * xi + q) * logGM
                            gp += xi * (terms[1] - terms[2] + logM + logX - logGM)
                            gq += terms[1] - logGM
                            gg -= (p * xi + q) / (gamma + mi * xi)
                        }
                    }
                }
            }
            return [value, gp, gq, gg]
        }
        let n = Double(x.count)
        let value = totals[0] + n * (-SpecialFunctions.logGamma(q) + q * log(gamma))
        return (value, [totals[1], totals[2] + n * (-SpecialFunctions.digamma(q) + log(gamma)), totals[3] + n * q / gamma])
    }
}
