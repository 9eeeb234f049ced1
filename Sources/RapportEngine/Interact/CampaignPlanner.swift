public import RapportCore

/// Plans campaign waves: targets each wave's segment, picks each customer's channel (preferred
/// first, then the campaign's order, skipping channels without consent or data), moves marketing
/// out of quiet hours and disallowed days in the customer's time zone, holds out the global
/// holdout, and hands every remaining candidate to the ``Arbitrator`` together with the waves due
/// later in the look-ahead window, so that a wave decided now leaves room for more valuable waves
/// to come. Kept contacts then fall in the campaign's control group or get a variant.
/// Transactional waves are not arbitrated: every reachable customer is planned.
public struct CampaignPlanner: Sendable {
    public var policy: PressurePolicy
    public var programmes: [StoredProgramme]
    /// Money already committed by decided waves, by programme id.
    public var spentByProgramme: [Int64: Double] = [:]
    /// Counted contacts around the window (at least the longest cap, gap or uniqueness period
    /// before its start, and everything planned after it).
    public var history: [CountedContact] = []
    public var restrictions: [Int64: ContactRestriction] = [:]
    /// Customers who unsubscribed or complained within the policy's `fatigueRestDays`: no
    /// marketing on any channel.
    public var fatigued: Set<Int64> = []
    /// Customers who asked for fewer messages in the preference centre, with the days they want
    /// between two, and the times of their counted contacts around the window.
    public var frequencyLimits: [Int64: (days: Int64, contacts: [Int64])] = [:]
    public var arbitrator = Arbitrator()
    /// Keep the arbitrated problem in the plan.
    public var keepsProblem = false

    public init(policy: PressurePolicy, programmes: [StoredProgramme]) {
        self.policy = policy
        self.programmes = programmes
    }

    /// How far back history matters: the longest cap window, the gap and the uniqueness period.
    public var historyReach: Int64 {
        Swift.max(
            policy.caps.map(\.window).max() ?? 0, Int64(policy.minimumGapHours * 3600), Int64(policy.uniquenessDays * 86_400))
    }

    /// A wave to plan: `campaign`'s wave `wave`; decided when `isDue`, else seen to look ahead.
    public struct WaveRequest: Sendable {
        public var campaign: StoredCampaign
        public var wave: Int
        public var isDue: Bool
        /// For a triggered scenario: the window its trigger is read over; the wave is due at its end.
        public var trigger: TriggerWindow?

        public init(campaign: StoredCampaign, wave: Int, isDue: Bool, trigger: TriggerWindow? = nil) {
            self.campaign = campaign
            self.wave = wave
            self.isDue = isDue
            self.trigger = trigger
        }

        /// When the wave is due: its place in the schedule, or the end of the trigger's window.
        public var dueAt: Instant { trigger?.to ?? campaign.definition.dueTime(ofWave: wave) }
    }

    /// Plans `requests` as of `now` over the customers of `store`.
    public func plan(_ requests: [WaveRequest], store: some TargetingStore & SegmentStore, now: Instant) throws -> CampaignPlan {
        var builder = try PlanBuilder(planner: self, requests: requests, store: store, now: now)
        return builder.run()
    }
}
