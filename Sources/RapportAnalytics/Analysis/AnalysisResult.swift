public import RapportCore

/// The scores of every customer of one analysis, as columns indexed like the ``CustomerFrame``,
/// and the report. ``scores(at:)`` and ``allScores`` give the rows the store writes.
public struct AnalysisResult: Sendable {
    public let asOfDay: Int32
    public let customerIDs: [Int64]
    public let activity: CustomerActivity
    public let rfm: RFMScoring
    /// Position of each customer in `rfm`'s columns, -1 for those without RFM scores.
    public let rfmPosition: [Int32]
    /// NaN where not computed.
    public let probabilityAlive: [Double]
    public let expectedPurchases: [Double]
    public let expectedSpend: [Double]
    public let lifetimeValue: [Double]
    public let valueTiers: [Tier?]
    public let potentialTiers: [Tier?]
    public let strategies: [Strategy?]
    public let stages: [LifecycleStage]
    /// Bit `i` set when the customer belongs to `TacticalTarget.allCases[i]`.
    public let targetMasks: [UInt16]
    /// -1 for customers outside the clustering.
    public let clusters: [Int32]
    public let engagement: [Double]
    public var report: AnalysisReport

    /// The row of one customer, by dense index.
    public func scores(at customer: Int) -> CustomerScores {
        var scores = CustomerScores(customerID: customerIDs[customer])
        let position = Int(rfmPosition[customer])
        if position >= 0 {
            scores.recency = Int(rfm.recencyDays[position])
            scores.frequency = Int(activity.periodOrders[customer])
            scores.monetary = activity.periodRevenue[customer]
            scores.rScore = Int(rfm.r[position])
            scores.fScore = Int(rfm.f[position])
            scores.mScore = Int(rfm.m[position])
            scores.rfmSegment = rfm.segmentNames[Int(rfm.segment[position])]
        }
        scores.probabilityAlive = Self.number(probabilityAlive[customer])
        scores.expectedPurchases = Self.number(expectedPurchases[customer])
        scores.expectedSpend = Self.number(expectedSpend[customer])
        scores.lifetimeValue = Self.number(lifetimeValue[customer])
        scores.valueTier = valueTiers[customer]?.description
        scores.potentialTier = potentialTiers[customer]?.description
        scores.strategy = strategies[customer]?.rawValue
        scores.lifecycleStage = stages[customer].rawValue
        let targets = Self.targets(in: targetMasks[customer])
        scores.tacticalTargets = targets.map(\.rawValue)
        scores.tacticalTarget = targets.first?.rawValue
        scores.cluster = clusters[customer] >= 0 ? Int(clusters[customer]) : nil
        scores.engagement = Self.number(engagement[customer])
        return scores
    }

    /// Every customer's row, in ascending customer id order, computed as it is read.
    public var allScores: LazyMapSequence<Range<Int>, CustomerScores> {
        (0 ..< customerIDs.count).lazy.map { scores(at: $0) }
    }

    static func number(_ value: Double) -> Double? { value.isNaN ? nil : value }

    static func targets(in mask: UInt16) -> [TacticalTarget] {
        guard mask != 0 else { return [] }
        return TacticalTarget.allCases.enumerated().compactMap { mask & (1 << $0.offset) != 0 ? $0.element : nil }
    }
}
