public import RapportCore

/// Planning and deciding campaign waves against a store: what `rapport campaign simulate` and
/// `rapport campaign run` (and the scheduler) do.
public enum CampaignOperations {
    /// What a run decided.
    public struct RunSummary: Sendable {
        public var plan: CampaignPlan
        /// Waves decided and written by this run.
        public var decidedWaves: [(campaign: String, wave: Int)]
        /// Contacts written, by status.
        public var written: [ContactStatus: Int]
        /// Campaigns that had every wave decided and are now done.
        public var finished: [String]
        /// Due waves not sent because they fall outside their programme's period (decided empty).
        public var outsideProgrammePeriod: [(campaign: String, wave: Int)]
    }

    /// Plans the waves of scheduled campaigns (and of `including`, drafts to simulate) that are not
    /// decided yet and fall due by `now` plus the policy's look-ahead; waves due by `now` are the due
    /// ones. Reads only.
    public static func plan<Store: TargetingStore & SegmentStore & RecordEditing>(
        store: Store, now: Instant, including: Set<String> = [], keepsProblem: Bool = false
    ) throws -> CampaignPlan {
        let (planner, requests, outside, journeys) = try prepare(store: store, now: now, including: including)
        var keeping = planner
        keeping.keepsProblem = keepsProblem
        let journeyPlanning = try JourneyPlanning.plan(journeys, policy: planner.policy, store: store, now: now)
        var plan = try keeping.plan(requests + journeyPlanning.requests, store: store, now: now)
        plan.outsideProgrammePeriod = outside.map { ($0.campaign.definition.name, $0.wave) }
        return plan
    }

    /// Decides every due wave of the scheduled campaigns and writes their contacts (planned,
    /// control and suppressed, each with its rule) in one transaction, with the waves marked
    /// decided: a run that dies writes nothing, and a wave is never decided twice.
    public static func run<Store: TargetingStore & SegmentStore & RecordEditing>(store: Store, now: Instant) throws -> RunSummary {
        let (planner, requests, outside, journeys) = try prepare(store: store, now: now, including: [])
        let journeyPlanning = try JourneyPlanning.plan(journeys, policy: planner.policy, store: store, now: now)
        let plan = try planner.plan(requests + journeyPlanning.requests, store: store, now: now)
        return try store.editingRecords { editor in
            let book = CampaignBook(editor)
            var decided: [(campaign: String, wave: Int)] = []
            var fresh = Set<String>()
            for (campaign, states) in journeyPlanning.states {
                try JourneyPlanning.write(states, of: campaign, editor: editor)
            }
            // A triggered scenario or journey wave that selected nobody leaves no trace.
            for wave in plan.waves where wave.isDue && (wave.targeted > 0 || wave.campaign.definition.hasFixedWaves) {
                // Another run may have decided it since this one read: keep its decision.
                guard try !book.decidedWaves(of: wave.campaign.id).contains(wave.wave) else { continue }
                try book.recordDecidedWave(
                    campaign: wave.campaign.id, wave: wave.wave, dueAt: wave.dueAt, decidedAt: now, targeted: wave.targeted,
                    kept: wave.planned, spent: wave.cost)
                decided.append((wave.campaign.definition.name, wave.wave))
                fresh.insert("\(wave.campaign.id):\(wave.wave)")
            }
            var skipped: [(campaign: String, wave: Int)] = []
            for request in outside where request.isDue {
                guard try !book.decidedWaves(of: request.campaign.id).contains(request.wave) else { continue }
                try book.recordDecidedWave(
                    campaign: request.campaign.id, wave: request.wave, dueAt: request.campaign.definition.dueTime(ofWave: request.wave),
                    decidedAt: now, targeted: 0, kept: 0, spent: 0)
                skipped.append((request.campaign.definition.name, request.wave))
            }
            let contacts = plan.contacts.filter { fresh.contains("\($0.campaignID):\($0.wave)") }
            try ContactHistory(editor).append(contacts, decidedAt: now)
            var written: [ContactStatus: Int] = [:]
            for contact in contacts { written[contact.status, default: 0] += 1 }
            var finished: [String] = []
            for campaign in try book.campaigns() where campaign.status == .scheduled {
                let over =
                    campaign.definition.hasFixedWaves
                    ? try book.decidedWaves(of: campaign.id).count >= campaign.definition.waves
                    : campaign.definition.until.map { now >= $0 } ?? false
                if over {
                    try book.setStatus(.done, of: campaign, at: now)
                    finished.append(campaign.definition.name)
                }
            }
            return RunSummary(plan: plan, decidedWaves: decided, written: written, finished: finished, outsideProgrammePeriod: skipped)
        }
    }

    typealias JourneyInput = (campaign: StoredCampaign, states: [JourneyState], window: TriggerWindow, nextWave: Int)

    /// A journey's stored states and its entry window: since its last entry or send (or its start),
    /// customers inside it or within the re-entry period after leaving it left out.
    private static func journeyInput(of campaign: StoredCampaign, now: Instant, editor: any RecordEditor) throws -> JourneyInput? {
        let definition = campaign.definition
        guard let trigger = definition.trigger, now > definition.at else { return nil }
        let states = try JourneyPlanning.states(of: campaign, editor: editor)
        let waves = try editor.rows(of: CampaignBook.wavesTable, matching: [ColumnMatch("campaign_id", .integer(campaign.id))])
        let lastWave = waves.compactMap { $0[2].integerValue }.max() ?? definition.at.secondsSinceEpoch
        let last = Swift.max(lastWave, states.map(\.enteredAt).max() ?? 0)
        let end = Swift.min(now, definition.until ?? now)
        let reentry = Int64(trigger.reentryDays * 86_400)
        let excluded = Set(states.filter { !$0.done || $0.enteredAt >= now.secondsSinceEpoch - reentry }.map(\.customerID))
        var window = TriggerWindow(
            from: Instant(secondsSinceEpoch: last), to: Swift.max(end, Instant(secondsSinceEpoch: last)), excluded: excluded)
        if trigger.on == .lifecycleChange || trigger.on == .scoreCrossing {
            window.preselected = try ScoreHistoryTriggers.customers(for: trigger, from: window.from, to: window.to, editor: editor)
        }
        return (campaign, states, window, (waves.compactMap { $0[1].integerValue }.max().map { Int($0) + 1 }) ?? 0)
    }

    /// The wave a triggered scenario plans now: its trigger read since the previous wave (or its
    /// start), customers contacted by it within the re-entry period left out; nil before its start.
    private static func triggeredWave(of campaign: StoredCampaign, now: Instant, editor: any RecordEditor) throws -> CampaignPlanner.WaveRequest? {
        let definition = campaign.definition
        guard let trigger = definition.trigger, now > definition.at else { return nil }
        let waves = try editor.rows(of: CampaignBook.wavesTable, matching: [ColumnMatch("campaign_id", .integer(campaign.id))])
        let last = waves.compactMap { $0[2].integerValue }.max().map { Instant(secondsSinceEpoch: $0) } ?? definition.at
        let end = Swift.min(now, definition.until ?? now)
        guard end > last else { return nil }
        let since = Instant(secondsSinceEpoch: now.secondsSinceEpoch - Int64(trigger.reentryDays * 86_400))
        var excluded = Set<Int64>()
        for row in try editor.rows(
            of: ContactHistory.table,
            matching: [ColumnMatch("campaign_id", .integer(campaign.id)), ColumnMatch("planned_at", .integer(since.secondsSinceEpoch), .atLeast)])
        where row[8].textValue != ContactStatus.suppressed.rawValue {
            if let customer = row[0].integerValue { excluded.insert(customer) }
        }
        var window = TriggerWindow(from: last, to: end, excluded: excluded)
        if trigger.on == .lifecycleChange || trigger.on == .scoreCrossing {
            window.preselected = try ScoreHistoryTriggers.customers(for: trigger, from: last, to: end, editor: editor)
        }
        return CampaignPlanner.WaveRequest(
            campaign: campaign, wave: (waves.compactMap { $0[1].integerValue }.max().map { Int($0) + 1 }) ?? 0, isDue: true,
            trigger: window)
    }

    /// The planner and the waves to plan; and the waves that fall outside their programme's
    /// period, which are never planned.
    private static func prepare<Store: TargetingStore & SegmentStore & RecordEditing>(
        store: Store, now: Instant, including: Set<String>
    ) throws -> (CampaignPlanner, [CampaignPlanner.WaveRequest], [CampaignPlanner.WaveRequest], [JourneyInput]) {
        try store.editingRecords { editor in
            let book = CampaignBook(editor)
            let policy = try book.policy()
            let programmes = try book.programmes()
            var planner = CampaignPlanner(policy: policy, programmes: programmes)
            let campaigns = try book.campaigns()
            for name in including where !campaigns.contains(where: { $0.definition.name == name }) {
                throw InteractError.unknownCampaign(name)
            }
            let spent = try book.spentByCampaign()
            for campaign in campaigns {
                if let programme = campaign.programmeID { planner.spentByProgramme[programme, default: 0] += spent[campaign.id] ?? 0 }
            }
            let horizon = now.secondsSinceEpoch + Int64(policy.lookaheadDays * 86_400)
            var requests: [CampaignPlanner.WaveRequest] = []
            var outside: [CampaignPlanner.WaveRequest] = []
            var journeys: [JourneyInput] = []
            let programmeByID = Dictionary(uniqueKeysWithValues: programmes.map { ($0.id, $0.programme) })
            for campaign in campaigns
            where campaign.status == .scheduled || including.contains(campaign.definition.name) {
                if campaign.definition.kind == .triggered {
                    if let request = try triggeredWave(of: campaign, now: now, editor: editor) { requests.append(request) }
                    continue
                }
                if campaign.definition.kind == .journey {
                    if let journey = try journeyInput(of: campaign, now: now, editor: editor) { journeys.append(journey) }
                    continue
                }
                let decided = try book.decidedWaves(of: campaign.id)
                for wave in 0..<campaign.definition.waves where !decided.contains(wave) {
                    let due = campaign.definition.dueTime(ofWave: wave)
                    guard due.secondsSinceEpoch <= horizon else { continue }
                    let request = CampaignPlanner.WaveRequest(campaign: campaign, wave: wave, isDue: due <= now)
                    if let programme = campaign.programmeID.flatMap({ programmeByID[$0] }), !programme.isRunning(at: due) {
                        outside.append(request)
                    } else {
                        requests.append(request)
                    }
                }
            }
            planner.history = try ContactHistory(editor).counted(
                from: Instant(secondsSinceEpoch: now.secondsSinceEpoch - planner.historyReach),
                to: Instant(secondsSinceEpoch: horizon + planner.historyReach + 86_400 * 7))
            for row in try editor.rows(of: StoredTable.named("contact_restrictions"), matching: []) {
                if let id = row[0].integerValue, let restriction = row[1].textValue.flatMap(ContactRestriction.init(rawValue:)) {
                    planner.restrictions[id] = restriction
                }
            }
            planner.frequencyLimits = try ContactPreferences.frequencyLimits(history: planner.history, editor: editor)
            planner.fatigued = try CustomerFeedback.fatigued(
                since: Instant(secondsSinceEpoch: now.secondsSinceEpoch - Int64(planner.policy.fatigueRestDays * 86_400)),
                restDays: planner.policy.fatigueRestDays, editor: editor)
            return (planner, requests, outside, journeys)
        }
    }
}
