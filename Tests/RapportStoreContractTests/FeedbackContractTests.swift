import Foundation
import RapportCore
import RapportEngine
import Testing

/// Reactions fed back into the profile as they are recorded, the fatigue rest the planner honours,
/// one survey answer per contact, and attribution at its window's edges, on every store.
@Suite("Feedback and attribution contract")
struct FeedbackContractTests {
    typealias Seed = InteractContractTests
    static let day: Int64 = 86_400

    /// Sent e-mail contacts of a first campaign, for customers 2, 4 and 8.
    static func sentContacts(_ store: any RapportStore, at: Instant) throws -> StoredCampaign {
        try store.editingRecords { editor in
            let campaign = try CampaignBook(editor).save(Seed.campaign("Sent before", at: at), source: "test", at: at)
            try editor.insert(
                rows: [2, 4, 8].map { customer in
                    CampaignResultsContractTests.contactRow(
                        customer: customer, id: customer * 100, campaign: campaign.id, status: .sent, planned: at.secondsSinceEpoch,
                        sent: at.secondsSinceEpoch)
                }, into: StoredTable.named("contacts"))
            return campaign
        }
    }

    @Test(arguments: StoreKind.available)
    func reactionsUpdateTheProfileAsTheyAreRecorded(kind: StoreKind) throws {
        let store = try kind.make()
        try Seed.seed(store)
        let sentAt = Seed.monday.adding(days: -10)
        let campaign = try Self.sentContacts(store, at: sentAt)
        let later = { (hours: Int64) in Instant(secondsSinceEpoch: sentAt.secondsSinceEpoch + hours * 3_600) }
        let answer = SurveyAnswer(survey: .nps, score: 9, comment: "Great")
        let outcome = try store.editingRecords { editor in
            try ReactionLedger(editor).record(
                [
                    Reaction(customerID: 2, contactID: 200, campaignID: campaign.id, kind: .opened, at: later(1)),
                    Reaction(customerID: 2, contactID: 200, campaignID: campaign.id, kind: .clicked, at: later(2)),
                    Reaction(customerID: 2, contactID: 200, campaignID: campaign.id, kind: .answered, at: later(3), detail: answer.json),
                    Reaction(
                        customerID: 2, contactID: 200, campaignID: campaign.id, kind: .answered, at: later(4),
                        detail: SurveyAnswer(survey: .nps, score: 0).json),
                    Reaction(customerID: 4, contactID: 400, campaignID: campaign.id, kind: .unsubscribed, at: later(5)),
                    Reaction(customerID: 9, contactID: 900, campaignID: campaign.id, kind: .opened, at: later(5)),
                ], now: later(6))
        }
        #expect(outcome.recorded == 4 && outcome.alreadyAnswered == 1 && outcome.unknownContact == 1 && outcome.revokedConsents == 1)
        let two = try #require(try store.editingRecords { try CustomerFeedback.load(2, editor: $0) })
        #expect(two.satisfaction == 0.9, "the first NPS answer stands: one answer per contact")
        let expected = (1 * pow(2, -1.0 / 24 / 30) + 3) * pow(2, -1.0 / 24 / 30) + 2
        #expect(abs(two.engagement - expected) < 1e-9 && two.engagementAt == later(3))
        #expect(two.engagementScore(at: later(3)) > two.engagementScore(at: later(24 * 60)), "engagement decays")
        let four = try #require(try store.editingRecords { try CustomerFeedback.load(4, editor: $0) })
        #expect(four.fatigueSignals == 1 && four.lastFatigueAt == later(5))

        let rates = try store.editingRecords { try CustomerFeedback.reactivity(of: 2, editor: $0, minimumSent: 1) }
        #expect(rates.byChannel == [.email: 1] && rates.preferred == .email)
    }

    @Test(arguments: StoreKind.available)
    func theFatigueRestSuppressesEveryChannelForItsDays(kind: StoreKind) throws {
        let store = try kind.make()
        try Seed.seed(store)
        let sentAt = Seed.monday.adding(days: -10)
        let campaign = try Self.sentContacts(store, at: sentAt)
        // Customer 8 complains by phone about the e-mail: consent revoked on e-mail; a fatigue signal.
        _ = try store.editingRecords { editor in
            try ReactionLedger(editor).record(
                [Reaction(customerID: 8, contactID: 800, campaignID: campaign.id, kind: .complained, at: sentAt.adding(days: 1), channel: .sms)],
                now: sentAt)
        }
        var policy = PressurePolicy()
        policy.caps = []
        policy.minimumGapHours = 0
        var sms = Seed.campaign("SMS after", at: Seed.monday, channels: [.sms, .email])
        sms.holdout = 0
        try Seed.schedule([sms], policy: policy, in: store)
        let rested = try CampaignOperations.plan(store: store, now: Seed.monday)
        #expect(rested.waves[0].suppressed[CustomerFeedback.fatigueRule] == 1, "8 rests for 30 days on every channel")
        policy.fatigueRestDays = 5
        try store.editingRecords { try CampaignBook($0).setPolicy(policy, at: Seed.t0) }
        let rule = try CampaignOperations.plan(store: store, now: Seed.monday)
        #expect(rule.waves[0].suppressed[CustomerFeedback.fatigueRule] == nil, "nine days after the complaint, a 5-day rest is over")
    }

    @Test(arguments: StoreKind.available)
    func aMonthlyFrequencyKeepsAMonthBetweenTwoMessages(kind: StoreKind) throws {
        let store = try kind.make()
        try Seed.seed(store)
        // 2 and 4 had a message ten days ago; 2 asked for one a month, 4 for one a week.
        _ = try Self.sentContacts(store, at: Seed.monday.adding(days: -10))
        try store.editingRecords { editor in
            try ContactPreferences(channels: [.email: true], frequency: .monthly).save(for: 2, editor: editor, now: Seed.t0)
            try ContactPreferences(channels: [.email: true], frequency: .weekly).save(for: 4, editor: editor, now: Seed.t0)
        }
        var policy = PressurePolicy()
        policy.caps = []
        policy.minimumGapHours = 0
        try Seed.schedule([Seed.campaign("Monthly news", at: Seed.monday)], policy: policy, in: store)
        let plan = try CampaignOperations.plan(store: store, now: Seed.monday)
        #expect(plan.waves[0].suppressed[ContactPreferences.frequencyRule(.monthly)] == 1)
        #expect(plan.waves[0].suppressed[ContactPreferences.frequencyRule(.weekly)] == nil, "ten days is more than a week")
        let two = try #require(try store.editingRecords { try ContactPreferences.load(2, editor: $0) })
        #expect(two.frequency == .monthly && two.channels[.email] == true)
    }

    @Test(arguments: StoreKind.available)
    func attributionCreditsContactsWithinTheWindowUnderEachModel(kind: StoreKind) throws {
        let store = try kind.make()
        try Seed.seed(store)
        let t = Seed.monday.secondsSinceEpoch
        let contacts = StoredTable.named("contacts"), orders = StoredTable.named("orders")
        let (a, b) = try store.editingRecords { editor in
            let book = CampaignBook(editor)
            return (try book.save(Seed.campaign("A", at: Seed.monday), source: "t", at: Seed.t0).id,
                    try book.save(Seed.campaign("B", at: Seed.monday), source: "t", at: Seed.t0).id)
        }
        try store.editingRecords { editor in
            try editor.insert(
                rows: [
                    CampaignResultsContractTests.contactRow(customer: 2, id: 1, campaign: a, status: .sent, planned: t, sent: t),
                    CampaignResultsContractTests.contactRow(customer: 2, id: 2, campaign: b, status: .sent, planned: t + Self.day, sent: t + Self.day),
                    CampaignResultsContractTests.contactRow(customer: 4, id: 3, campaign: a, status: .sent, planned: t, sent: t),
                    CampaignResultsContractTests.contactRow(customer: 8, id: 4, campaign: b, status: .sent, planned: t, sent: t),
                    CampaignResultsContractTests.contactRow(customer: 10, id: 5, campaign: b, status: .sent, planned: t, sent: t),
                ], into: contacts)
            try editor.insert(
                rows: [
                    // 2: touched by A then B; exactly 7 days after A.
                    CampaignResultsContractTests.orderRow(customer: 2, id: 1, at: t + 7 * Self.day, total: 100),
                    // 4: one second after A's window: unattributed.
                    CampaignResultsContractTests.orderRow(customer: 4, id: 2, at: t + 7 * Self.day + 1, total: 50),
                    // 8: at the sending second: attributed to B.
                    CampaignResultsContractTests.orderRow(customer: 8, id: 3, at: t, total: 30),
                ], into: orders)
            _ = try ReactionLedger(editor).record(
                [Reaction(customerID: 10, contactID: 5, campaignID: b, kind: .opened, at: Instant(secondsSinceEpoch: t + 60))], now: Seed.monday)
        }
        let report = try store.editingRecords {
            try Attribution(windowDays: 7).report(from: Seed.monday, to: Seed.monday.adding(days: 30), editor: $0)
        }
        #expect(report.orders == 3 && report.unattributedOrders == 1 && report.unattributedRevenue == 50)
        let lineA = try #require(report.campaigns.first { $0.name == "A" })
        let lineB = try #require(report.campaigns.first { $0.name == "B" })
        #expect(lineA.revenue[.lastTouch] == nil && lineA.revenue[.firstTouch] == 100 && lineA.revenue[.linear] == 50)
        #expect(lineB.revenue[.lastTouch] == 130 && lineB.revenue[.firstTouch] == 30 && lineB.revenue[.linear] == 80)
        #expect(lineB.orders[.linear] == 1.5)
        #expect(lineA.sent == 2 && lineA.noResponse == 1, "4's contact drew neither a reaction nor an order in the window")
        #expect(lineB.sent == 3 && lineB.responded == 1 && lineB.noResponse == 0)
    }
}
