public import RapportAnalytics

/// What one campaign earned, measured against its control group: the funnel from targeted to
/// converted, money, and the incremental effect with its uncertainty.
///
/// The unit is the contact (a customer in one wave). Treated contacts are those the arbitration
/// kept and did not hold out (planned, queued, sent or failed: intention to treat, so that a
/// failed send does not flatter the campaign); control contacts are the campaign's holdout. A
/// contact converts when its customer places a completed order within the attribution window
/// after the contact's time (sending time, or planned time for the control group and unsent
/// contacts). Revenue and margin are the totals of those orders.
public struct CampaignResults: Sendable, Hashable {
    public var campaign: String
    public var windowDays: Int
    public var alpha: Double

    public var targeted = 0
    public var suppressed = 0
    /// In the policy's global holdout: neither treated nor in this campaign's control group.
    public var globalHoldout = 0
    public var heldOut = 0
    /// Kept and not held out.
    public var treated = 0
    public var sent = 0
    public var failed = 0
    /// Contacts with at least one reaction of each kind (unique, not repeated opens).
    public var reactions: [ReactionKind: Int] = [:]

    public var treatedConverted = 0
    public var controlConverted = 0
    public var revenue = 0.0
    public var margin = 0.0
    public var controlRevenue = 0.0
    public var controlMargin = 0.0
    /// The cost of the contacts sent (queued and planned ones are counted: they will cost).
    public var cost = 0.0

    /// Treated against control conversion: z-test and Newcombe interval.
    public var conversion: ProportionComparison
    /// Treated against control revenue per contact: Welch.
    public var revenuePerContact: WelchTest
    public var marginPerContact: WelchTest

    /// Per A/B variant: treated contacts, conversions, revenue.
    public var variants: [VariantResult] = []

    public struct VariantResult: Sendable, Hashable {
        public var name: String
        public var contacts: Int
        public var converted: Int
        public var revenue: Double
        public var conversionRate: Double { contacts == 0 ? 0 : Double(converted) / Double(contacts) }
    }

    /// (treated rate − control rate) × treated contacts.
    public var incrementalConversions: Double { conversion.difference * Double(treated) }
    /// (treated mean − control mean) × treated contacts, for revenue and margin.
    public var incrementalRevenue: Double { revenuePerContact.difference * Double(treated) }
    public var incrementalMargin: Double { marginPerContact.difference * Double(treated) }
    /// The incremental revenue's interval, scaled to the treated contacts.
    public var incrementalRevenueInterval: ClosedRange<Double>? {
        revenuePerContact.interval.map { ($0.lowerBound * Double(treated))...($0.upperBound * Double(treated)) }
    }
    /// (incremental margin − cost) / cost; nil when nothing was spent.
    public var returnOnInvestment: Double? { cost > 0 ? (incrementalMargin - cost) / cost : nil }

    public func count(_ kind: ReactionKind) -> Int { reactions[kind] ?? 0 }
}
