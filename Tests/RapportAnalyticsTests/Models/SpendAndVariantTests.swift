import Foundation
import Testing

@testable import RapportAnalytics

/// Simulated summaries from known parameters, for recovery tests.
enum ModelSimulation {
    /// BG/NBD (or MBG/NBD when `dropAtStart`) customers observed for T ∈ [20, 78] weeks.
    static func summary(
        r: Double, alpha: Double, a: Double, b: Double, customers: Int, seed: UInt64, dropAtStart: Bool = false
    ) throws -> RepeatPurchaseSummary {
        var random = ModelRandom(seed: seed)
        var x = [Double](), t = [Double](), age = [Double]()
        for _ in 0 ..< customers {
            let T = 20 + 58 * random.uniform()
            let lambda = random.gamma(shape: r) / alpha
            let p = random.beta(a, b)
            var time = 0.0
            var purchases = 0.0
            var last = 0.0
            var alive = !(dropAtStart && random.uniform() < p)
            while alive {
                time += random.exponential() / lambda
                if time > T { break }
                purchases += 1
                last = time
                if random.uniform() < p { alive = false }
            }
            x.append(purchases)
            t.append(last)
            age.append(T)
        }
        return try RepeatPurchaseSummary(frequency: x, recency: t, age: age)
    }

    static func withinStandardErrors(_ fit: FittedParameters, _ truth: [Double], _ count: Double = 4) -> Bool {
        zip(zip(fit.values, fit.standardErrors), truth).allSatisfy { pair, true_ in
            guard let error = pair.1 else { return false }
            return abs(pair.0 - true_) <= count * error
        }
    }
}

@Suite("Gamma-Gamma, MBG/NBD, CLV")
struct SpendAndVariantTests {
    @Test(.enabled(if: CDNOWData.available, "needs ../shared/data/cdnow"))
    func gammaGammaReproducesThePublishedCDNOWFit() throws {
        let c = try CDNOWData.columns("cdnow_customers_summary_with_transactions.csv")
        let fit = try GammaGamma.fit(frequency: c["x"]!, meanSpend: c["zbar"]!)
        #expect(fit.customers == 946)
        #expect(BGNBDTests.close(fit.model.p, 6.25), "p \(fit.model.p)")
        #expect(BGNBDTests.close(fit.model.q, 3.74), "q \(fit.model.q)")
        #expect(BGNBDTests.close(fit.model.gamma, 15.44), "gamma \(fit.model.gamma)")
        #expect(BGNBDTests.close(fit.parameters.logLikelihood, -4055.9, within: 0.0005), "LL \(fit.parameters.logLikelihood)")
        // The expected average spend lifetimes documents for customers 1, 2 and 3 of this file.
        #expect(abs(fit.model.conditionalExpectedSpend(frequency: 2, meanSpend: 22.35) - 24.6586) < 0.01)
        #expect(abs(fit.model.conditionalExpectedSpend(frequency: 1, meanSpend: 11.77) - 18.9115) < 0.01)
        #expect(abs(fit.model.conditionalExpectedSpend(frequency: 0, meanSpend: 0) - 35.1710) < 0.01)
    }

    @Test(.enabled(if: CDNOWData.available, "needs ../shared/data/cdnow"))
    func modifiedBGNBDMatchesBTYDplusOnCDNOW() throws {
        let fit = try ModifiedBGNBD.fit(try BGNBDTests.cdnow())
        // BTYDplus (Platzer) and lifetimes' ModifiedBetaGeoFitter: r 0.525, α 6.183, a 0.891, b 1.614.
        for (value, published) in zip(fit.parameters.values, [0.525, 6.183, 0.891, 1.614]) {
            #expect(BGNBDTests.close(value, published, within: 0.01), "\(value) vs \(published)")
        }
        #expect(fit.parameters.converged)
    }

    @Test func fitsRecoverSimulatedParameters() throws {
        let truth = [0.6, 8.0, 1.4, 3.5]
        let bg = try BGNBD.fit(try ModelSimulation.summary(r: 0.6, alpha: 8, a: 1.4, b: 3.5, customers: 20_000, seed: 5))
        #expect(ModelSimulation.withinStandardErrors(bg.parameters, truth), "\(bg.parameters.values) ± \(bg.parameters.standardErrors)")
        let mbg = try ModifiedBGNBD.fit(
            try ModelSimulation.summary(r: 0.6, alpha: 8, a: 1.4, b: 3.5, customers: 20_000, seed: 6, dropAtStart: true))
        #expect(ModelSimulation.withinStandardErrors(mbg.parameters, truth), "\(mbg.parameters.values) ± \(mbg.parameters.standardErrors)")

        // Gamma-Gamma: per-customer ν ~ gamma(q, γ), purchase values ~ gamma(p, ν).
        var random = ModelRandom(seed: 8)
        var x = [Double](), m = [Double]()
        for _ in 0 ..< 20_000 {
            let purchases = Double(1 + Int(random.uniform() * 6))
            let nu = random.gamma(shape: 3.74) / 15.44
            let total = (0 ..< Int(purchases)).reduce(0.0) { sum, _ in sum + random.gamma(shape: 6.25) / nu }
            x.append(purchases)
            m.append(total / purchases)
        }
        let gg = try GammaGamma.fit(frequency: x, meanSpend: m)
        #expect(ModelSimulation.withinStandardErrors(gg.parameters, [6.25, 3.74, 15.44]), "\(gg.parameters.values) ± \(gg.parameters.standardErrors)")
    }

    @Test func modifiedModelPredictionsMatchSimulation() {
        let model = ModifiedBGNBD(r: 0.525, alpha: 6.183, a: 1.891, b: 1.614)
        var random = ModelRandom(seed: 3)
        var total = 0
        let customers = 200_000
        for _ in 0 ..< customers {
            let lambda = random.gamma(shape: model.r) / model.alpha
            let p = random.beta(model.a, model.b)
            var time = 0.0
            var alive = random.uniform() >= p
            while alive {
                time += random.exponential() / lambda
                if time > 30 { break }
                total += 1
                if random.uniform() < p { alive = false }
            }
        }
        let simulated = Double(total) / Double(customers)
        #expect(abs(model.expectedPurchasesOfNewCustomer(within: 30) - simulated) < 0.02)
        #expect(abs(model.expectedPurchases(inNext: 30, frequency: 0, recency: 0, age: 0) - model.expectedPurchasesOfNewCustomer(within: 30)) < 1e-9)
        // P(alive) of a one-time buyer falls with time in MBG/NBD, unlike BG/NBD.
        #expect(model.probabilityAlive(frequency: 0, recency: 0, age: 50) < model.probabilityAlive(frequency: 0, recency: 0, age: 5))
    }

    @Test func lifetimeValueDiscountsMonthlyIncrementsOfExpectedPurchases() {
        let model = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let undiscounted = CustomerLifetimeValue(horizonMonths: 12, monthlyDiscountRate: 0, marginRate: 1)
        let value = undiscounted.value(of: model, frequency: 2, recency: 30.43, age: 38.86, spend: 20)
        let expected = model.expectedPurchases(inNext: 12 * 30 / 7, frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(value - 20 * expected) < 1e-9)
        // Discounting by hand, month by month.
        let discounted = CustomerLifetimeValue(horizonMonths: 12, monthlyDiscountRate: 0.01, marginRate: 0.3)
        var byHand = 0.0
        for month in 1 ... 12 {
            let up = model.expectedPurchases(inNext: Double(month) * 30 / 7, frequency: 2, recency: 30.43, age: 38.86)
            let before = model.expectedPurchases(inNext: Double(month - 1) * 30 / 7, frequency: 2, recency: 30.43, age: 38.86)
            byHand += (up - before) * 20 * 0.3 / pow(1.01, Double(month))
        }
        #expect(abs(discounted.value(of: model, frequency: 2, recency: 30.43, age: 38.86, spend: 20) - byHand) < 1e-9)
        // A customer almost surely gone is worth almost nothing.
        #expect(undiscounted.value(of: model, frequency: 10, recency: 2, age: 78, spend: 20) < 0.5)
    }

    @Test func badSummariesAreRefusedWithTheRow() {
        #expect(throws: ModelInputError(row: 1, field: "recency", value: "50.0", rule: "between 0 and the age (40.0)")) {
            try RepeatPurchaseSummary(frequency: [0, 2], recency: [0, 50], age: [10, 40])
        }
        #expect(throws: ModelInputError.self) { try RepeatPurchaseSummary(frequency: [1.5], recency: [1], age: [2]) }
        #expect(throws: ModelInputError.self) { try RepeatPurchaseSummary(frequency: [0], recency: [3], age: [5]) }
    }
}

@Suite("Several horizons at once")
struct SharedSeriesTests {
    @Test(arguments: [(0.0, 0.0, 38.86), (2, 30.43, 38.86), (7, 35, 39), (500, 4990, 5000)])
    func horizonsTogetherEqualHorizonsOneByOne(x: Double, t: Double, T: Double) {
        let models: [any RepeatPurchaseModel] = [
            BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426), BGNBD(r: 0.6976, alpha: 19.25, a: 0.1243, b: 0.2258),
            ModifiedBGNBD(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614), ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669),
        ]
        let durations = (0 ... 24).map { Double($0) * 30 / 7 }
        for model in models {
            let together = model.expectedPurchases(inNext: durations, frequency: x, recency: t, age: T)
            for (duration, value) in zip(durations, together) {
                let alone = model.expectedPurchases(inNext: duration, frequency: x, recency: t, age: T)
                #expect(abs(value - alone) <= 1e-10 * max(1, abs(alone)), "\(model) \(duration): \(value) vs \(alone)")
            }
        }
    }
}
