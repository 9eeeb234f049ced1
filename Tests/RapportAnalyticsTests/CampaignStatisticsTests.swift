import Foundation
import Testing

@testable import RapportAnalytics

/// The campaign statistics against statsmodels on fixed cases
/// (`scripts/fixtures/statistics_fixture.py` wrote the expected values).
@Suite struct CampaignStatisticsTests {
    struct Expected: Decodable {
        struct ProportionCase: Decodable {
            var treated: [Int]
            var control: [Int]
            var alpha: Double
            var z: Double
            var p_value: Double
            var low: Double
            var high: Double
        }
        struct WelchCase: Decodable {
            var treated: [Double]
            var control: [Double]
            var alpha: Double
            var t: Double
            var p_value: Double
            var df: Double
            var low: Double
            var high: Double
        }
        struct SampleSizeCase: Decodable {
            var baseline: Double
            var treated: Double
            var alpha: Double
            var power: Double
            var ratio: Double
            var treated_needed: Double
        }
        struct Distributions: Decodable {
            var normal_quantile: [[Double]]
            var t_quantile: [[Double]]
            var t_two_sided: [[Double]]
        }
        var proportions: [ProportionCase]
        var welch: [WelchCase]
        var sample_size: [SampleSizeCase]
        var distributions: Distributions
    }

    static let expected: Expected = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/statsmodels_expected.json")
        // The fixture is committed; failing to read it is a broken checkout.
        return try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }()

    /// |actual − expected| within `relative` of the expected value's size (or of 1 below it).
    func close(_ actual: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= relative * max(1, abs(expected))
    }

    @Test func twoProportionZTestAndNewcombeIntervalMatchStatsmodels() {
        #expect(Self.expected.proportions.count == 16)
        for item in Self.expected.proportions {
            let comparison = ProportionComparison(
                treated: Proportion(successes: item.treated[0], trials: item.treated[1]),
                control: Proportion(successes: item.control[0], trials: item.control[1]), alpha: item.alpha)
            #expect(close(comparison.z ?? 0, item.z), "z for \(item.treated) vs \(item.control)")
            #expect(
                abs((comparison.pValue ?? -1) - item.p_value) <= 1e-10 * max(item.p_value, 1e-30) + 1e-14,
                "p for \(item.treated) vs \(item.control): \(comparison.pValue ?? -1) vs \(item.p_value)")
            #expect(close(comparison.interval?.lowerBound, item.low), "low for \(item.treated) vs \(item.control)")
            #expect(close(comparison.interval?.upperBound, item.high), "high for \(item.treated) vs \(item.control)")
        }
    }

    @Test func welchTestAndIntervalMatchStatsmodels() {
        for item in Self.expected.welch {
            let test = WelchTest(
                treated: SampleMoments(item.treated), control: SampleMoments(item.control), alpha: item.alpha)
            #expect(close(test.t, item.t), "t with \(item.treated.count) vs \(item.control.count)")
            #expect(close(test.degreesOfFreedom, item.df, relative: 1e-9))
            #expect(close(test.pValue, item.p_value, relative: 1e-8), "\(test.pValue ?? -1) vs \(item.p_value)")
            #expect(close(test.interval?.lowerBound, item.low, relative: 1e-9))
            #expect(close(test.interval?.upperBound, item.high, relative: 1e-9))
        }
    }

    @Test func sampleSizeMatchesStatsmodelsPowerSolver() {
        for item in Self.expected.sample_size {
            let size = SampleSize(
                baselineRate: item.baseline, treatedRate: item.treated, alpha: item.alpha, power: item.power,
                controlRatio: item.ratio)
            #expect(close(size.treatedNeeded, item.treated_needed, relative: 1e-7), "\(item.baseline) → \(item.treated)")
        }
        #expect(SampleSize(baselineRate: 0.1, treatedRate: 0.1).treatedNeeded == nil)
        let tenPercentHoldout = SampleSize(baselineRate: 0.02, treatedRate: 0.025, controlRatio: 1.0 / 9)
        #expect(tenPercentHoldout.controlCustomers == 7_649)
        #expect(tenPercentHoldout.treatedCustomers == 68_840)
    }

    @Test func theMinimumDetectableRateIsWhatTheSampleSizeNeeds() throws {
        // The inverse of the sample size: with the customers statsmodels says 2 % → 2.5 % needs,
        // the smallest detectable rate is 2.5 %.
        let needed = try #require(SampleSize(baselineRate: 0.02, treatedRate: 0.025, controlRatio: 1.0 / 9).treatedNeeded)
        let rate = try #require(
            SampleSize.minimumDetectableRate(baselineRate: 0.02, treated: Int(needed.rounded(.up)), controlRatio: 1.0 / 9))
        #expect(abs(rate - 0.025) < 1e-5)
        #expect(SampleSize.minimumDetectableRate(baselineRate: 0.02, treated: 3, controlRatio: 1.0 / 9) == nil)
    }

    @Test func distributionsMatchScipy() {
        for pair in Self.expected.distributions.normal_quantile {
            #expect(close(StandardNormal.quantile(pair[0]), pair[1], relative: 1e-13), "Φ⁻¹(\(pair[0]))")
        }
        for triple in Self.expected.distributions.t_quantile {
            #expect(close(StudentT.quantile(triple[0], degreesOfFreedom: triple[1]), triple[2], relative: 1e-11))
        }
        for triple in Self.expected.distributions.t_two_sided {
            #expect(close(StudentT.twoSidedPValue(triple[0], degreesOfFreedom: triple[1]), triple[2], relative: 1e-11))
        }
    }

    @Test func degenerateGroupsGiveNoStatisticRatherThanANumber() {
        let empty = ProportionComparison(
            treated: Proportion(successes: 3, trials: 10), control: Proportion(successes: 0, trials: 0))
        #expect(empty.z == nil && empty.pValue == nil && empty.interval == nil)
        let nobody = ProportionComparison(
            treated: Proportion(successes: 0, trials: 10), control: Proportion(successes: 0, trials: 5))
        #expect(nobody.z == nil && nobody.pValue == 1)
        let single = WelchTest(treated: SampleMoments([1, 2, 3]), control: SampleMoments([4]))
        #expect(single.t == nil && single.pValue == nil)
        let flat = WelchTest(treated: SampleMoments([0, 0, 0]), control: SampleMoments([0, 0]))
        #expect(flat.t == nil && flat.pValue == 1)
    }

    @Test func momentsMergeAsIfAccumulatedTogether() {
        var first = SampleMoments([1.5, 2.5, 10])
        first.merge(SampleMoments([0, 0, 7.25]))
        first.add(0, times: 4)
        let all = SampleMoments([1.5, 2.5, 10, 0, 0, 7.25, 0, 0, 0, 0])
        #expect(first.count == all.count)
        #expect(abs(first.mean - all.mean) < 1e-12)
        #expect(abs(first.variance - all.variance) < 1e-12)
    }
}
