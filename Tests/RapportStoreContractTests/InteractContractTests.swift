import Foundation
import RapportCore
import RapportEngine
import Testing

/// Programmes, campaigns, the policy and campaign runs on every store: the shared code of
/// RapportEngine over each store's ``RecordEditor`` and targeting scans.
@Suite("Interact contract: campaigns, pressure, contact history")
struct InteractContractTests {
    static let t0 = Instant(secondsSinceEpoch: 1_790_000_000)
    /// Monday 2026-12-07 09:00 UTC.
    static let monday = ISO8601Parser.instant("2026-12-07T09:00:00Z")!

    /// 30 customers: even ids consent to e-mail, ids divisible by 3 to SMS (with a phone), id 5 is
    /// do-not-contact, id 7 erased-like (restriction), id 11 has no e-mail.
    static func seed(_ store: any RapportStore) throws {
        try store.importing { tx in
            for id in 1...30 {
                let customer = Customer(
                    externalID: "C\(id)", kind: .customer, firstName: "F\(id)", lastName: "L\(id)",
                    email: id == 11 ? nil : try EmailAddress("c\(id)@example.com"),
                    phone: id % 3 == 0 ? try PhoneNumber("+3361234\(String(format: "%04d", id))") : nil,
                    country: try CountryCode("FR"), timezone: id == 4 ? "America/New_York" : "Europe/Paris", createdAt: t0)
                try tx.insert(customer, fields: .all, fingerprint: Int64(id), id: Int64(id), now: t0)
                if id % 2 == 0 || id == 11 {
                    _ = try tx.record(Consent(customerExternalID: "C\(id)", channel: .email, status: .granted, source: "web", at: t0), customerID: Int64(id), now: t0)
                }
                if id % 3 == 0 {
                    _ = try tx.record(Consent(customerExternalID: "C\(id)", channel: .sms, status: .granted, source: "web", at: t0), customerID: Int64(id), now: t0)
                }
            }
        }
        _ = try store.editingRecords { editor in
            try ContactRestrictions(editor).setDoNotContact(true, customerID: 6, source: "call", actor: "test", at: t0)
        }
    }

    static func campaign(_ name: String, at: Instant, priority: Double = 1, channels: [ContactChannel] = [.email], waves: Int = 1)
        -> CampaignDefinition
    {
        var definition = CampaignDefinition(name: name, target: "kind = \"customer\"", at: at)
        definition.priority = priority
        definition.channels = channels
        definition.holdout = 0
        definition.valuePerResponse = 50
        if waves > 1 {
            definition.kind = .cadenced
            definition.waves = waves
            definition.everyDays = 1
        }
        return definition
    }

    static func schedule(_ definitions: [CampaignDefinition], policy: PressurePolicy, in store: any RapportStore) throws {
        try store.editingRecords { editor in
            let book = CampaignBook(editor)
            try book.setPolicy(policy, at: t0)
            for definition in definitions {
                try book.setStatus(.scheduled, of: try book.save(definition, source: "test", at: t0), at: t0)
            }
        }
    }

    static func contacts(_ store: any RapportStore) throws -> [[StoredValue]] {
        var rows: [[StoredValue]] = []
        try store.readRows(of: StoredTable.named("contacts")) { rows.append($0) }
        return rows
    }

    @Test(arguments: StoreKind.available)
    func aRunDecidesDueWavesOnceAndRecordsEveryContactWithItsRule(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        var policy = PressurePolicy()
        policy.timeZone = "Europe/Paris"
        policy.caps = [.init(limit: 1, days: 7)]
        try Self.schedule(
            [Self.campaign("Low", at: Self.monday, priority: 1), Self.campaign("High", at: Self.monday.adding(days: 2), priority: 3, channels: [.sms, .email])],
            policy: policy, in: store)
        // Monday: "Low" is due; "High" (Wednesday) is looked ahead and, worth more, takes the cap.
        let first = try CampaignOperations.run(store: store, now: Self.monday)
        #expect(first.decidedWaves.map(\.campaign) == ["Low"])
        let low = first.plan.waves.first { $0.campaign.definition.name == "Low" }!
        #expect(low.targeted == 30)
        // Every even customer can have "High" (worth three times more): the cap keeps it for them.
        #expect(low.planned == 0)
        #expect(low.suppressed == ["cap: at most 1 contact in 7 days": 14, "do not contact": 1, "no data": 1, "no consent": 14])
        let rows = try Self.contacts(store)
        #expect(rows.count == 30)
        #expect(Set(rows.map { $0[15] }).count == 30)  // one idempotency key each
        // Run again at the same time: nothing is decided twice.
        let again = try CampaignOperations.run(store: store, now: Self.monday)
        #expect(again.decidedWaves.isEmpty)
        #expect(try Self.contacts(store).count == 30)
        // Wednesday: "High" is decided; nobody planned by "Low" gets it within the week.
        let wednesday = try CampaignOperations.run(store: store, now: Self.monday.adding(days: 2))
        #expect(wednesday.decidedWaves.map(\.campaign) == ["High"])
        let all = try Self.contacts(store)
        let planned = all.filter { $0[8] == .text("planned") }
        let customersPlanned = planned.map { $0[0] }
        #expect(Set(customersPlanned).count == customersPlanned.count, "a customer got two contacts within the cap")
        // SMS first for those who consented to it, e-mail otherwise.
        #expect(planned.count == 19)
        let high = planned.filter { $0[2] == .integer(2) }
        #expect(high.contains { $0[4] == .text("sms") } && high.contains { $0[4] == .text("email") })
        let finished = try store.editingRecords { try CampaignBook($0).campaigns().map(\.status) }
        #expect(finished == [.done, .done])
    }

    @Test(arguments: StoreKind.available)
    func aRunInterruptedBeforeItCommitsLeavesNothingAndTheNextRunDecides(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        try Self.schedule([Self.campaign("Only", at: Self.monday)], policy: PressurePolicy(), in: store)
        #expect(throws: RunInterrupted.self) {
            try store.editingRecords { editor in
                try ContactHistory(editor).append(
                    [PlannedContact(customerID: 2, campaignID: 1, wave: 0, channel: .email, message: "Only", purpose: .marketing, status: .planned, plannedAt: Self.monday, cost: 0, expectedValue: 1)],
                    decidedAt: Self.monday)
                throw RunInterrupted()
            }
        }
        #expect(try Self.contacts(store).isEmpty)
        let run = try CampaignOperations.run(store: store, now: Self.monday)
        #expect(run.decidedWaves.count == 1)
        #expect(try Self.contacts(store).count == 30)
    }

    @Test(arguments: StoreKind.available)
    func quietHoursAndCapacityShapeThePlanInEachCustomersZone(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        var policy = PressurePolicy()
        policy.timeZone = "Europe/Paris"
        policy.dailyCapacity = [.email: 4]
        // 22:00 in Paris on Monday: 17:00 in New York.
        var late = Self.campaign("Late", at: ISO8601Parser.instant("2026-12-07T21:00:00Z")!)
        late.holdout = 0
        try Self.schedule([late], policy: policy, in: store)
        let plan = try CampaignOperations.plan(store: store, now: ISO8601Parser.instant("2026-12-07T21:00:00Z")!)
        let wave = plan.waves[0]
        // Only the New York customer (4) can be reached on Monday evening; the 13 others who consent
        // move to Tuesday 08:00 in Paris, where the day's capacity keeps 4 of them.
        #expect(wave.planned == 5)
        #expect(wave.suppressed["channel capacity"] == 9)
        #expect(plan.calendar[ISO8601Parser.date("2026-12-07")!] == [.email: 1])
        #expect(plan.calendar[ISO8601Parser.date("2026-12-08")!] == [.email: 4])
        #expect(try Self.contacts(store).isEmpty, "a simulation writes nothing")
    }

    @Test(arguments: StoreKind.available)
    func aWaveOutsideItsProgrammesPeriodIsNeverPlanned(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        var programme = Programme(name: "Autumn")
        programme.endsOn = ISO8601Parser.date("2026-12-08")
        // Customer 11 has no e-mail address: the programme requires one.
        programme.requiredData = ["email"]
        var series = Self.campaign("Daily", at: Self.monday, waves: 3)
        series.programme = "Autumn"
        _ = try store.editingRecords { editor in try CampaignBook(editor).save(programme, at: Self.t0) }
        try Self.schedule([series], policy: PressurePolicy(), in: store)
        // Waves on Monday and Tuesday are inside; Wednesday's is after the programme ends.
        let plan = try CampaignOperations.plan(store: store, now: Self.monday)
        #expect(plan.waves.map(\.wave) == [0, 1])
        #expect(plan.waves[0].suppressed["missing data the programme requires"] == 1)
        #expect(plan.outsideProgrammePeriod.map(\.wave) == [2])
        let wednesday = try CampaignOperations.run(store: store, now: Self.monday.adding(days: 2))
        #expect(wednesday.outsideProgrammePeriod.map(\.wave) == [2])
        #expect(try Self.contacts(store).allSatisfy { $0[3] != .integer(2) })
        #expect(try store.editingRecords { try CampaignBook($0).campaigns().map(\.status) } == [.done])
    }

    @Test(arguments: StoreKind.available)
    func programmesCampaignsAndThePolicyRoundTripAndRefuseBadDefinitions(kind: StoreKind) throws {
        let store = try kind.make()
        var programme = Programme(name: "Win back")
        programme.budget = 100
        programme.requiredData = ["email"]
        try store.editingRecords { editor in
            let book = CampaignBook(editor)
            try book.save(programme, at: Self.t0)
            var definition = Self.campaign("Wake", at: Self.monday)
            definition.programme = "Win back"
            definition.variants = [.init(name: "A", weight: 2), .init(name: "B")]
            let saved = try book.save(definition, source: "wake.json", at: Self.t0)
            #expect(try book.campaign(named: "Wake") == saved)
            #expect(try book.programmes().map(\.programme) == [programme])
            var orphan = Self.campaign("Orphan", at: Self.monday)
            orphan.programme = "Nope"
            #expect(throws: InteractError.unknownProgramme("Nope")) { try book.save(orphan, source: "orphan.json", at: Self.t0) }
            var bad = Self.campaign("Bad", at: Self.monday)
            bad.holdout = 1.5
            bad.channels = []
            #expect(throws: InteractError.self) { try book.save(bad, source: "bad.json", at: Self.t0) }
            try book.setStatus(.scheduled, of: saved, at: Self.t0)
            #expect(throws: InteractError.notEditable(campaign: "Wake", status: "scheduled")) {
                try book.save(definition, source: "wake.json", at: Self.t0)
            }
            var policy = PressurePolicy()
            policy.globalHoldout = 0.1
            try book.setPolicy(policy, at: Self.t0)
            #expect(try book.policy() == policy)
        }
    }
}

struct RunInterrupted: Error {}

extension Instant {
    func adding(days: Int) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + Int64(days) * 86_400) }
}

/// Event-triggered scenarios on every store: an abandoned cart with no order within a day, a
/// birthday in the policy's time zone, the re-entry rule, and a run that finds nothing new.
@Suite("Triggered scenarios contract")
struct TriggeredScenarioTests {
    static let t = ISO8601Parser.instant("2026-12-07T10:00:00Z")!

    static func seed(_ kind: StoreKind) throws -> any RapportStore {
        let store = try kind.make()
        try store.importing { tx in
            try tx.insert(Product(sku: "P1", name: "Cup", unitCost: 2), fingerprint: 0, id: 1, now: InteractContractTests.t0)
            for id in 1...4 {
                let customer = Customer(
                    externalID: "T\(id)", kind: .customer, firstName: "T\(id)", lastName: "Lee", email: try EmailAddress("t\(id)@example.com"),
                    birthDate: id == 3 ? CalendarDate(year: 1990, month: 12, day: 9) : nil, createdAt: InteractContractTests.t0)
                try tx.insert(customer, fields: .all, fingerprint: Int64(id), id: Int64(id), now: InteractContractTests.t0)
                _ = try tx.record(
                    Consent(customerExternalID: "T\(id)", channel: .email, status: .granted, source: "web", at: InteractContractTests.t0),
                    customerID: Int64(id), now: InteractContractTests.t0)
            }
            for (number, customer) in [(1, 1), (2, 2)] {
                try tx.insert(
                    Event(externalID: "E\(number)", customerExternalID: "T\(customer)", type: try Token("cart_abandoned", field: "type"), at: t),
                    fingerprint: 0, id: Int64(number), customerID: Int64(customer))
            }
            // Customer 2 comes back and buys two hours later.
            try tx.insert(
                Order(externalID: "O1", customerExternalID: "T2", placedAt: Instant(secondsSinceEpoch: t.secondsSinceEpoch + 7200), total: 20,
                      lines: [OrderLine(sku: "P1", quantity: 1, amount: 20)]),
                fingerprint: 0, id: 1, customerID: 2, productIDs: [1])
        }
        return store
    }

    static func scenario(_ name: String, _ trigger: Trigger) -> CampaignDefinition {
        var definition = CampaignDefinition(name: name, target: "kind = \"customer\"", at: Instant(secondsSinceEpoch: t.secondsSinceEpoch - 86_400))
        definition.kind = .triggered
        definition.trigger = trigger
        definition.holdout = 0
        definition.valuePerResponse = 20
        return definition
    }

    @Test(arguments: StoreKind.available)
    func anAbandonedCartWithoutAnOrderWithinADayTriggersOnce(kind: StoreKind) throws {
        let store = try Self.seed(kind)
        var trigger = Trigger(on: .event)
        trigger.event = "cart_abandoned"
        trigger.unlessOrderWithinHours = 24
        var policy = PressurePolicy()
        policy.quietHours = nil
        try InteractContractTests.schedule([Self.scenario("Cart", trigger)], policy: policy, in: store)
        // Twelve hours on, the day has not passed: nobody yet.
        let early = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 12))
        #expect(early.plan.waves.first?.targeted == 0)
        // A day and an hour on: customer 1 (no order), not customer 2 (bought).
        let due = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 25))
        #expect(due.plan.waves.map(\.targeted) == [1])
        let contacts = try InteractContractTests.contacts(store)
        #expect(contacts.count == 1 && contacts[0][0] == .integer(1) && contacts[0][8] == .text("planned"))
        // The next run finds nothing new; the scenario stays scheduled.
        let later = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 26))
        #expect(later.plan.waves.allSatisfy { $0.targeted == 0 })
        #expect(try InteractContractTests.contacts(store).count == 1)
        #expect(try store.editingRecords { try CampaignBook($0).campaigns().map(\.status) } == [.scheduled])
        // Customer 1 abandons a cart again: within the re-entry period, no second message.
        try store.importing { tx in
            try tx.insert(
                Event(externalID: "E3", customerExternalID: "T1", type: try Token("cart_abandoned", field: "type"), at: Self.t.adding(hours: 30)),
                fingerprint: 0, id: 3, customerID: 1)
        }
        let again = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 60))
        #expect(again.plan.waves.allSatisfy { $0.targeted == 0 })
    }

    @Test(arguments: StoreKind.available)
    func aBirthdayFiresOnItsDayInThePolicysZone(kind: StoreKind) throws {
        let store = try Self.seed(kind)
        var policy = PressurePolicy()
        policy.timeZone = "Europe/Paris"
        try InteractContractTests.schedule([Self.scenario("Birthday", Trigger(on: .birthday))], policy: policy, in: store)
        // 8 December, 22:30 UTC is already 9 December in Paris: customer 3's birthday.
        let run = try CampaignOperations.run(store: store, now: ISO8601Parser.instant("2026-12-08T23:30:00Z")!)
        #expect(run.plan.waves.map(\.targeted) == [1])
        let contact = try #require(try InteractContractTests.contacts(store).first)
        #expect(contact[0] == .integer(3))
        // Planned at 08:00 in Paris (quiet hours), on the day.
        #expect(contact[10] == .integer(ISO8601Parser.instant("2026-12-09T07:00:00Z")!.secondsSinceEpoch))
    }
}

extension TriggeredScenarioTests {
    /// First purchase, inactivity, a date attribute and a score crossing, each in its own scenario,
    /// checked by simulation (nothing written) at one moment.
    @Test(arguments: StoreKind.available)
    func eachTriggerSelectsItsCustomers(kind: StoreKind) throws {
        let store = try Self.seed(kind)
        let now = Self.t.adding(hours: 48)
        try store.importing { tx in
            // Customer 3: one order ever, yesterday (first purchase). Customer 4: last order 90 days and 1 hour ago.
            try tx.insert(
                Order(externalID: "O3", customerExternalID: "T3", placedAt: now.adding(hours: -20), total: 10,
                      lines: [OrderLine(sku: "P1", quantity: 1, amount: 10)]),
                fingerprint: 0, id: 3, customerID: 3, productIDs: [1])
            try tx.insert(
                Order(externalID: "O4", customerExternalID: "T4", placedAt: now.adding(hours: -90 * 24 - 1), total: 10,
                      lines: [OrderLine(sku: "P1", quantity: 1, amount: 10)]),
                fingerprint: 0, id: 4, customerID: 4, productIDs: [1])
            let renewal = Customer(
                externalID: "T1", kind: .customer, createdAt: InteractContractTests.t0, attributesJSON: #"{"renewal_date":"2026-12-16"}"#)
            try tx.update(renewal, fields: .attributes, fingerprint: 99, id: 1, now: now)
        }
        // Customer 2's CLV rose past 100 in an analysis yesterday; customer 1's was already above.
        try store.editingRecords { editor in
            let history = StoredTable.named("score_history")
            func row(_ customer: Int64, _ at: Instant, _ clv: Double) -> [StoredValue] {
                var values = [StoredValue](repeating: .null, count: history.columns.count)
                values[0] = .integer(customer)
                values[1] = .integer(at.secondsSinceEpoch)
                values[history.index(of: "clv")] = .real(clv)
                return values
            }
            for values in [row(2, Self.t.adding(hours: -24 * 30), 60), row(2, now.adding(hours: -5), 140), row(1, Self.t.adding(hours: -24 * 30), 150), row(1, now.adding(hours: -5), 160)] {
                try editor.insert(values, into: history, ignoringConflicts: false)
            }
        }
        var inactivity = Trigger(on: .inactivity)
        inactivity.days = 90
        var date = Trigger(on: .date)
        date.attribute = "renewal_date"
        date.daysBefore = 7
        var crossing = Trigger(on: .scoreCrossing)
        crossing.score = "clv"
        crossing.above = 100
        var policy = PressurePolicy()
        policy.caps = []
        policy.minimumGapHours = 0
        try InteractContractTests.schedule(
            [
                Self.scenario("Welcome", Trigger(on: .firstPurchase)), Self.scenario("Missed", inactivity), Self.scenario("Renewal", date),
                Self.scenario("Rising", crossing),
            ], policy: policy, in: store)
        let plan = try CampaignOperations.plan(store: store, now: now)
        let targeted = Dictionary(uniqueKeysWithValues: plan.waves.map { ($0.campaign.definition.name, $0.targeted) })
        // Welcome: customers 3 and 2 (whose only order, after the cart, is also in the window).
        #expect(targeted == ["Welcome": 2, "Missed": 1, "Renewal": 1, "Rising": 1])
        #expect(try InteractContractTests.contacts(store).isEmpty)
    }
}

extension Instant {
    func adding(hours: Int) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + Int64(hours) * 3600) }
}

/// A lifecycle journey on a simulated clock, on every store: entry on an event, a send, a wait, a
/// wait for a response with a timeout that branches, an exit, and no re-entry within the period.
@Suite("Journeys contract")
struct JourneyTests {
    static let t = TriggeredScenarioTests.t

    @Test(arguments: StoreKind.available)
    func customersMoveThroughTheStepsAsTheClockAdvances(kind: StoreKind) throws {
        let store = try TriggeredScenarioTests.seed(kind)
        func event(_ number: Int, _ customer: Int, _ type: String, at: Instant) throws {
            try store.importing { tx in
                try tx.insert(
                    Event(externalID: "J\(number)", customerExternalID: "T\(customer)", type: try Token(type, field: "type"), at: at),
                    fingerprint: 0, id: Int64(100 + number), customerID: Int64(customer))
            }
        }
        try event(1, 1, "signup", at: Self.t)
        try event(2, 3, "signup", at: Self.t)
        let json = #"""
            {"name": "Onboarding", "kind": "journey", "target": "kind = \"customer\"", "at": "2026-12-06T10:00:00Z", "holdout": 0,
             "trigger": {"on": "event", "event": "signup"},
             "content": {"subject": "Welcome {{first_name}}", "text": "Hello"},
             "steps": [
               {"id": "welcome", "send": {}, "next": "pause"},
               {"id": "pause", "wait": {"hours": 48}},
               {"id": "click", "waitFor": {"event": "email_click", "timeoutHours": 72, "then": "thanks", "timeout": "reminder"}},
               {"id": "thanks", "send": {"content": {"subject": "Thanks", "text": "Glad you came"}}, "next": "end"},
               {"id": "reminder", "send": {"content": {"subject": "Still there?", "text": "Come back"}}, "next": "end"},
               {"id": "end", "exit": {}}
             ]}
            """#
        let definition = try JSONDecoder().decode(CampaignDefinition.self, from: Data(json.utf8))
        #expect(definition.problems().isEmpty)
        var policy = PressurePolicy()
        policy.quietHours = nil
        policy.allowedDays = Set(Weekday.allCases)
        policy.caps = []
        policy.minimumGapHours = 0
        try InteractContractTests.schedule([definition], policy: policy, in: store)
        func messages() throws -> [String] {
            try InteractContractTests.contacts(store).map { "\($0[0].integerValue!):\($0[5].textValue!)" }.sorted()
        }
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 1))
        #expect(try messages() == ["1:Onboarding/welcome", "3:Onboarding/welcome"])
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 30))
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 50))
        #expect(try messages().count == 2)
        try event(3, 1, "email_click", at: Self.t.adding(hours: 60))
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 61))
        #expect(try messages() == ["1:Onboarding/thanks", "1:Onboarding/welcome", "3:Onboarding/welcome"])
        // Customer 3's wait for a click times out 72 hours after it began (at hour 50).
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 100))
        #expect(try messages().count == 3)
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 123))
        #expect(try messages() == ["1:Onboarding/thanks", "1:Onboarding/welcome", "3:Onboarding/reminder", "3:Onboarding/welcome"])
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 124))
        var states: [[StoredValue]] = []
        try store.readRows(of: StoredTable.named("journey_states")) { states.append($0) }
        #expect(states.map { $0[5] } == [.text("done"), .text("done")])
        // Signing up again within the re-entry period does not start the journey again.
        try event(4, 1, "signup", at: Self.t.adding(hours: 130))
        _ = try CampaignOperations.run(store: store, now: Self.t.adding(hours: 131))
        #expect(try messages().count == 4)
        // The outbox renders each step's own content.
        let fill = try OutboxFiller().fill(store: store, now: Self.t.adding(hours: 131))
        #expect(fill.queued[.email] == 4)
        var outbox: [[StoredValue]] = []
        try store.readRows(of: StoredTable.named("outbox")) { outbox.append($0) }
        let subjects = try outbox.map { try JSONDecoder().decode(OutboxPayload.self, from: Data($0[5].textValue!.utf8)).subject }.sorted()
        #expect(subjects == ["Still there?", "Thanks", "Welcome T1", "Welcome T3"])
    }
}
