import Foundation
import RapportCore

/// The Segmenter step of OSICAM in one call: RFM, the customer-base models, the relational matrix,
/// lifecycle stages, tactical targets and clusters of every customer of the frames, as of one day.
/// Deterministic: the same frames and configuration give the same result.
public enum CustomerAnalysis {
    /// Analyses `frames` as of their day. `progress` is told the name of each step as it starts.
    public static func run(
        _ frames: KnowledgeBaseFrames, configuration: AnalysisConfiguration, progress: (String) -> Void = { _ in }
    ) throws(AnalysisConfigurationError) -> AnalysisResult {
        try configuration.validate()
        var timings: [AnalysisReport.Timing] = []
        func timed<T>(_ step: String, _ work: () -> T) -> T {
            progress(step)
            let start = ContinuousClock.now
            let result = work()
            timings.append(.init(step: step, seconds: (ContinuousClock.now - start).seconds))
            return result
        }
        let customers = frames.customers
        let asOfDay = frames.asOfDay
        let n = customers.count
        let activity = timed("aggregate") { CustomerActivity(frames.orders, asOfDay: asOfDay, periodDays: configuration.rfmPeriodDays) }
        let rfm = timed("rfm") {
            RFMScoring(activity, scales: configuration.rfmScales, segments: configuration.rfmSegments)
        }
        var rfmPosition = [Int32](repeating: -1, count: n)
        for (position, customer) in rfm.customers.enumerated() { rfmPosition[Int(customer)] = Int32(position) }

        progress("models")
        let modelsStart = ContinuousClock.now
        let models = try ModelScoring.score(activity, configuration: configuration)
        timings.append(.init(step: "models", seconds: (ContinuousClock.now - modelsStart).seconds))
        let probabilityAlive = models.scoring?.probabilityAlive ?? Array(repeating: .nan, count: n)
        let expectedPurchases = models.scoring?.expectedPurchases ?? Array(repeating: .nan, count: n)
        let expectedSpend = models.scoring?.expectedSpend ?? Array(repeating: .nan, count: n)
        let lifetimeValue = models.scoring?.lifetimeValue ?? Array(repeating: .nan, count: n)

        // Tiers among buyers: current value is the revenue of the RFM period, potential the CLV.
        var valueTiers = [Tier?](repeating: nil, count: n)
        var potentialTiers = [Tier?](repeating: nil, count: n)
        var strategies = [Strategy?](repeating: nil, count: n)
        var cells: [RelationalMatrixCell] = []
        timed("matrix") {
            let buyers = rfm.customers.map(Int.init)
            let value = configuration.valueTiers.tiers(buyers.map { activity.periodRevenue[$0] })
            for (position, customer) in buyers.enumerated() { valueTiers[customer] = value[position] }
            guard models.scoring != nil else { return }
            // A CLV the model could not compute (NaN) counts as no potential, never as a high one.
            let potentialValues = buyers.map { lifetimeValue[$0].isFinite ? lifetimeValue[$0] : 0 }
            let potential = configuration.potentialTiers.tiers(potentialValues)
            var sizes = [Int](repeating: 0, count: 9)
            var current = [Double](repeating: 0, count: 9)
            var future = [Double](repeating: 0, count: 9)
            for (position, customer) in buyers.enumerated() {
                let v = value[position]
                let p = potential[position]
                potentialTiers[customer] = p
                strategies[customer] = configuration.relationalMatrix.strategy(value: v, potential: p)
                let cell = v.rawValue * 3 + p.rawValue
                sizes[cell] += 1
                current[cell] += activity.periodRevenue[customer]
                future[cell] += potentialValues[position]
            }
            for v in Tier.allCases.reversed() {
                for p in Tier.allCases {
                    let cell = v.rawValue * 3 + p.rawValue
                    cells.append(
                        RelationalMatrixCell(
                            value: v, potential: p, strategy: configuration.relationalMatrix.strategy(value: v, potential: p),
                            customers: sizes[cell], currentValue: current[cell], potentialValue: future[cell]))
                }
            }
        }

        var stages = [LifecycleStage](repeating: .discovery, count: n)
        var targetMasks = [UInt16](repeating: 0, count: n)
        var engagement = [Double](repeating: .nan, count: n)
        timed("lifecycle and targets") {
            let signals = frames.signals
            for customer in 0 ..< n {
                let buyer = activity.isBuyer(customer)
                let sinceFirst = buyer ? Int(asOfDay - activity.firstDays[customer]) : 0
                let sinceLast = buyer ? Int(asOfDay - activity.lastDays[customer]) : 0
                let alive = Self.number(probabilityAlive[customer])
                let isFormer = customers.kinds[customer] == .former
                stages[customer] = configuration.lifecycle.stage(
                    isFormer: isFormer, occasions: Int(activity.occasions[customer]), daysSinceFirst: sinceFirst,
                    daysSinceLast: sinceLast, probabilityAlive: alive)
                var facts = TacticalTargetRules.Facts()
                facts.isFormer = isFormer
                facts.referred = customers.referred[customer]
                facts.orders = Int(activity.orders[customer])
                facts.returnedOrders = Int(activity.returnedOrders[customer])
                facts.cancelledOrders = Int(activity.cancelledOrders[customer])
                facts.margin = activity.marginKnown[customer] ? activity.margin[customer] : nil
                facts.daysSinceFirst = sinceFirst
                facts.daysSinceLast = sinceLast
                facts.probabilityAlive = alive
                facts.valueTier = valueTiers[customer]
                facts.potentialTier = potentialTiers[customer]
                facts.complaints = Int(signals.complaints[customer])
                facts.poorSurveyAnswers = Int(signals.poorSurveyAnswers[customer])
                facts.returnEvents = Int(signals.returns[customer])
                facts.engagementEvents = Int(signals.engagementEvents[customer])
                var mask: UInt16 = 0
                for target in configuration.targets.targets(facts) {
                    mask |= 1 << UInt16(TacticalTarget.allCases.firstIndex(of: target) ?? 0)
                }
                targetMasks[customer] = mask
                engagement[customer] = Engagement.score(events: Int(signals.engagementEvents[customer]))
            }
        }

        let clustering = timed("clusters") { BehaviourClusters.run(activity, rfm: rfm, settings: configuration.clusters) }

        let report = AnalysisReport(
            asOf: CalendarDate(dayNumber: Int64(asOfDay)).description,
            customers: n, buyers: rfm.customers.count, orders: frames.orders.count,
            rfm: .init(
                periodDays: configuration.rfmPeriodDays, scales: configuration.rfmScales,
                segments: rfm.segmentSizes.map { .init(name: $0.segment, customers: $0.customers) },
                recencyScores: Self.histogram(rfm.r), frequencyScores: Self.histogram(rfm.f),
                monetaryScores: Self.histogram(rfm.m)),
            models: models.summary, modelsSkipped: models.skipped, matrix: cells,
            lifecycle: LifecycleStage.allCases.map { stage in .init(name: stage.rawValue, customers: stages.count { $0 == stage }) },
            targets: Self.targetCounts(targetMasks),
            clusters: clustering.summary, clustersSkipped: clustering.skipped, timings: timings)
        return AnalysisResult(
            asOfDay: asOfDay, customerIDs: customers.ids, activity: activity, rfm: rfm, rfmPosition: rfmPosition,
            probabilityAlive: probabilityAlive, expectedPurchases: expectedPurchases, expectedSpend: expectedSpend,
            lifetimeValue: lifetimeValue, valueTiers: valueTiers, potentialTiers: potentialTiers, strategies: strategies,
            stages: stages, targetMasks: targetMasks, clusters: clustering.assignments ?? Array(repeating: -1, count: n),
            engagement: engagement, report: report)
    }

    static func number(_ value: Double) -> Double? { value.isNaN ? nil : value }

    static func histogram(_ scores: [UInt8]) -> [Int] {
        var counts = [Int](repeating: 0, count: 5)
        for score in scores { counts[Int(score) - 1] += 1 }
        return counts
    }

    static func targetCounts(_ masks: [UInt16]) -> [AnalysisReport.TargetCount] {
        var members = [Int](repeating: 0, count: TacticalTarget.allCases.count)
        var main = members
        for mask in masks where mask != 0 {
            for bit in 0 ..< members.count where mask & (1 << bit) != 0 { members[bit] += 1 }
            main[mask.trailingZeroBitCount] += 1
        }
        return TacticalTarget.allCases.enumerated().map { .init(target: $0.element.rawValue, members: members[$0.offset], main: main[$0.offset]) }
    }
}

/// How engaged a customer is from the non-purchase interactions of the signal window:
/// 1 − e^(−events / 5), so 0 events give 0, 5 give 0.63 and 15 give 0.95.
public enum Engagement {
    public static func score(events: Int) -> Double { 1 - exp(-Double(max(events, 0)) / 5) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
