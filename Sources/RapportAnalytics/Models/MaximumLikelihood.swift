import Foundation

/// Maximum-likelihood estimation of positive parameters: BFGS on their logarithms with a
/// backtracking line search, then standard errors from the inverse of the observed information
/// (the Hessian of the negative log-likelihood in the natural parameters, by central differences
/// of the analytic gradient).
enum MaximumLikelihood {
    /// The negative log-likelihood at natural parameters `p`, writing its gradient (with respect
    /// to `p`) into `gradient` unless `gradient` is empty. Returns +∞ where the likelihood is zero
    /// or undefined.
    typealias Objective = (_ p: [Double], _ gradient: inout [Double]) -> Double

    /// - Parameter analyticGradient: false when `objective` differentiates numerically; the
    ///   Hessian is then taken by second differences of the value, which are less noisy than
    ///   differences of a numerical gradient.
    static func fit(
        start: [Double], names: [String], options: FitOptions, analyticGradient: Bool = true, objective: Objective
    ) throws(ModelFitError) -> FittedParameters {
        let n = start.count
        // Work in θ = ln p: positivity for free, and better scaling.
        var theta = start.map { log($0) }
        var gradient = [Double](repeating: 0, count: n)
        func evaluate(_ theta: [Double], _ g: inout [Double]) -> Double {
            let p = theta.map { exp($0) }
            var natural = [Double](repeating: 0, count: n)
            let value = objective(p, &natural)
            for i in 0 ..< n { g[i] = natural[i] * p[i] }  // chain rule: ∂/∂θ = p ∂/∂p
            return value
        }
        var value = evaluate(theta, &gradient)
        guard value.isFinite else {
            throw .startNotFinite(model: options.modelName, start: zip(names, start).map { "\($0) \($1)" }.joined(separator: ", "))
        }
        var inverseHessian = options.initialInverseHessian ?? identity(n)
        var scaled = options.initialInverseHessian != nil
        var iterations = 0
        var converged = false
        while iterations < options.maximumIterations {
            iterations += 1
            let scale = max(abs(value), 1)
            if norm(gradient) <= options.gradientTolerance * scale {
                converged = true
                break
            }
            var direction = multiply(inverseHessian, gradient).map { -$0 }
            var slope = dot(direction, gradient)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                inverseHessian = identity(n)
                direction = gradient.map { -$0 }
                slope = dot(direction, gradient)
            }
            // Backtracking (Armijo) line search; steps in log space are capped at e² per parameter.
            let longest = direction.map(abs).max() ?? 0
            var step = longest > 2 ? 2 / longest : 1
            var candidate = theta
            var candidateGradient = gradient
            var candidateValue = Double.infinity
            var accepted = false
            // A sum over millions of customers is only known to about 1e-14 of its size: a step whose
            // change is below that noise is judged by the gradient, not by the value.
            let noise = 1e-14 * abs(value)
            for _ in 0 ..< 30 {
                for i in 0 ..< n { candidate[i] = theta[i] + step * direction[i] }
                candidateValue = evaluate(candidate, &candidateGradient)
                let withinNoise = abs(candidateValue - value) <= noise && norm(candidateGradient) < norm(gradient)
                if candidateValue.isFinite && (candidateValue <= value + 1e-4 * step * slope || withinNoise) {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else {
                // No step improves on the noise of the sum: stopped at the optimum if the gradient agrees.
                converged = norm(gradient) <= options.gradientTolerance * 1e3 * scale
                break
            }
            let s = (0 ..< n).map { candidate[$0] - theta[$0] }
            let y = (0 ..< n).map { candidateGradient[$0] - gradient[$0] }
            let improvement = value - candidateValue
            theta = candidate
            gradient = candidateGradient
            value = candidateValue
            let sy = dot(s, y)
            if !scaled && sy > 0 {
                // Shanno–Phua: size the first approximation by the curvature just seen.
                let scale = sy / dot(y, y)
                inverseHessian = identity(n).map { $0.map { $0 * scale } }
                scaled = true
            }
            if sy > 1e-12 {
                inverseHessian = bfgsUpdate(inverseHessian, s: s, y: y, sy: sy)
            }
            if improvement <= options.relativeTolerance * scale && norm(gradient) <= options.gradientTolerance * 1e3 * scale {
                converged = true
                break
            }
        }
        let parameters = theta.map { exp($0) }
        let errors =
            analyticGradient
            ? standardErrors(at: parameters, objective: objective)
            : standardErrors(at: parameters) { p in
                var valueOnly: [Double] = []  // an empty gradient asks for the value alone
                return objective(p, &valueOnly)
            }
        return FittedParameters(
            names: names, values: parameters, standardErrors: errors, logLikelihood: -value, iterations: iterations,
            converged: converged, inverseHessian: inverseHessian)
    }

    /// Fits a repeat-purchase model with `body(summary, start, options)`, first on an evenly spread
    /// sample when the summary is large (see ``FitOptions/warmStartAbove``): the sample's optimum
    /// and curvature start the fit on everyone, which then needs only a few evaluations.
    static func warmStarted(
        _ summary: RepeatPurchaseSummary, start: [Double], options: FitOptions,
        _ body: (RepeatPurchaseSummary, [Double], FitOptions) throws(ModelFitError) -> FittedParameters
    ) throws(ModelFitError) -> FittedParameters {
        guard summary.count > options.warmStartAbove else { return try body(summary, start, options) }
        let sample = summary.strided(toAbout: options.warmStartSample)
        let warm = try body(sample, start, options)
        return try body(summary, warm.values, options.continuing(from: warm, sampleCount: sample.count, count: summary.count))
    }

    /// √diag(H⁻¹) with H the Hessian of the negative log-likelihood at `p`; nil entries where H is
    /// not positive definite (a parameter the data cannot pin down).
    static func standardErrors(at p: [Double], objective: Objective) -> [Double?] {
        let n = p.count
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var centre = [Double](repeating: 0, count: n)
        var plus = [Double](repeating: 0, count: n)
        _ = objective(p, &centre)
        // Forward differences of the analytic gradient: n evaluations, error O(h) ≈ 1e-6 relative.
        for j in 0 ..< n {
            let h = 1e-6 * max(abs(p[j]), 1e-8)
            var up = p
            up[j] += h
            _ = objective(up, &plus)
            for i in 0 ..< n { hessian[i][j] = (plus[i] - centre[i]) / h }
        }
        for i in 0 ..< n {
            for j in 0 ..< i {
                let mean = (hessian[i][j] + hessian[j][i]) / 2
                hessian[i][j] = mean
                hessian[j][i] = mean
            }
        }
        guard let inverse = invert(hessian) else { return Array(repeating: nil, count: n) }
        return (0 ..< n).map { inverse[$0][$0] > 0 ? sqrt(inverse[$0][$0]) : nil }
    }

    /// The same from second differences of the value alone (step 10⁻⁴ relative).
    static func standardErrors(at p: [Double], value: ([Double]) -> Double) -> [Double?] {
        let n = p.count
        let h = p.map { 1e-4 * max(abs($0), 1e-8) }
        func at(_ i: Int, _ di: Double, _ j: Int, _ dj: Double) -> Double {
            var q = p
            q[i] += di * h[i]
            q[j] += dj * h[j]
            return value(q)
        }
        let centre = value(p)
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0 ..< n {
            hessian[i][i] = (at(i, 1, i, 0) - 2 * centre + at(i, -1, i, 0)) / (h[i] * h[i])
            for j in 0 ..< i {
                let mixed = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j])
                hessian[i][j] = mixed
                hessian[j][i] = mixed
            }
        }
        guard let inverse = invert(hessian) else { return Array(repeating: nil, count: n) }
        return (0 ..< n).map { inverse[$0][$0] > 0 ? sqrt(inverse[$0][$0]) : nil }
    }

    // MARK: Small dense linear algebra

    static func identity(_ n: Int) -> [[Double]] {
        (0 ..< n).map { i in (0 ..< n).map { $0 == i ? 1 : 0 } }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    static func norm(_ a: [Double]) -> Double { sqrt(dot(a, a)) }

    static func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] { m.map { dot($0, v) } }

    /// H⁺ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s).
    static func bfgsUpdate(_ h: [[Double]], s: [Double], y: [Double], sy: Double) -> [[Double]] {
        let n = s.count
        let rho = 1 / sy
        let hy = multiply(h, y)
        let yhy = dot(y, hy)
        var next = h
        for i in 0 ..< n {
            for j in 0 ..< n {
                next[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j])
            }
        }
        return next
    }

    /// Gauss–Jordan inversion with partial pivoting; nil for a singular matrix.
    static func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix
        var inverse = identity(n)
        for column in 0 ..< n {
            guard let pivot = (column ..< n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-300
            else { return nil }
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let scale = 1 / a[column][column]
            for j in 0 ..< n {
                a[column][j] *= scale
                inverse[column][j] *= scale
            }
            for row in 0 ..< n where row != column {
                let factor = a[row][column]
                guard factor != 0 else { continue }
                for j in 0 ..< n {
                    a[row][j] -= factor * a[column][j]
                    inverse[row][j] -= factor * inverse[column][j]
                }
            }
        }
        return inverse
    }
}
