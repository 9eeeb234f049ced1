import Foundation
import RapportCore
import Testing

@testable import RapportAnalytics

@Suite("RFM segments, tiers, matrix, lifecycle, targets")
struct SegmentationRulesTests {
    @Test func defaultSegmentMapNamesEveryCellWithTheElevenUsualSegments() throws {
        let map = RFMSegmentMap.standard
        _ = try RFMSegmentMap(rules: map.rules)
        #expect(map.segment(r: 5, f: 5, m: 5) == "Champions")
        #expect(map.segment(r: 5, f: 1, m: 1) == "New")
        #expect(map.segment(r: 4, f: 1, m: 1) == "Promising")
        #expect(map.segment(r: 1, f: 5, m: 5) == "Can't lose them")
        #expect(map.segment(r: 1, f: 1, m: 2) == "Lost")
        #expect(map.segment(r: 2, f: 4, m: 3) == "At risk")
        let names = Set(map.rules.map(\.segment))
        #expect(names.count == 11)
    }

    @Test func aMapThatLeavesACellUnnamedIsRefusedWithTheCell() {
        var rules = RFMSegmentMap.standard.rules
        rules.removeAll { $0.segment == "Lost" }
        #expect(throws: AnalysisConfigurationError.self) { try RFMSegmentMap(rules: rules) }
        do {
            _ = try RFMSegmentMap(rules: rules)
        } catch {
            #expect(error.value == "R=1, FM=1")
        }
    }

    @Test func tiersTakeTheTopSharesAndKeepTiesTogether() {
        let values = (1 ... 100).map(Double.init)
        let tiers = TierShares().tiers(values)
        #expect(tiers.filter { $0 == .high }.count == 20)
        #expect(tiers.filter { $0 == .medium }.count == 30)
        #expect(tiers[99] == .high && tiers[80] == .high && tiers[79] == .medium && tiers[50] == .medium && tiers[49] == .low)
        let tied = [Double](repeating: 0, count: 60) + (1 ... 40).map(Double.init)
        let tiedTiers = TierShares().tiers(tied)
        #expect(Set(tiedTiers[0 ..< 60]) == [.low])
        #expect(tiedTiers.filter { $0 == .high }.count == 20)
        let unknown = TierShares().tiers([.nan] + (1 ... 9).map(Double.init))
        #expect(unknown[0] == .low && unknown[9] == .high)
    }

    @Test func matrixFollowsTheSeed() {
        let matrix = RelationalMatrix.standard
        #expect(matrix.strategy(value: .low, potential: .high) == .invest)
        #expect(matrix.strategy(value: .high, potential: .low) == .rationalise)
        #expect(matrix.strategy(value: .low, potential: .low) == .reduce)
        #expect(matrix.strategy(value: .medium, potential: .high) == .develop)
        #expect(throws: AnalysisConfigurationError.self) { try RelationalMatrix(strategies: [[.invest]]) }
    }

    @Test func lifecycleRulesInOrder() {
        let rules = LifecycleRules()
        #expect(rules.stage(isFormer: false, occasions: 0, daysSinceFirst: 0, daysSinceLast: 0, probabilityAlive: nil) == .discovery)
        #expect(rules.stage(isFormer: true, occasions: 9, daysSinceFirst: 900, daysSinceLast: 1, probabilityAlive: 0.9) == .dissolution)
        #expect(rules.stage(isFormer: false, occasions: 1, daysSinceFirst: 400, daysSinceLast: 400, probabilityAlive: nil) == .dissolution)
        #expect(rules.stage(isFormer: false, occasions: 1, daysSinceFirst: 200, daysSinceLast: 200, probabilityAlive: 0.6) == .exploration)
        #expect(rules.stage(isFormer: false, occasions: 3, daysSinceFirst: 40, daysSinceLast: 2, probabilityAlive: 0.9) == .exploration)
        #expect(rules.stage(isFormer: false, occasions: 3, daysSinceFirst: 300, daysSinceLast: 20, probabilityAlive: 0.9) == .expansion)
        #expect(rules.stage(isFormer: false, occasions: 6, daysSinceFirst: 500, daysSinceLast: 20, probabilityAlive: 0.9) == .commitment)
        #expect(rules.stage(isFormer: false, occasions: 6, daysSinceFirst: 500, daysSinceLast: 20, probabilityAlive: 0.1) == .dissolution)
    }

    @Test func tacticalTargetsCollectEveryRuleThatHoldsInPriorityOrder() {
        let rules = TacticalTargetRules()
        var facts = TacticalTargetRules.Facts()
        #expect(rules.targets(facts) == [.prospects])
        facts.referred = true
        #expect(rules.targets(facts) == [.friends, .prospects])

        var best = TacticalTargetRules.Facts()
        best.orders = 8
        best.daysSinceFirst = 500
        best.daysSinceLast = 10
        best.valueTier = .high
        best.potentialTier = .high
        best.complaints = 1
        #expect(rules.targets(best) == [.unhappy, .best])

        var sleeping = TacticalTargetRules.Facts()
        sleeping.orders = 2
        sleeping.daysSinceFirst = 500
        sleeping.daysSinceLast = 300
        sleeping.engagementEvents = 4
        #expect(rules.targets(sleeping) == [.sleepwalkers])
        sleeping.engagementEvents = 0
        #expect(rules.targets(sleeping) == [.inactive])
        sleeping.daysSinceLast = 800
        #expect(rules.targets(sleeping) == [.former])

        var bad = TacticalTargetRules.Facts()
        bad.orders = 2
        bad.returnedOrders = 3
        bad.daysSinceFirst = 20
        bad.daysSinceLast = 5
        #expect(rules.targets(bad) == [.bad, .unhappy, .new])
    }

    @Test func configurationFilesMayLeaveKeysOutButNotMisspellThem() throws {
        let partial = #"{"horizonMonths": 24, "lifecycle": {"explorationDays": 60}, "rfmPeriodDays": null}"#
        let configuration = try JSONDecoder().decode(AnalysisConfiguration.self, from: Data(partial.utf8))
        #expect(configuration.horizonMonths == 24)
        #expect(configuration.lifecycle.explorationDays == 60)
        #expect(configuration.lifecycle.commitmentOccasions == LifecycleRules().commitmentOccasions)
        #expect(configuration.rfmPeriodDays == nil)
        #expect(configuration.targets == TacticalTargetRules())

        let misspelt = #"{"lifecycle": {"explorationDay": 60}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AnalysisConfiguration.self, from: Data(misspelt.utf8))
        }
        let scales = #"{"rfmScales": {"frequency": {"thresholds": [2, 3, 5, 8]}, "recency": {"quintiles": "ordinal"}}}"#
        let scaled = try JSONDecoder().decode(AnalysisConfiguration.self, from: Data(scales.utf8))
        #expect(scaled.rfmScales.frequency == .thresholds([2, 3, 5, 8]))
        #expect(scaled.rfmScales.recency == .quintiles(ties: .ordinal))
        #expect(scaled.rfmScales.monetary == .quintiles(ties: .shared))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AnalysisConfiguration.self, from: Data(#"{"rfmScales": {"frequency": {"thresholds": [2, 3]}}}"#.utf8))
        }
        let written = String(decoding: try JSONEncoder().encode(AnalysisConfiguration()), as: UTF8.self)
        #expect(written.contains(#""rfmPeriodDays":null"#) && written.contains(#""marginRate":null"#))
        let roundTrip = try JSONDecoder().decode(
            AnalysisConfiguration.self, from: JSONEncoder().encode(AnalysisConfiguration()))
        #expect(roundTrip == AnalysisConfiguration())
    }
}
