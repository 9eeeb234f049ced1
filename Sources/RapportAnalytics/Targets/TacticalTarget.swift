import RapportCore

/// The tactical targets of seed 002 ("ciblage tactique dans une perspective relationnelle"), in
/// the priority order that picks a customer's main target when several apply.
public enum TacticalTarget: String, Sendable, Hashable, Codable, CaseIterable {
    /// Cost more than they bring: many returns or cancellations, or a negative margin.
    case bad
    /// Gone: the relationship ended, or no purchase for a very long time, or almost surely dead.
    case former
    /// Recently complained, answered a survey badly, or returned goods repeatedly.
    case unhappy
    /// Top current value and still active.
    case best
    /// Top potential without top current value yet.
    case highPotential = "high_potential"
    /// First purchase within the last weeks.
    case new
    /// No longer buying but still visiting, opening or clicking: awake enough to be woken up.
    case sleepwalkers
    /// No longer buying and no sign of attention either.
    case inactive
    /// Brought in by a customer (a `referred_by` attribute, or `acquisition_source` `referral`).
    case friends
    /// Known, never bought.
    case prospects
}

/// The documented, configurable rules of the tactical targets. A customer belongs to every target
/// whose rule holds; the first in ``TacticalTarget`` order is their main target.
///
/// - bad: `returned + cancelled ≥ badMinimumProblemOrders` and those are at least
///   `badProblemShare` of all their orders, or a known total margin below zero.
/// - former: kind `former`, or a buyer silent for more than `formerAfterDays`, or P(alive) below
///   `formerBelowProbabilityAlive`.
/// - unhappy: within the signal window, at least one complaint or poor survey answer, or at least
///   `unhappyMinimumReturns` returns (return events in the window plus returned orders ever).
/// - best: value tier high and a purchase within `activeWithinDays`.
/// - highPotential: potential tier high and value tier below high.
/// - new: first purchase within `newWithinDays`.
/// - sleepwalkers / inactive: a buyer silent for more than `inactiveAfterDays` (and not former);
///   sleepwalkers showed attention (an engagement event) within the signal window, inactive did not.
/// - friends: referred by someone.
/// - prospects: never bought and not former.
public struct TacticalTargetRules: Sendable, Hashable, Codable {
    public var badMinimumProblemOrders: Int = 3
    public var badProblemShare: Double = 0.5
    public var formerAfterDays: Int = 730
    public var formerBelowProbabilityAlive: Double = 0.05
    public var unhappyMinimumReturns: Int = 2
    public var activeWithinDays: Int = 180
    public var newWithinDays: Int = 90
    public var inactiveAfterDays: Int = 180

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case badMinimumProblemOrders, badProblemShare, formerAfterDays, formerBelowProbabilityAlive, unhappyMinimumReturns, activeWithinDays, newWithinDays, inactiveAfterDays
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = TacticalTargetRules()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        badMinimumProblemOrders = try c.value(.badMinimumProblemOrders, or: d.badMinimumProblemOrders)
        badProblemShare = try c.value(.badProblemShare, or: d.badProblemShare)
        formerAfterDays = try c.value(.formerAfterDays, or: d.formerAfterDays)
        formerBelowProbabilityAlive = try c.value(.formerBelowProbabilityAlive, or: d.formerBelowProbabilityAlive)
        unhappyMinimumReturns = try c.value(.unhappyMinimumReturns, or: d.unhappyMinimumReturns)
        activeWithinDays = try c.value(.activeWithinDays, or: d.activeWithinDays)
        newWithinDays = try c.value(.newWithinDays, or: d.newWithinDays)
        inactiveAfterDays = try c.value(.inactiveAfterDays, or: d.inactiveAfterDays)
    }

    /// What the rules look at for one customer.
    public struct Facts: Sendable, Hashable {
        public var isFormer = false
        public var referred = false
        public var orders = 0
        public var returnedOrders = 0
        public var cancelledOrders = 0
        public var margin: Double? = nil
        public var daysSinceFirst = 0
        public var daysSinceLast = 0
        public var probabilityAlive: Double? = nil
        public var valueTier: Tier? = nil
        public var potentialTier: Tier? = nil
        public var complaints = 0
        public var poorSurveyAnswers = 0
        public var returnEvents = 0
        public var engagementEvents = 0

        public init() {}
    }

    /// Every target the customer belongs to, in priority order.
    public func targets(_ facts: Facts) -> [TacticalTarget] {
        var targets: [TacticalTarget] = []
        let buyer = facts.orders > 0
        let problems = facts.returnedOrders + facts.cancelledOrders
        let allOrders = facts.orders + problems
        if (problems >= badMinimumProblemOrders && Double(problems) >= badProblemShare * Double(allOrders))
            || (facts.margin ?? 0) < 0
        {
            targets.append(.bad)
        }
        let former =
            facts.isFormer
            || (buyer && facts.daysSinceLast > formerAfterDays)
            || (buyer && (facts.probabilityAlive ?? 1) < formerBelowProbabilityAlive)
        if former { targets.append(.former) }
        if facts.complaints > 0 || facts.poorSurveyAnswers > 0
            || facts.returnEvents + facts.returnedOrders >= unhappyMinimumReturns
        {
            targets.append(.unhappy)
        }
        if buyer && facts.valueTier == .high && facts.daysSinceLast <= activeWithinDays { targets.append(.best) }
        if buyer && facts.potentialTier == .high && (facts.valueTier ?? .low) < .high { targets.append(.highPotential) }
        if buyer && facts.daysSinceFirst < newWithinDays { targets.append(.new) }
        if buyer && !former && facts.daysSinceLast > inactiveAfterDays {
            targets.append(facts.engagementEvents > 0 ? .sleepwalkers : .inactive)
        }
        if facts.referred { targets.append(.friends) }
        if !buyer && !facts.isFormer { targets.append(.prospects) }
        return targets
    }
}
