import RapportCore

/// Where a relationship stands, after Dwyer, Schurr & Oh (1987) as in seed 002.
public enum LifecycleStage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Known, has not bought yet.
    case discovery
    /// Trying: one purchase occasion, or a first purchase recent enough that the relationship is
    /// still being tested.
    case exploration
    /// Buying again and growing, not yet committed.
    case expansion
    /// A lasting, regular relationship: many occasions over a long tenure, still active.
    case commitment
    /// Slipping away or gone: ended, silent for too long, or unlikely to be alive.
    case dissolution
}

/// The documented, configurable rules that give each customer a ``LifecycleStage``. They are
/// tried in this order and the first that holds wins:
/// 1. a former customer, or a buyer whose latest purchase is more than `dissolutionAfterDays` old,
///    or (when a model was fitted) whose P(alive) is below `dissolutionBelowProbabilityAlive` →
///    dissolution;
/// 2. never bought → discovery;
/// 3. one purchase occasion, or a first purchase within `explorationDays` → exploration;
/// 4. at least `commitmentOccasions` occasions and a first purchase at least
///    `commitmentTenureDays` ago → commitment;
/// 5. otherwise → expansion.
public struct LifecycleRules: Sendable, Hashable, Codable {
    public var dissolutionAfterDays: Int = 365
    public var dissolutionBelowProbabilityAlive: Double = 0.2
    public var explorationDays: Int = 90
    public var commitmentOccasions: Int = 4
    public var commitmentTenureDays: Int = 365

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dissolutionAfterDays, dissolutionBelowProbabilityAlive, explorationDays, commitmentOccasions, commitmentTenureDays
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = LifecycleRules()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dissolutionAfterDays = try c.value(.dissolutionAfterDays, or: d.dissolutionAfterDays)
        dissolutionBelowProbabilityAlive = try c.value(.dissolutionBelowProbabilityAlive, or: d.dissolutionBelowProbabilityAlive)
        explorationDays = try c.value(.explorationDays, or: d.explorationDays)
        commitmentOccasions = try c.value(.commitmentOccasions, or: d.commitmentOccasions)
        commitmentTenureDays = try c.value(.commitmentTenureDays, or: d.commitmentTenureDays)
    }

    /// The stage of one customer.
    /// - Parameters:
    ///   - isFormer: the customer's kind is `former`.
    ///   - occasions: distinct days with a completed order.
    ///   - daysSinceFirst, daysSinceLast: as of the analysis day; ignored without occasions.
    ///   - probabilityAlive: from the fitted model, nil when none was fitted.
    public func stage(
        isFormer: Bool, occasions: Int, daysSinceFirst: Int, daysSinceLast: Int, probabilityAlive: Double?
    ) -> LifecycleStage {
        if isFormer { return .dissolution }
        guard occasions > 0 else { return .discovery }
        if daysSinceLast > dissolutionAfterDays { return .dissolution }
        if let probabilityAlive, probabilityAlive < dissolutionBelowProbabilityAlive { return .dissolution }
        if occasions == 1 || daysSinceFirst < explorationDays { return .exploration }
        if occasions >= commitmentOccasions && daysSinceFirst >= commitmentTenureDays { return .commitment }
        return .expansion
    }
}
