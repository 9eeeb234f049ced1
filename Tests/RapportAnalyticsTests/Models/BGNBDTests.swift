import Foundation
import Testing

@testable import RapportAnalytics

@Suite("BG/NBD")
struct BGNBDTests {
    static func cdnow() throws -> RepeatPurchaseSummary {
        let c = try CDNOWData.columns("cdnow_customers_summary.csv")
        return try RepeatPurchaseSummary(frequency: c["frequency"]!, recency: c["recency"]!, age: c["T"]!)
    }

    static func close(_ value: Double, _ published: Double, within share: Double = 0.005) -> Bool {
        abs(value - published) <= share * abs(published)
    }

    @Test(.enabled(if: CDNOWData.available, "needs ../shared/data/cdnow"))
    func reproducesThePublishedCDNOWFit() throws {
        let fit = try BGNBD.fit(try Self.cdnow())
        let m = fit.model
        #expect(Self.close(m.r, 0.243), "r \(m.r)")
        #expect(Self.close(m.alpha, 4.414), "alpha \(m.alpha)")
        #expect(Self.close(m.a, 0.793), "a \(m.a)")
        #expect(Self.close(m.b, 2.426), "b \(m.b)")
        #expect(Self.close(fit.parameters.logLikelihood, -9582.4, within: 0.0005), "LL \(fit.parameters.logLikelihood)")
        #expect(fit.parameters.converged)
        // The standard errors lifetimes reports for this fit: 0.013, 0.379, 0.186, 0.705.
        for (error, published) in zip(fit.parameters.standardErrors, [0.013, 0.379, 0.186, 0.705]) {
            #expect(abs((error ?? 0) - published) < 0.002, "standard error \(String(describing: error)) vs \(published)")
        }
    }

    @Test func analyticGradientMatchesFiniteDifferences() throws {
        let s = try RepeatPurchaseSummary(frequency: [0, 1, 4, 12], recency: [0, 3.5, 20, 38], age: [10, 30, 39, 40])
        let p = [0.3, 5.0, 0.9, 2.1]
        let (_, g) = BGNBD.logLikelihoodAndGradient(s, r: p[0], alpha: p[1], a: p[2], b: p[3])
        for i in 0 ..< 4 {
            var up = p, down = p
            let h = 1e-6 * p[i]
            up[i] += h
            down[i] -= h
            let numeric =
                (BGNBD.logLikelihoodAndGradient(s, r: up[0], alpha: up[1], a: up[2], b: up[3]).0
                    - BGNBD.logLikelihoodAndGradient(s, r: down[0], alpha: down[1], a: down[2], b: down[3]).0) / (2 * h)
            #expect(abs(numeric - g[i]) <= 1e-5 * max(1, abs(g[i])), "parameter \(i): \(numeric) vs \(g[i])")
        }
        let model = BGNBD(r: p[0], alpha: p[1], a: p[2], b: p[3])
        let total = (0 ..< 4).map { model.logLikelihood(frequency: s.frequency[$0], recency: s.recency[$0], age: s.age[$0]) }.reduce(0, +)
        #expect(abs(total - BGNBD.logLikelihoodAndGradient(s, r: p[0], alpha: p[1], a: p[2], b: p[3]).0) < 1e-9)
    }
}

@Suite("BG/NBD predictions against independent computations")
struct BGNBDPredictionTests {
    static let model = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)

    @Test(arguments: [
        (0.0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (7, 35, 39), (25, 70, 78),
        // The overflow-prone corners: many purchases, a long history.
        (500, 4990, 5000), (500, 1000, 5000), (120, 260, 260),
    ])
    func probabilityAliveAndExpectedPurchasesMatchQuadrature(x: Double, t: Double, T: Double) {
        let m = Self.model
        let check = ModelChecks.bgnbd(r: m.r, alpha: m.alpha, a: m.a, b: m.b, x: x, t: t, T: T, horizon: 52)
        let alive = m.probabilityAlive(frequency: x, recency: t, age: T)
        let expected = m.expectedPurchases(inNext: 52, frequency: x, recency: t, age: T)
        #expect(alive.isFinite && expected.isFinite)
        #expect(abs(alive - check.alive) < 1e-4, "P(alive) \(alive) vs \(check.alive)")
        #expect(abs(expected - check.expected) < 1e-4 * max(1, check.expected), "E[Y] \(expected) vs \(check.expected)")
    }

    /// A small base's fit with a + b < 1: the hypergeometric function then has c = a + b − 1 < 0
    /// for customers without repeat purchases, which its series must handle.
    @Test func aFitWithSmallDropoutParametersStillPredicts() {
        let m = BGNBD(r: 0.6976, alpha: 19.25, a: 0.1243, b: 0.2258)
        let closed = m.expectedPurchasesOfNewCustomer(within: 52)
        let simulated = ModelChecks.simulatedNewCustomerPurchases(
            r: m.r, alpha: m.alpha, a: m.a, b: m.b, t: 52, customers: 400_000, seed: 12)
        #expect(abs(closed - simulated) < 0.03, "\(closed) vs \(simulated)")
        for (x, t, T) in [(0.0, 0.0, 38.86), (0, 0, 5000), (3, 20, 40)] {
            let expected = m.expectedPurchases(inNext: 52, frequency: x, recency: t, age: T)
            #expect(expected.isFinite && expected > 0, "\(x) \(t) \(T): \(expected)")
        }
    }

    @Test func newCustomerExpectationMatchesSimulation() {
        let m = Self.model
        let closed = m.expectedPurchasesOfNewCustomer(within: 39)
        let simulated = ModelChecks.simulatedNewCustomerPurchases(
            r: m.r, alpha: m.alpha, a: m.a, b: m.b, t: 39, customers: 200_000, seed: 11)
        // Standard error of the simulated mean is about 0.005 here.
        #expect(abs(closed - simulated) < 0.02, "\(closed) vs \(simulated)")
        // A brand-new customer's conditional expectation is the unconditional one.
        #expect(abs(m.expectedPurchases(inNext: 39, frequency: 0, recency: 0, age: 0) - closed) < 1e-9)
    }
}
