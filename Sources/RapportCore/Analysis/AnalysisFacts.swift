/// One person as an analysis sees them: the id, where they stand, and when they became known.
public struct CustomerFact: Sendable, Hashable {
    public var id: Int64
    public var kind: CustomerKind
    public var createdAt: Instant
    /// True when a custom attribute `referred_by` names whoever brought this person in, or
    /// `acquisition_source` is `referral`.
    public var referred: Bool
    /// True when the latest consent on at least one channel is `granted`.
    public var reachable: Bool

    public init(id: Int64, kind: CustomerKind, createdAt: Instant, referred: Bool = false, reachable: Bool = false) {
        self.id = id
        self.kind = kind
        self.createdAt = createdAt
        self.referred = referred
        self.reachable = reachable
    }
}

/// One order as an analysis reads it: who, when, how much, and whether it stood.
public struct OrderFact: Sendable, Hashable {
    public var customerID: Int64
    public var placedAt: Instant
    public var total: Double
    /// The order's margin, or nil when the source gave none.
    public var margin: Double?
    public var status: OrderStatus

    public init(customerID: Int64, placedAt: Instant, total: Double, margin: Double? = nil, status: OrderStatus = .completed) {
        self.customerID = customerID
        self.placedAt = placedAt
        self.total = total
        self.margin = margin
        self.status = status
    }
}

/// What one customer's interactions since a given instant say about them, counted by the store.
public struct EventSignals: Sendable, Hashable {
    public var customerID: Int64
    /// Events whose type is one of the complaint types.
    public var complaints: Int
    /// Survey answers with a low score (NPS 0–6, CSAT 1–2, CES 5–7 by default).
    public var poorSurveyAnswers: Int
    /// Events whose type is one of the return types (orders marked `returned` are counted apart).
    public var returns: Int
    /// Events whose type shows attention without a purchase: visits, opens, clicks, abandoned carts.
    public var engagementEvents: Int
    /// The latest engagement event, if any.
    public var lastEngagement: Instant?

    public init(
        customerID: Int64, complaints: Int = 0, poorSurveyAnswers: Int = 0, returns: Int = 0,
        engagementEvents: Int = 0, lastEngagement: Instant? = nil
    ) {
        self.customerID = customerID
        self.complaints = complaints
        self.poorSurveyAnswers = poorSurveyAnswers
        self.returns = returns
        self.engagementEvents = engagementEvents
        self.lastEngagement = lastEngagement
    }
}

/// Which event types mean what to an analysis. Defaults follow the demo shop and docs/formats.md.
public struct EventVocabulary: Sendable, Hashable, Codable {
    public var complaintTypes: [String] = ["complaint"]
    public var returnTypes: [String] = ["return"]
    public var surveyTypes: [String] = ["survey_answer"]
    public var engagementTypes: [String] = ["web_visit", "email_open", "email_click", "cart_abandoned", "app_open"]
    /// A survey answer is poor when its `score` is at most this for its `survey` kind.
    public var poorScoreAtMost: [String: Double] = ["nps": 6, "csat": 2]
    /// A survey answer is poor when its `score` is at least this (scales where high is bad, like CES).
    public var poorScoreAtLeast: [String: Double] = ["ces": 5]

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case complaintTypes, returnTypes, surveyTypes, engagementTypes, poorScoreAtMost, poorScoreAtLeast
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = EventVocabulary()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        complaintTypes = try c.value(.complaintTypes, or: d.complaintTypes)
        returnTypes = try c.value(.returnTypes, or: d.returnTypes)
        surveyTypes = try c.value(.surveyTypes, or: d.surveyTypes)
        engagementTypes = try c.value(.engagementTypes, or: d.engagementTypes)
        poorScoreAtMost = try c.value(.poorScoreAtMost, or: d.poorScoreAtMost)
        poorScoreAtLeast = try c.value(.poorScoreAtLeast, or: d.poorScoreAtLeast)
    }
}
