/// The latest analysis of one customer: what `rapport analyze` writes and every other part reads.
/// Fields an analysis could not compute (no purchase, a model that was not fitted) are nil.
public struct CustomerScores: Sendable, Hashable, Codable {
    public var customerID: Int64
    /// Days since the last completed order, as of the analysis date.
    public var recency: Int?
    /// Completed orders in the RFM period.
    public var frequency: Int?
    /// Revenue of completed orders in the RFM period.
    public var monetary: Double?
    public var rScore: Int?
    public var fScore: Int?
    public var mScore: Int?
    public var rfmSegment: String?
    /// Probability that the customer is still buying (customer-base model).
    public var probabilityAlive: Double?
    /// Purchases the model expects over the analysis horizon.
    public var expectedPurchases: Double?
    /// Expected value of one future purchase (Gamma-Gamma).
    public var expectedSpend: Double?
    /// Discounted margin the customer is expected to bring over the horizon.
    public var lifetimeValue: Double?
    public var valueTier: String?
    public var potentialTier: String?
    /// The relational-matrix strategy of the customer's cell.
    public var strategy: String?
    public var lifecycleStage: String?
    /// The highest-priority tactical target the customer belongs to.
    public var tacticalTarget: String?
    /// Every tactical target the customer belongs to, in priority order.
    public var tacticalTargets: [String]
    public var cluster: Int?
    /// 0 (no sign of attention) ... 1 (very engaged), from recent non-purchase interactions.
    public var engagement: Double?

    public init(customerID: Int64) {
        self.customerID = customerID
        self.tacticalTargets = []
    }
}

/// One past analysis of one customer, from the dated history.
public struct ScoreHistoryEntry: Sendable, Hashable {
    public var computedAt: Instant
    public var rfmSegment: String?
    public var probabilityAlive: Double?
    public var lifetimeValue: Double?
    public var valueTier: String?
    public var potentialTier: String?
    public var lifecycleStage: String?
    public var tacticalTarget: String?

    public init(computedAt: Instant) {
        self.computedAt = computedAt
    }
}

/// What one run of the analysis was: when, as of which day, and its report as JSON text (model
/// parameters, segment sizes, cluster profiles) for pages and later comparisons.
public struct AnalysisRecord: Sendable, Hashable {
    public var id: Int64
    public var computedAt: Instant
    public var asOf: CalendarDate
    public var customers: Int
    public var reportJSON: String

    public init(id: Int64, computedAt: Instant, asOf: CalendarDate, customers: Int, reportJSON: String) {
        self.id = id
        self.computedAt = computedAt
        self.asOf = asOf
        self.customers = customers
        self.reportJSON = reportJSON
    }
}

extension CustomerScores {
    /// The `scores` columns the stores' writers fill, in the order they write them.
    public static let writtenColumns = [
        "customer_id", "computed_at", "recency", "frequency", "monetary", "r_score", "f_score", "m_score",
        "rfm_segment", "p_alive", "expected_purchases", "expected_spend", "clv", "value_tier", "potential_tier",
        "strategy", "lifecycle_stage", "tactical_target", "tactical_targets", "cluster", "engagement",
    ]
    /// The `score_history` columns the stores' writers fill, in the order they write them.
    public static let writtenHistoryColumns = [
        "customer_id", "computed_at", "rfm_segment", "p_alive", "clv", "value_tier", "potential_tier",
        "strategy", "lifecycle_stage", "tactical_target",
    ]
}
