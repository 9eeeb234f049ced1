public import RapportCore

/// What planning decided, or would decide, for each wave in its window.
public struct CampaignPlan: Sendable {
    /// One wave of one campaign in the window, with what became of its targets.
    public struct Wave: Sendable {
        public var campaign: StoredCampaign
        /// 0-based.
        public var wave: Int
        public var dueAt: Instant
        /// Decided now (due by the end of the run); otherwise seen only to look ahead.
        public var isDue: Bool
        /// Customers in the target.
        public var targeted = 0
        /// Contacts kept and planned (control excluded).
        public var planned = 0
        /// Held out: the campaign's control group and the global holdout.
        public var control = 0
        /// Contacts not kept, by the rule that stopped them.
        public var suppressed: [String: Int] = [:]
        public var plannedByChannel: [ContactChannel: Int] = [:]
        public var plannedByVariant: [String: Int] = [:]
        public var cost = 0.0
        public var expectedValue = 0.0

        public var suppressedTotal: Int { suppressed.values.reduce(0, +) }
    }

    public var decidedAt: Instant
    public var waves: [Wave]
    /// The contacts of the due waves, every status, in customer order: what a run writes.
    public var contacts: [PlannedContact]
    /// Planned contacts per day (in the policy's time zone) and channel, across all waves.
    public var calendar: [CalendarDate: [ContactChannel: Int]]
    /// The sum of the net expected values of the contacts the arbitration kept.
    public var objective: Double
    public var candidates: Int
    public var pricingPasses: Int
    /// The problem arbitrated and its outcome, when planning was asked to keep them (to export or
    /// replay them).
    public var problem: ArbitrationProblem?
    public var outcome: ArbitrationOutcome?
    /// Waves in the window that fall outside their programme's period: never planned.
    public var outsideProgrammePeriod: [(campaign: String, wave: Int)] = []
}
