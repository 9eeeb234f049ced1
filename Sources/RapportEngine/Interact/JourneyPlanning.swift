import RapportCore

/// What a run does with the journeys: who enters, who moves on, and the send steps to plan as
/// waves; the journeys' states to write with the run's decisions.
struct JourneyPlanning {
    /// Per journey: its states after this run.
    var states: [Int64: [JourneyState]] = [:]
    /// One wave per send step reached, restricted to the customers at it.
    var requests: [CampaignPlanner.WaveRequest] = []
    /// Customers who entered, per journey.
    var entered: [Int64: Int] = [:]

    static let table = StoredTable.named("journey_states")

    /// Reads the journeys' states inside the run's read transaction.
    static func states(of campaign: StoredCampaign, editor: any RecordEditor) throws -> [JourneyState] {
        try editor.rows(of: table, matching: [ColumnMatch("campaign_id", .integer(campaign.id))]).map { row in
            JourneyState(
                customerID: row[0].integerValue ?? 0, step: row[2].textValue ?? "", since: row[3].integerValue ?? 0,
                wakeAt: row[4].integerValue ?? 0, done: row[5].textValue == "done", enteredAt: row[6].integerValue ?? 0)
        }
    }

    /// Replaces a journey's states.
    static func write(_ states: [JourneyState], of campaign: Int64, editor: any RecordEditor) throws {
        try editor.delete(from: table, matching: [ColumnMatch("campaign_id", .integer(campaign))])
        try editor.insert(
            rows: states.map { state in
                var row = state.row
                row[1] = .integer(campaign)
                return row
            }, into: table)
    }

    /// Advances every journey in `journeys` (with their stored states and entry windows) over one
    /// frame loaded from `store`.
    static func plan(
        _ journeys: [(campaign: StoredCampaign, states: [JourneyState], window: TriggerWindow, nextWave: Int)],
        policy: PressurePolicy, store: some TargetingStore & SegmentStore, now: Instant
    ) throws -> JourneyPlanning {
        var planning = JourneyPlanning()
        guard !journeys.isEmpty else { return planning }
        var needs = FrameNeeds()
        needs.fields.insert(.timezone)
        var definitions: [SegmentCondition] = []
        var conditions: [String: SegmentCondition] = [:]
        for journey in journeys {
            let definition = journey.campaign.definition
            if let trigger = definition.trigger { needs.formUnion(TriggerDetector.needs(of: trigger)) }
            definitions.append(try SegmentDefinition.parse(definition.target))
            if let segment = definition.trigger?.segment { definitions.append(.inSegment(segment)) }
            for step in definition.steps {
                switch step.action {
                case .waitFor(let event, _, _, _): needs.eventTypes.insert(event)
                case .branch(let text, _, _): conditions[text] = try SegmentDefinition.parse(text)
                default: break
                }
            }
        }
        let workspace = try SegmentWorkspace.prepare(definitions + Array(conditions.values), store: store, today: now.utcDate, extraNeeds: needs)
        let frame = workspace.frame
        var evaluated: [String: Bitset] = [:]
        for (text, condition) in conditions { evaluated[text] = try workspace.evaluate(condition) }
        guard let policyZone = LocalTime(identifier: policy.timeZone) else { return planning }
        let zoneColumn = frame.text[.timezone] ?? CategoricalColumn()
        let zones = [policyZone] + zoneColumn.values.map { LocalTime(identifier: $0) ?? policyZone }
        let zoneCodes = zoneColumn.codes
        for journey in journeys {
            let definition = journey.campaign.definition
            var members = try workspace.evaluate(try SegmentDefinition.parse(definition.target))
            if let trigger = definition.trigger {
                let segment = try trigger.segment.map { try workspace.evaluate(.inSegment($0)) }
                members.formIntersection(TriggerDetector(frame: frame, zone: policyZone).members(of: trigger, in: journey.window, segmentMembers: segment))
            }
            let entering = workspace.ids(members)
            let runner = JourneyRunner(
                campaign: journey.campaign, frame: frame, zones: { zones[$0] },
                zoneIndex: { index in index < zoneCodes.count && zoneCodes[index] >= 0 ? Int(zoneCodes[index]) + 1 : 0 },
                conditions: evaluated, now: now.secondsSinceEpoch)
            let (states, sends) = runner.advance(journey.states, entering: entering)
            planning.states[journey.campaign.id] = states
            planning.entered[journey.campaign.id] = entering.count
            var wave = journey.nextWave
            for step in definition.steps {
                guard let customers = sends[step.id], case .send(let channels, _) = step.action else { continue }
                var derived = journey.campaign
                derived.definition.message = definition.messageKey(ofStep: step.id)
                if let channels { derived.definition.channels = channels }
                planning.requests.append(
                    CampaignPlanner.WaveRequest(
                        campaign: derived, wave: wave, isDue: true,
                        trigger: TriggerWindow(from: now, to: now, preselected: Set(customers))))
                wave += 1
            }
        }
        return planning
    }
}
