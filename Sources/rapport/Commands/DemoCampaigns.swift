import RapportCore
import RapportEngine

/// The demo's campaigns: a win-back programme, three draft campaigns that compete in the coming
/// week (one-shot by e-mail then SMS, a cadenced e-mail series, calls with a daily capacity), a
/// policy for a French shop, and the simulation of their plan, so that a first run shows
/// arbitration too. Drafts are never decided until someone schedules them.
enum DemoCampaigns {
    static func perform(store: any RapportStore, now: Instant) throws {
        // Next Monday, 09:00 UTC.
        let day = now.dayNumber
        let monday = day + (7 - (Int64(Weekday(dayNumber: day).index) % 7))
        func at(_ offsetDays: Int64, _ hour: Int64) -> Instant { Instant(secondsSinceEpoch: (monday + offsetDays) * 86_400 + hour * 3600) }
        var policy = PressurePolicy()
        policy.timeZone = "Europe/Paris"
        policy.dailyCapacity = [.phone: 40]
        policy.globalHoldout = 0.02
        var programme = Programme(name: "Win back")
        programme.objective = "Bring lapsed and sleeping customers back"
        programme.kpi = "customers buying again within 60 days"
        programme.budget = 250
        programme.requiredData = ["email"]
        var wakeUp = CampaignDefinition(name: "Sleepwalkers wake-up", target: #"in segment "wake-the-sleepwalkers""#, at: at(0, 9))
        wakeUp.programme = "Win back"
        wakeUp.channels = [.email, .sms]
        wakeUp.priority = 3
        wakeUp.expectedResponse = 0.05
        wakeUp.responseScore = "p_alive"
        wakeUp.valuePerResponse = 40
        wakeUp.costPerContact = [.email: 0.01, .sms: 0.06]
        var discount = CampaignDefinition.Variant(name: "discount")
        discount.subject = "{{first_name}}, 15 % off your next order"
        wakeUp.variants = [.init(name: "story"), discount]
        wakeUp.content = MessageContent(
            subject: "{{first_name}}, we kept your favourites",
            html: "<p>Hello {{first_name}},</p><p>It has been a while. {{#city}}Our shop near {{city}} misses you.{{/city}}</p>",
            text: "Hello {{first_name}},\n\nIt has been a while.{{#city}} Our shop near {{city}} misses you.{{/city}}",
            sms: "{{first_name}}, we miss you: 15% off this week. STOP 36111")
        wakeUp.content.from = "Maison Démo <news@demo.example>"
        wakeUp.content.fallbacks = ["first_name": "Dear customer"]
        var gifts = CampaignDefinition(name: "Christmas gifts", target: #"kind = "customer""#, at: at(-1, 8))
        gifts.kind = .cadenced
        gifts.waves = 3
        gifts.everyDays = 3
        gifts.expectedResponse = 0.02
        gifts.valuePerResponse = 60
        gifts.costPerContact = [.email: 0.01]
        gifts.holdout = 0.05
        gifts.content = MessageContent(
            subject: "Christmas ideas for {{first_name}}",
            html: "<p>{{first_name}}, our Christmas selection is in.</p>", text: "{{first_name}}, our Christmas selection is in.")
        gifts.content.fallbacks = ["first_name": "You"]
        var garden = CampaignDefinition(name: "Garden call", target: #"in segment "garden-fr""#, at: at(1, 10))
        garden.programme = "Win back"
        garden.channels = [.phone]
        garden.priority = 2
        garden.expectedResponse = 0.15
        garden.valuePerResponse = 80
        garden.costPerContact = [.phone: 2.5]
        garden.content.script = "Call {{first_name}} {{last_name}} ({{city}}) about the spring garden range; segment {{rfm_segment}}."
        let names = [wakeUp, gifts, garden].map(\.name)
        try store.editingRecords { editor in
            let book = CampaignBook(editor)
            try book.setPolicy(policy, at: now)
            try book.save(programme, at: now)
            let existing = Dictionary(uniqueKeysWithValues: try book.campaigns().map { ($0.definition.name, $0.status) })
            for definition in [wakeUp, gifts, garden] where existing[definition.name] ?? .draft == .draft {
                try book.save(definition, source: "the demo", at: now)
            }
        }
        let plan = try CampaignOperations.plan(store: store, now: at(-1, 7), including: Set(names))
        print("Campaigns next week, simulated (rapport campaign simulate --include NAME; docs/interact.md):")
        for wave in plan.waves {
            let definition = wave.campaign.definition
            let name = definition.name + (definition.waves > 1 ? " #\(wave.wave + 1)" : "")
            let rules = wave.suppressed.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) \(Terminal.count($0.value))" }
            print("  \(name): \(Terminal.count(wave.targeted)) targeted, \(Terminal.count(wave.planned)) planned, \(Terminal.count(wave.control)) control; suppressed: \(rules.isEmpty ? "none" : rules.joined(separator: ", "))")
        }
        try measurePastCampaign(store: store)
    }

    /// A newsletter sent five weeks before the shop's last order, planned under the policy with a
    /// 10 % holdout, then measured against the orders that followed. The demo's purchases were
    /// generated without it, so its true effect is nil: the report's interval should contain 0.
    static func measurePastCampaign(store: any RapportStore) throws {
        guard let lastOrder = try store.summary().lastOrder else { return }
        let day = lastOrder.dayNumber - 35
        let sentAt = Instant(secondsSinceEpoch: (day + (Weekday(dayNumber: day) == .sunday ? 1 : 0)) * 86_400 + 9 * 3_600)
        var newsletter = CampaignDefinition(name: "Autumn newsletter", target: #"kind = "customer""#, at: sentAt)
        newsletter.holdout = 0.1
        newsletter.costPerContact = [.email: 0.01]
        newsletter.content = MessageContent(subject: "Autumn at Maison Démo", text: "{{first_name}}, the autumn range is in.")
        let isNew = try store.editingRecords { editor in
            let book = CampaignBook(editor)
            guard try book.campaigns().contains(where: { $0.definition.name == newsletter.name }) == false else { return false }
            try book.setStatus(.scheduled, of: try book.save(newsletter, source: "the demo", at: sentAt), at: sentAt)
            return true
        }
        if isNew {
            _ = try CampaignOperations.run(store: store, now: sentAt)
            // Sent as planned (the demo has no mail server): each planned contact at its time.
            try store.editingRecords { editor in
                let contacts = StoredTable.named("contacts")
                let campaign = try CampaignBook(editor).campaign(named: newsletter.name)
                for row in try editor.rows(
                    of: contacts, matching: [ColumnMatch("campaign_id", .integer(campaign.id)), ColumnMatch("status", .text("planned"))])
                {
                    try editor.update(
                        contacts,
                        setting: [ColumnMatch("status", .text("sent")), ColumnMatch("sent_at", row[contacts.index(of: "planned_at")])],
                        matching: [ColumnMatch("customer_id", row[0]), ColumnMatch("id", row[1])])
                }
            }
        }
        let results = try store.editingRecords { editor in
            try CampaignMeasurement(windowDays: 14).results(of: try CampaignBook(editor).campaign(named: newsletter.name), editor: editor)
        }
        print()
        print("A past campaign against its holdout (rapport report campaign \"Autumn newsletter\"; docs/collect.md):")
        for line in CampaignReportText.lines(results) { print(line) }
    }
}

extension Weekday {
    /// 0 for Monday … 6 for Sunday.
    var index: Int { Weekday.allCases.firstIndex(of: self)! }
}
