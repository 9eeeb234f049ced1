import Testing

@testable import RapportAnalytics

@Suite("Scores 1 to 5")
struct ScoreScaleTests {
    /// The shared tie policy by its definition: 1 + ⌊5 × (strictly smaller values) / n⌋.
    static func bruteForceShared(_ values: [Double]) -> [UInt8] {
        values.map { value in
            let below = values.filter { $0 < value }.count
            return UInt8(1 + (5 * below) / values.count)
        }
    }

    @Test func distinctValuesFillEqualQuintiles() {
        let values = (1 ... 100).map(Double.init).shuffled()
        let scores = ScoreScaler.scores(values, scale: .quintiles(ties: .shared))
        for score in 1 ... 5 { #expect(scores.filter { $0 == score }.count == 20) }
        #expect(scores == Self.bruteForceShared(values))
    }

    @Test func halfTheCustomersBuyingOnceAllGetOneAndTheNextValueSkipsToThree() {
        // 50 one-time buyers, 20 with 2 orders, 15 with 3, 10 with 5, 5 with 9.
        let values = [Double](repeating: 1, count: 50) + .init(repeating: 2, count: 20) + .init(repeating: 3, count: 15)
            + .init(repeating: 5, count: 10) + .init(repeating: 9, count: 5)
        let scores = ScoreScaler.scores(values, scale: .quintiles(ties: .shared))
        #expect(Set(scores[0 ..< 50]) == [1])
        #expect(Set(scores[50 ..< 70]) == [3])
        #expect(Set(scores[70 ..< 85]) == [4])
        #expect(Set(scores[85 ..< 100]) == [5])
        #expect(scores == Self.bruteForceShared(values))
    }

    @Test(arguments: [1, 2, 3, 7, 10, 101, 1000])
    func sharedPolicyMatchesItsDefinitionOnRandomTies(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        let values = (0 ..< count).map { _ in Double(generator.next() % 13) }
        #expect(ScoreScaler.scores(values, scale: .quintiles(ties: .shared)) == Self.bruteForceShared(values))
    }

    @Test func equalValuesNeverGetDifferentSharedScores() {
        var generator = SplitMix64(seed: 9)
        let values = (0 ..< 5000).map { _ in Double(generator.next() % 40) / 4 }
        let scores = ScoreScaler.scores(values, scale: .quintiles(ties: .shared))
        var scoreOfValue: [Double: UInt8] = [:]
        for (value, score) in zip(values, scores) {
            #expect(scoreOfValue[value, default: score] == score)
            scoreOfValue[value] = score
        }
    }

    @Test func ordinalPolicyGivesEveryScoreAFifthAndBreaksTiesByPosition() {
        let values = [Double](repeating: 1, count: 10)
        let scores = ScoreScaler.scores(values, scale: .quintiles(ties: .ordinal))
        #expect(scores == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    }

    @Test func fixedThresholdsCountTheCutsReached() {
        let scores = ScoreScaler.scores([0, 10, 49.99, 50, 1000], scale: .thresholds([10, 50, 100, 500]))
        #expect(scores == [1, 2, 2, 3, 5])
    }

    @Test func recencyThresholdsAreDaysWhereFewerIsBetter() {
        let scales = RFMScales(recency: .thresholds([365, 180, 90, 30]))
        let scores = ScoreScaler.scores([-10, -30, -31, -200, -400], scale: scales.recencyOnNegatedDays)
        #expect(scores == [5, 5, 4, 2, 1])
    }

    @Test func selectionAgreesWithSorting() {
        var generator = SplitMix64(seed: 4)
        for trial in 0 ..< 50 {
            let values = (0 ..< 200 + trial).map { _ in Double(generator.next() % 17) }
            let sorted = values.sorted()
            for k in [0, 1, 50, 99, values.count - 1] {
                var work = values
                Selection.select(&work, k, from: 0)
                #expect(work[k] == sorted[k])
                #expect(work[..<k].allSatisfy { $0 <= work[k] })
                #expect(work[(k + 1)...].allSatisfy { $0 >= work[k] })
            }
        }
    }
}
@Suite("Quintile cuts on every path")
struct QuintileCutPathTests {
    @Test(arguments: [5, 64, 999, 3000])
    func amountsWithTiesFollowTheDefinitionThroughTheHistogramPath(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &* 31)
        // Cents amounts with many repeats, as spending is: the radix path (non-negative, not integral).
        let values = (0 ..< count).map { _ in Double(generator.next() % 5000) / 100 + 0.5 }
        #expect(ScoreScaler.radixCuts(values) != nil)
        #expect(ScoreScaler.scores(values, scale: .quintiles(ties: .shared)) == ScoreScaleTests.bruteForceShared(values))
    }

    @Test func negativeAndIntegralValuesTakeTheirOwnPathsToTheSameAnswer() {
        var generator = SplitMix64(seed: 77)
        let negative = (0 ..< 3000).map { _ in -Double(generator.next() % 10_000) / 7 }
        #expect(ScoreScaler.radixCuts(negative) == nil)
        #expect(ScoreScaler.integerCuts(negative) == nil)
        #expect(ScoreScaler.scores(negative, scale: .quintiles(ties: .shared)) == ScoreScaleTests.bruteForceShared(negative))
        let days = (0 ..< 3000).map { _ in -Double(generator.next() % 700) }
        #expect(ScoreScaler.integerCuts(days) != nil)
        #expect(ScoreScaler.scores(days, scale: .quintiles(ties: .shared)) == ScoreScaleTests.bruteForceShared(days))
        let single = [42.5]
        #expect(ScoreScaler.scores(single, scale: .quintiles(ties: .shared)) == [1])
        #expect(ScoreScaler.scores([], scale: .quintiles(ties: .shared)) == [])
    }
}
