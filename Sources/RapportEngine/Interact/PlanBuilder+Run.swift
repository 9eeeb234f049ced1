import RapportCore

extension PlanBuilder {
    /// What a customer offers a channel choice: where they can be reached.
    private struct Reach {
        var email: [Double]?
        var phone: [Double]?
        var postcode: CategoricalColumn?
        var preferred: [ContactChannel?]
        var preferredCodes: [Int32]

        func hasData(_ channel: ContactChannel, _ i: Int) -> Bool {
            switch channel {
            case .email: email.map { !$0[i].isNaN } ?? false
            case .sms, .phone: phone.map { !$0[i].isNaN } ?? false
            case .mail: postcode.map { $0.codes[i] >= 0 } ?? false
            // Devices are the push provider's to know: a consent is what Rapport holds.
            case .push: true
            }
        }
    }

    mutating func run() -> CampaignPlan {
        let policy = planner.policy
        let preferredColumn = frame.text[.preferredChannel] ?? CategoricalColumn()
        let reach = Reach(
            email: frame.numbers[.email], phone: frame.numbers[.phone], postcode: frame.text[.postcode],
            preferred: preferredColumn.values.map { try? ContactChannel($0) },
            preferredCodes: preferredColumn.codes.isEmpty ? Array(repeating: -1, count: frame.count) : preferredColumn.codes)
        let zoneCodes = frame.text[.timezone]?.codes ?? Array(repeating: -1, count: frame.count)
        var restrictionAt: [Int: ContactRestriction] = [:]
        for (id, restriction) in planner.restrictions {
            if let index = frame.index(of: id) { restrictionAt[index] = restriction }
        }
        // History, bucketed by customer; capacity already used.
        var historyOf: [Int: [CountedContact]] = [:]
        for contact in planner.history {
            guard let index = frame.index(of: contact.customerID) else { continue }
            historyOf[index, default: []].append(contact)
        }
        var usedCapacity: [CapacityKey: Int] = [:]
        for contact in planner.history where policy.dailyCapacity[contact.channel] != nil {
            usedCapacity[CapacityKey(channel: contact.channel, day: policyZone.dayNumber(of: contact.at.secondsSinceEpoch)), default: 0] += 1
        }

        var waves = slots.map { slot in
            CampaignPlan.Wave(campaign: slot.request.campaign, wave: slot.request.wave, dueAt: Instant(secondsSinceEpoch: slot.dueAt), isDue: slot.request.isDue)
        }
        /// Decisions made before the arbitration, per customer and slot.
        var early: [(customer: Int, slot: Int, status: ContactStatus, rule: String?, channel: ContactChannel?, time: Int64)] = []
        problem.reserve(customers: frame.count, candidates: frame.count * Swift.max(1, slots.count) / 2)
        let consents = frame.consents
        for i in 0..<frame.count {
            let customerID = frame.ids[i]
            let zone = zoneCodes[i] >= 0 ? zoneOfCode[Int(zoneCodes[i])] : 0
            let restriction = restrictionAt[i]
            let heldOut = Holdout.isGloballyHeldOut(customer: customerID, share: policy.globalHoldout)
            let preferred = reach.preferredCodes[i] >= 0 ? reach.preferred[Int(reach.preferredCodes[i])] : nil
            for s in slots.indices where slots[s].members[i] {
                waves[s].targeted += 1
                let definition = slots[s].definition
                if let required = slots[s].hasRequiredData, !required[i] {
                    early.append((i, s, .suppressed, "missing data the programme requires", nil, slots[s].dueAt))
                    continue
                }
                var order = definition.channels
                if let preferred, let position = order.firstIndex(of: preferred), position > 0 {
                    order.remove(at: position)
                    order.insert(preferred, at: 0)
                }
                var chosen: ContactChannel?
                var firstRefusal: ContactDecision?
                for channel in order {
                    let decision = ContactEligibility.decide(
                        purpose: definition.purpose, hasUsableData: reach.hasData(channel, i),
                        consent: consents[channel]?[i] == true ? .granted : nil, restriction: restriction)
                    if decision.isAllowed {
                        chosen = channel
                        break
                    }
                    if firstRefusal == nil { firstRefusal = decision }
                }
                guard let channel = chosen else {
                    early.append((i, s, .suppressed, (firstRefusal ?? .noData).reason, nil, slots[s].dueAt))
                    continue
                }
                if definition.purpose == .transactional {
                    early.append((i, s, .planned, nil, channel, Swift.max(slots[s].dueAt, now.secondsSinceEpoch)))
                    continue
                }
                if planner.fatigued.contains(customerID) {
                    early.append((i, s, .suppressed, CustomerFeedback.fatigueRule, channel, slots[s].dueAt))
                    continue
                }
                if let limit = planner.frequencyLimits[customerID],
                    limit.contacts.contains(where: { abs($0 - slots[s].dueAt) < limit.days * 86_400 })
                {
                    let rule = ContactPreferences.frequencyRule(limit.days >= 30 ? .monthly : .weekly)
                    early.append((i, s, .suppressed, rule, channel, slots[s].dueAt))
                    continue
                }
                let time = shiftedTime(slot: s, zone: zone)
                if heldOut {
                    early.append((i, s, .control, "global holdout", channel, time))
                    continue
                }
                var response = definition.expectedResponse
                if let scores = slots[s].responseScores {
                    let score = scores[i]
                    response *= score.isNaN ? 0 : Swift.min(1, Swift.max(0, score))
                }
                let value = definition.priority * response * definition.valuePerResponse
                let offer = slots[s].offers[definition.channels.firstIndex(of: channel)!]
                problem.addCandidate(
                    offer: offer, channel: Self.channelCode(channel), time: time, value: value,
                    capacity: capacity(channel: channel, time: time))
            }
            if let past = historyOf[i] {
                for contact in past {
                    problem.addHistory(
                        time: contact.at.secondsSinceEpoch, channel: Self.channelCode(contact.channel),
                        message: messages[contact.message] ?? -1)
                }
            }
            problem.finishCustomer()
        }
        for (index, key) in capacityKeys.enumerated() { problem.capacityLeft[index] -= usedCapacity[key] ?? 0 }
        problem.capacityLeft = problem.capacityLeft.map { Swift.max(0, $0) }
        problem.budgetLeft = problem.budgetLeft.map { Swift.max(0, $0) }

        let outcome = planner.arbitrator.arbitrate(problem)
        return finish(outcome: outcome, early: early, waves: waves)
    }

    private func finish(
        outcome: ArbitrationOutcome,
        early: [(customer: Int, slot: Int, status: ContactStatus, rule: String?, channel: ContactChannel?, time: Int64)],
        waves: [CampaignPlan.Wave]
    ) -> CampaignPlan {
        var waves = waves
        var contacts: [PlannedContact] = []
        var calendar: [CalendarDate: [ContactChannel: Int]] = [:]
        let capNames = planner.policy.caps.map { "cap: \($0.description)" }
        func record(_ customer: Int, _ s: Int, _ status: ContactStatus, _ rule: String?, _ channel: ContactChannel?, _ time: Int64, value: Double) {
            let slot = slots[s]
            let definition = slot.definition
            let customerID = frame.ids[customer]
            var status = status, rule = rule
            if status == .planned && definition.purpose == .marketing
                && Holdout.isControl(customer: customerID, campaign: slot.request.campaign.id, share: definition.holdout)
            {
                status = .control
                rule = "campaign holdout"
            }
            var variant: String?
            if status == .planned, let index = Holdout.variant(
                customer: customerID, campaign: slot.request.campaign.id, weights: definition.variants.map(\.weight))
            {
                variant = definition.variants[index].name
            }
            let cost = status == .planned ? channel.flatMap { definition.costPerContact[$0] } ?? 0 : 0
            switch status {
            case .planned:
                waves[s].planned += 1
                waves[s].cost += cost
                waves[s].expectedValue += value
                if let channel {
                    waves[s].plannedByChannel[channel, default: 0] += 1
                    calendar[CalendarDate(dayNumber: policyZone.dayNumber(of: time)), default: [:]][channel, default: 0] += 1
                }
                if let variant { waves[s].plannedByVariant[variant, default: 0] += 1 }
            case .control: waves[s].control += 1
            default: waves[s].suppressed[rule ?? "other", default: 0] += 1
            }
            guard slot.request.isDue else { return }
            contacts.append(
                PlannedContact(
                    customerID: customerID, campaignID: slot.request.campaign.id, wave: slot.request.wave, channel: channel,
                    message: slot.messageKey, variant: variant, purpose: definition.purpose, status: status, rule: rule,
                    plannedAt: Instant(secondsSinceEpoch: time), cost: cost, expectedValue: status == .planned ? value : 0))
        }
        var earlyIndex = 0
        for customer in 0..<frame.count {
            while earlyIndex < early.count && early[earlyIndex].customer == customer {
                let e = early[earlyIndex]
                let value = e.status == .planned ? slots[e.slot].definition.priority * slots[e.slot].definition.expectedResponse * slots[e.slot].definition.valuePerResponse : 0
                record(customer, e.slot, e.status, e.rule, e.channel, e.time, value: value)
                earlyIndex += 1
            }
            for j in problem.candidateStart[customer]..<problem.candidateStart[customer + 1] {
                let (s, channel) = offerSlots[Int(problem.candidateOffer[j])]
                let time = problem.candidateTime[j]
                if outcome.isKept(j) {
                    record(customer, s, .planned, nil, channel, time, value: problem.candidateValue[j])
                } else {
                    let rule = outcome.rule(of: j)!
                    let name: String =
                        if case .cap(let index) = rule { capNames[index] } else { "\(rule)" }
                    record(customer, s, .suppressed, name, channel, time, value: 0)
                }
            }
        }
        return CampaignPlan(
            decidedAt: now, waves: waves, contacts: contacts, calendar: calendar, objective: outcome.objective,
            candidates: problem.candidateCount, pricingPasses: outcome.pricingPasses,
            problem: planner.keepsProblem ? problem : nil, outcome: planner.keepsProblem ? outcome : nil)
    }
}
