import Foundation
import Testing

@testable import RapportAnalytics

@Suite("Pareto/NBD")
struct ParetoNBDTests {
    @Test(.enabled(if: CDNOWData.available, "needs ../shared/data/cdnow"))
    func reproducesThePublishedCDNOWFit() throws {
        let fit = try ParetoNBD.fit(try BGNBDTests.cdnow())
        let m = fit.model
        #expect(BGNBDTests.close(m.r, 0.553), "r \(m.r)")
        #expect(BGNBDTests.close(m.alpha, 10.578), "alpha \(m.alpha)")
        #expect(BGNBDTests.close(m.s, 0.606), "s \(m.s)")
        #expect(BGNBDTests.close(m.beta, 11.669), "beta \(m.beta)")
        #expect(BGNBDTests.close(fit.parameters.logLikelihood, -9595.0, within: 0.0005), "LL \(fit.parameters.logLikelihood)")
        #expect(fit.parameters.standardErrors.allSatisfy { ($0 ?? 0) > 0 })
    }

    /// P(alive) and E[Y(t)] by two-dimensional quadrature over ln λ and ln μ of the individual
    /// Pareto/NBD likelihood, without any hypergeometric function.
    static func quadrature(_ m: ParetoNBD, x: Double, t: Double, T: Double, horizon: Double) -> (alive: Double, expected: Double) {
        let points = 900
        // v = ln λ weighted by λ^(r+x) e^(−(α+tₓ)λ), the prior times the λ^x e^(−λ tₓ) every term
        // shares; v = ln μ weighted by its gamma(s, β) prior. Both on grids around their modes.
        func grid(shape: Double, rate: Double) -> [(value: Double, weight: Double)] {
            let mode = log(shape / rate)
            let low = mode - 60 / min(shape, 1), high = mode + 4
            let step = (high - low) / Double(points)
            return (0 ..< points).map { k in
                let v = low + (Double(k) + 0.5) * step
                return (exp(v), exp(shape * (v - mode) - rate * (exp(v) - exp(mode))) * step)
            }
        }
        let lambdas = grid(shape: m.r + x, rate: m.alpha + t)
        let mus = grid(shape: m.s, rate: m.beta)
        var alive = 0.0, dead = 0.0, expected = 0.0
        for (lambda, wl) in lambdas {
            for (mu, wm) in mus {
                let w = wl * wm
                // Individual likelihood / (λ^x e^(−λ tₓ)): alive at T, or died in (tₓ, T].
                let aliveTerm = exp(-lambda * (T - t) - mu * T)
                let deadTerm = mu / (lambda + mu) * (exp(-mu * t) - aliveTerm)
                alive += w * aliveTerm
                dead += w * deadTerm
                // Alive at T: purchases in the next `horizon` are λ/μ (1 − e^(−μ t)).
                expected += w * aliveTerm * lambda / mu * -expm1(-mu * horizon)
            }
        }
        return (alive / (alive + dead), expected / (alive + dead))
    }

    @Test(arguments: [(0.0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (9, 20, 39), (40, 70, 78)])
    func probabilityAliveAndExpectedPurchasesMatchQuadrature(x: Double, t: Double, T: Double) {
        for m in [ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669), ParetoNBD(r: 0.8, alpha: 6, s: 1.4, beta: 3)] {
            let check = Self.quadrature(m, x: x, t: t, T: T, horizon: 52)
            let alive = m.probabilityAlive(frequency: x, recency: t, age: T)
            let expected = m.expectedPurchases(inNext: 52, frequency: x, recency: t, age: T)
            #expect(abs(alive - check.alive) < 2e-3, "P(alive) \(alive) vs \(check.alive) for \(m)")
            #expect(abs(expected - check.expected) < 2e-3 * max(1, check.expected), "E[Y] \(expected) vs \(check.expected) for \(m)")
        }
    }

    @Test func largeHistoriesStayFiniteAndBranchesAgreeAtEqualScales() {
        let m = ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)
        for (x, t, T) in [(500.0, 4990.0, 5000.0), (500, 100, 5000), (2000, 9999, 10_000)] {
            let alive = m.probabilityAlive(frequency: x, recency: t, age: T)
            let ll = m.logLikelihood(frequency: x, recency: t, age: T)
            #expect(alive.isFinite && alive >= 0 && alive <= 1 && ll.isFinite, "\(x) \(t) \(T): \(alive) \(ll)")
        }
        #expect(m.probabilityAlive(frequency: 500, recency: 100, age: 5000) < 1e-6)
        // α just above, at and just below β: the two branches of the likelihood meet.
        let values = [11.669 + 1e-7, 11.669, 11.669 - 1e-7].map {
            ParetoNBD(r: 0.553, alpha: $0, s: 0.606, beta: 11.669).logLikelihood(frequency: 3, recency: 20, age: 39)
        }
        #expect(abs(values[0] - values[2]) < 1e-5 && abs(values[1] - values[0]) < 1e-5)
    }

    @Test func newCustomerExpectationMatchesSimulation() {
        let m = ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)
        var random = ModelRandom(seed: 21)
        var total = 0
        let customers = 200_000
        for _ in 0 ..< customers {
            let lambda = random.gamma(shape: m.r) / m.alpha
            let mu = random.gamma(shape: m.s) / m.beta
            let life = min(random.exponential() / mu, 39)
            var time = random.exponential() / lambda
            while time <= life {
                total += 1
                time += random.exponential() / lambda
            }
        }
        #expect(abs(m.expectedPurchasesOfNewCustomer(within: 39) - Double(total) / Double(customers)) < 0.02)
    }

    @Test func fitRecoversSimulatedParameters() throws {
        var random = ModelRandom(seed: 13)
        var x = [Double](), t = [Double](), age = [Double]()
        for _ in 0 ..< 6_000 {
            let T = 20 + 58 * random.uniform()
            let lambda = random.gamma(shape: 0.8) / 6
            let mu = random.gamma(shape: 1.4) / 30
            let life = min(random.exponential() / mu, T)
            var time = random.exponential() / lambda
            var purchases = 0.0, last = 0.0
            while time <= life {
                purchases += 1
                last = time
                time += random.exponential() / lambda
            }
            x.append(purchases)
            t.append(last)
            age.append(T)
        }
        let fit = try ParetoNBD.fit(try RepeatPurchaseSummary(frequency: x, recency: t, age: age))
        #expect(ModelSimulation.withinStandardErrors(fit.parameters, [0.8, 6, 1.4, 30]), "\(fit.parameters.values) ± \(fit.parameters.standardErrors)")
    }
}
