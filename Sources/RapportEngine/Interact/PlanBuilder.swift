import RapportCore

/// The work of one ``CampaignPlanner/plan(_:store:now:)``: the frame and targets, candidate
/// contacts, the arbitration, then each contact's final status.
struct PlanBuilder {
    /// What planning needs of one wave, resolved once.
    struct Slot {
        var request: CampaignPlanner.WaveRequest
        var definition: CampaignDefinition { request.campaign.definition }
        var members: Bitset
        var dueAt: Int64
        var message: Int32
        var messageKey: String
        /// Offer index per channel of the definition, in its order.
        var offers: [Int32]
        var responseScores: [Double]?
        var budget: Int32?
        /// Customers who hold every field the campaign's programme requires; nil when it requires none.
        var hasRequiredData: Bitset?
    }

    static let channels = ContactChannel.allCases

    let planner: CampaignPlanner
    let now: Instant
    let frame: TargetingFrame
    var slots: [Slot] = []
    var problem = ArbitrationProblem()
    /// Offer index → (slot, channel).
    var offerSlots: [(slot: Int, channel: ContactChannel)] = []
    var messages: [String: Int32] = [:]
    let zones: [LocalTime]
    /// Zone index per time-zone code of the frame; the policy's zone for missing or unknown ones.
    let zoneOfCode: [Int]
    let policyZone: LocalTime
    var shiftedTimes: [Int64?] = []
    var capacityIndex: [CapacityKey: Int32] = [:]
    var capacityKeys: [CapacityKey] = []

    struct CapacityKey: Hashable {
        var channel: ContactChannel
        var day: Int64
    }

    init(planner: CampaignPlanner, requests: [CampaignPlanner.WaveRequest], store: some TargetingStore & SegmentStore, now: Instant) throws {
        self.planner = planner
        self.now = now
        let policy = planner.policy
        guard let policyZone = LocalTime(identifier: policy.timeZone) else {
            throw InteractError.invalidDefinition(source: "the pressure policy", problems: policy.problems())
        }
        self.policyZone = policyZone
        var definitions: [SegmentCondition] = []
        var extra = FrameNeeds()
        extra.fields = [.email, .phone, .postcode, .timezone, .preferredChannel]
        extra.consents = true
        for request in requests {
            do {
                definitions.append(try SegmentDefinition.parse(request.campaign.definition.target))
            } catch {
                throw InteractError.invalidDefinition(
                    source: "campaign \"\(request.campaign.definition.name)\"", problems: ["target: \(error)"])
            }
            if let score = request.campaign.definition.responseScore, let field = SegmentField.named(score) {
                extra.fields.insert(field.source)
            }
            if let trigger = request.campaign.definition.trigger, request.campaign.definition.kind != .journey {
                extra.formUnion(TriggerDetector.needs(of: trigger))
            }
        }
        for stored in planner.programmes {
            for name in stored.programme.requiredData { if let field = SegmentField.named(name) { extra.fields.insert(field.source) } }
        }
        let programmeTargets = try planner.programmes.map { stored -> SegmentCondition? in
            guard let target = stored.programme.target else { return nil }
            do { return try SegmentDefinition.parse(target) } catch {
                throw InteractError.invalidDefinition(source: "programme \"\(stored.programme.name)\"", problems: ["target: \(error)"])
            }
        }
        let entered = requests.filter { $0.campaign.definition.kind != .journey }.compactMap {
            $0.campaign.definition.trigger?.segment.map(SegmentCondition.inSegment)
        }
        let workspace = try SegmentWorkspace.prepare(
            definitions + programmeTargets.compactMap { $0 } + entered, store: store, today: now.utcDate, extraNeeds: extra)
        frame = workspace.frame
        let zoneColumn = frame.text[.timezone] ?? CategoricalColumn()
        var zones = [policyZone]
        zoneOfCode = zoneColumn.values.map { identifier in
            guard let zone = LocalTime(identifier: identifier) else { return 0 }
            zones.append(zone)
            return zones.count - 1
        }
        self.zones = zones

        var budgetOfProgramme: [Int64: Int32] = [:]
        for stored in planner.programmes where stored.programme.budget != nil {
            budgetOfProgramme[stored.id] = Int32(problem.budgetLeft.count)
            problem.budgetLeft.append(stored.programme.budget!)
        }
        var programmeMembers: [Int64: Bitset] = [:]
        var programmeRequirements: [Int64: Bitset] = [:]
        for (stored, target) in zip(planner.programmes, programmeTargets) {
            if let target { programmeMembers[stored.id] = try workspace.evaluate(target) }
            let required = stored.programme.requiredData.map { SegmentCondition.field($0, .isSet) }
            if !required.isEmpty { programmeRequirements[stored.id] = try workspace.evaluate(.all(required)) }
        }
        for (index, request) in requests.enumerated() {
            let definition = request.campaign.definition
            var members = try workspace.evaluate(definitions[index])
            if let programme = request.campaign.programmeID, let scope = programmeMembers[programme] {
                members.formIntersection(scope)
            }
            if definition.kind == .journey {
                // A journey's send step: the customers the journey brought to it.
                members.formIntersection(workspace.frame.bitset(ofIDs: request.trigger?.preselected ?? []))
            } else if let trigger = definition.trigger, let window = request.trigger {
                let segment = try trigger.segment.map { try workspace.evaluate(.inSegment($0)) }
                members.formIntersection(
                    TriggerDetector(frame: workspace.frame, zone: policyZone).members(of: trigger, in: window, segmentMembers: segment))
            }
            let key = definition.messageKey(ofWave: request.wave)
            let message = Self.intern(key, &messages)
            var offers: [Int32] = []
            let budget = request.campaign.programmeID.flatMap { budgetOfProgramme[$0] }
            for channel in definition.channels {
                offers.append(Int32(problem.offers.count))
                offerSlots.append((slots.count, channel))
                problem.offers.append(
                    ArbitrationProblem.Offer(
                        message: message, priority: definition.priority, cost: definition.costPerContact[channel] ?? 0,
                        budget: definition.purpose == .marketing ? budget : nil))
            }
            let frame = workspace.frame
            let scores = definition.responseScore.flatMap(SegmentField.named).flatMap { frame.numbers[$0.source] }
            slots.append(
                Slot(
                    request: request, members: members, dueAt: request.dueAt.secondsSinceEpoch,
                    message: message, messageKey: key, offers: offers, responseScores: scores, budget: budget,
                    hasRequiredData: request.campaign.programmeID.flatMap { programmeRequirements[$0] }))
        }
        for (programme, spent) in planner.spentByProgramme {
            if let budget = budgetOfProgramme[programme] { problem.budgetLeft[Int(budget)] -= spent }
        }
        shiftedTimes = Array(repeating: nil, count: zones.count * slots.count)
        problem.caps = policy.caps.map { cap in
            ArbitrationProblem.Cap(limit: cap.limit, window: cap.window, channel: cap.channel.map(Self.channelCode))
        }
        problem.minimumGap = Int64(policy.minimumGapHours * 3600)
        problem.uniquenessWindow = Int64(policy.uniquenessDays * 86_400)
    }

    static func channelCode(_ channel: ContactChannel) -> UInt8 {
        UInt8(channels.firstIndex(of: channel)!)
    }

    static func intern(_ key: String, _ table: inout [String: Int32]) -> Int32 {
        if let known = table[key] { return known }
        let id = Int32(table.count)
        table[key] = id
        return id
    }

    /// When a marketing contact of `slot` may reach a customer of zone `zone`.
    mutating func shiftedTime(slot: Int, zone: Int) -> Int64 {
        let index = zone * slots.count + slot
        if let known = shiftedTimes[index] { return known }
        let time =
            zones[zone].firstAllowed(
                atOrAfter: Swift.max(slots[slot].dueAt, slots[slot].request.isDue ? now.secondsSinceEpoch : slots[slot].dueAt),
                quietHours: planner.policy.quietHours, allowedDays: planner.policy.allowedDays) ?? slots[slot].dueAt
        shiftedTimes[index] = time
        return time
    }

    mutating func capacity(channel: ContactChannel, time: Int64) -> Int32 {
        guard planner.policy.dailyCapacity[channel] != nil else { return -1 }
        let key = CapacityKey(channel: channel, day: policyZone.dayNumber(of: time))
        if let known = capacityIndex[key] { return known }
        let index = Int32(capacityKeys.count)
        capacityIndex[key] = index
        capacityKeys.append(key)
        problem.capacityLeft.append(planner.policy.dailyCapacity[channel]!)
        return index
    }
}
