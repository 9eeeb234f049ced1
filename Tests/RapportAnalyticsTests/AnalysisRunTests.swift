import RapportCore
import Testing

@testable import RapportAnalytics

@Suite("The whole analysis and the holdout check")
struct AnalysisRunTests {
    /// 400 simulated BG/NBD customers over two years (days), with a prospect, a former customer
    /// and complaints: enough for every step.
    static func store() -> MemoryAnalysisStore {
        var random = ModelRandom(seed: 17)
        let store = MemoryAnalysisStore()
        let start: Int64 = 20_000
        for id in 1 ... 400 {
            let first = start + Int64(random.uniform() * 200)
            store.customers.append(
                CustomerFact(id: Int64(id), kind: id == 3 ? .former : .customer, createdAt: Instant(CalendarDate(dayNumber: first)), referred: id % 50 == 0))
            let lambda = random.gamma(shape: 0.8) / 20  // purchases per day
            let p = random.beta(1, 3)
            var day = Double(first)
            var spend = 20 + 80 * random.uniform()
            while day < Double(start + 730) {
                store.orders.append(
                    OrderFact(customerID: Int64(id), placedAt: Instant(CalendarDate(dayNumber: Int64(day))), total: spend, margin: spend * 0.4))
                if random.uniform() < p { break }
                day += random.exponential() / lambda
                spend = max(5, spend + 10 * random.normal())
            }
        }
        store.customers.append(CustomerFact(id: 401, kind: .prospect, createdAt: Instant(CalendarDate(dayNumber: start + 700))))
        store.signals = [EventSignals(customerID: 5, complaints: 2), EventSignals(customerID: 6, engagementEvents: 3)]
        return store
    }

    @Test func everyStepRunsAndEveryCustomerGetsAStage() throws {
        let frames = try KnowledgeBaseFrames.load(
            from: Self.store(), asOf: nil, fallbackDay: CalendarDate(dayNumber: 0), signalWindowDays: 180,
            vocabulary: EventVocabulary())
        var configuration = AnalysisConfiguration()
        configuration.clusters.maximumK = 4
        let result = try CustomerAnalysis.run(frames, configuration: configuration)
        let report = result.report
        #expect(report.customers == 401)
        #expect(report.buyers == 400)
        #expect(report.models != nil, "\(report.modelsSkipped ?? "")")
        #expect(report.models?.marginSource == "orders")
        #expect(abs((report.models?.marginRate ?? 0) - 0.4) < 1e-9)
        #expect(report.clusters != nil, "\(report.clustersSkipped ?? "")")
        #expect(report.matrix.count == 9 && report.matrix.map(\.customers).reduce(0, +) == 400)
        #expect(report.lifecycle.map(\.customers).reduce(0, +) == 401)
        let prospect = result.scores(at: 400)
        #expect(prospect.lifecycleStage == "discovery" && prospect.tacticalTargets == ["prospects"] && prospect.rScore == nil)
        let former = result.scores(at: 2)
        #expect(former.lifecycleStage == "dissolution" && former.tacticalTargets.contains("former"))
        #expect(result.scores(at: 4).tacticalTargets.contains("unhappy"))
        #expect(result.scores(at: 49).tacticalTargets.contains("friends"))
        for customer in 0 ..< 400 {
            let scores = result.scores(at: customer)
            #expect(scores.rScore != nil && scores.probabilityAlive != nil && scores.lifetimeValue != nil && scores.cluster != nil)
            #expect((scores.lifetimeValue ?? -1) >= 0 && (scores.probabilityAlive ?? 2) <= 1)
        }
        #expect(Array(result.allScores).count == 401)
    }

    @Test func holdoutCountsWhatHappenedAfterTheCalibrationEnd() throws {
        let store = Self.store()
        let frames = try KnowledgeBaseFrames.load(
            from: store, asOf: nil, fallbackDay: CalendarDate(dayNumber: 0), signalWindowDays: 1, vocabulary: EventVocabulary())
        let calibrationEnd: Int32 = 20_365
        let report = try HoldoutValidation.run(frames, calibrationEndDay: calibrationEnd, model: .bgnbd)
        // The actual occasions, counted straight from the orders.
        var expected = 0
        for id in Set(store.orders.map(\.customerID)) {
            let days = store.orders.filter { $0.customerID == id }.map { Int32($0.placedAt.dayNumber) }
            guard days.contains(where: { $0 <= calibrationEnd }) else { continue }
            expected += Set(days.filter { $0 > calibrationEnd && $0 <= frames.asOfDay }).count
        }
        #expect(report.actualTotal == Double(expected))
        #expect(report.predictedTotal > 0 && report.predictedTotal.isFinite)
        #expect(report.groups.map(\.customers).reduce(0, +) == Set(store.orders.filter { $0.placedAt.dayNumber <= 20_365 }.map(\.customerID)).count)
        #expect(throws: AnalysisConfigurationError.self) {
            try HoldoutValidation.run(frames, calibrationEndDay: frames.asOfDay, model: .bgnbd)
        }
    }
}
