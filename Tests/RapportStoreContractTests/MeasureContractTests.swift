import Foundation
import RapportCore
import RapportEngine
import Testing

/// The KPIs by month and the touchpoint map on every store, over small bases whose figures are
/// worked out by hand.
@Suite("KPIs and touchpoint map contract")
struct MeasureContractTests {
    typealias Seed = InteractContractTests
    static let day: Int64 = 86_400

    static func at(_ text: String) -> Int64 { ISO8601Parser.instant(text + "T12:00:00Z")!.secondsSinceEpoch }

    static func event(customer: Int64, id: Int64, type: String, channel: String, at: Int64, properties: String = "{}") -> [StoredValue] {
        [.integer(customer), .integer(id), .text("E\(id)"), .text(type), .text(channel), .integer(at), .null, .text(properties), .integer(id)]
    }

    @Test(arguments: StoreKind.available)
    func monthlyFiguresFollowTheirDefinitions(kind: StoreKind) throws {
        let store = try kind.make()
        try Seed.seed(store)
        let campaign = try store.editingRecords { try CampaignBook($0).save(Seed.campaign("Spring", at: Seed.t0), source: "t", at: Seed.t0) }
        try store.editingRecords { editor in
            try editor.insert(
                rows: [
                    CampaignResultsContractTests.orderRow(customer: 2, id: 1, at: Self.at("2025-01-15"), total: 100),
                    CampaignResultsContractTests.orderRow(customer: 2, id: 2, at: Self.at("2025-03-10"), total: 50),
                    CampaignResultsContractTests.orderRow(customer: 4, id: 3, at: Self.at("2025-02-01"), total: 30),
                    CampaignResultsContractTests.orderRow(customer: 6, id: 4, at: Self.at("2024-02-20"), total: 10),
                    CampaignResultsContractTests.orderRow(customer: 8, id: 5, at: Self.at("2025-03-11"), total: 70, status: .cancelled),
                ], into: StoredTable.named("orders"))
            try editor.insert(
                rows: [
                    Self.event(customer: 2, id: 1, type: "survey_answer", channel: "email", at: Self.at("2025-01-20"), properties: #"{"survey":"nps","score":10}"#),
                    Self.event(customer: 4, id: 2, type: "survey_answer", channel: "web", at: Self.at("2025-01-21"), properties: #"{"survey":"nps","score":3}"#),
                ], into: StoredTable.named("events"))
            try editor.insert(
                rows: [
                    CampaignResultsContractTests.contactRow(customer: 2, id: 1, campaign: campaign.id, status: .sent, planned: Self.at("2025-03-02"), sent: Self.at("2025-03-02")),
                    CampaignResultsContractTests.contactRow(customer: 2, id: 2, campaign: campaign.id, status: .sent, planned: Self.at("2025-03-09"), sent: Self.at("2025-03-09")),
                    CampaignResultsContractTests.contactRow(customer: 4, id: 3, campaign: campaign.id, status: .sent, planned: Self.at("2025-02-09"), sent: Self.at("2025-03-01")),
                ], into: StoredTable.named("contacts"))
            _ = try ReactionLedger(editor).record(
                [
                    Reaction(customerID: 4, contactID: 3, campaignID: campaign.id, kind: .answered, at: Instant(secondsSinceEpoch: Self.at("2025-02-25")),
                             detail: SurveyAnswer(survey: .csat, score: 5).json),
                    Reaction(customerID: 2, contactID: 2, campaignID: campaign.id, kind: .unsubscribed, at: Instant(secondsSinceEpoch: Self.at("2025-03-20"))),
                ], now: Seed.t0)
        }
        let timeline = try KPITimeline.compute(store: store, asOf: ISO8601Parser.date("2025-03-31")!, count: 3)
        #expect(timeline.months.map(\.month) == ["2025-01", "2025-02", "2025-03"])
        let (january, february, march) = (timeline.months[0], timeline.months[1], timeline.months[2])
        #expect(january.activeCustomers == 2 && january.newCustomers == 1 && january.orders == 1 && january.revenue == 100)
        #expect(january.nps == 0 && january.answers == 2, "one promoter, one detractor")
        #expect(february.activeCustomers == 2 && february.newCustomers == 1 && february.lostCustomers == 1)
        #expect(february.churnRate == 0.5 && february.retentionRate == 0.5)
        #expect(february.csat == 100 && february.ces == nil)
        #expect(march.activeCustomers == 2 && march.orders == 1 && march.buyers == 1 && march.averageBasket == 50)
        #expect(march.contactsSent == 3 && march.customersContacted == 2 && march.contactsPerContactedCustomer == 1.5)
        #expect(march.unsubscribes == 1 && march.unsubscribeRate == 1.0 / 3)
    }

    @Test(arguments: StoreKind.available)
    func theMapFlagsIrritantsAndTheMomentOfTruth(kind: StoreKind) throws {
        let store = try kind.make()
        try Seed.seed(store)
        let start = Self.at("2025-05-01")
        try store.editingRecords { editor in
            let history = StoredTable.named("score_history")
            var rows: [[StoredValue]] = []
            for customer in Int64(1)...30 {
                var row = [StoredValue](repeating: .null, count: history.columns.count)
                row[0] = .integer(customer)
                row[1] = .integer(start - 10 * Self.day)
                row[history.index(of: "lifecycle_stage")] = .text(customer <= 20 ? "expansion" : "dissolution")
                rows.append(row)
            }
            try editor.insert(rows: rows, into: history)
            var events: [[StoredValue]] = []
            var orders: [[StoredValue]] = []
            var id: Int64 = 0
            // Expansion: 40 web visits, 30 followed by an order within 30 days; 40 e-mail opens,
            // 4 followed; 6 phone complaints.
            for n in 0..<40 {
                let customer = Int64(n % 20 + 1)
                let at = start + Int64(n) * 3_600
                id += 1
                events.append(Self.event(customer: customer, id: id, type: "web_visit", channel: "web", at: at))
                if n < 30 { orders.append(CampaignResultsContractTests.orderRow(customer: customer, id: id, at: at + 60, total: 20)) }
                id += 1
                events.append(Self.event(customer: customer, id: id, type: "email_open", channel: "email", at: at + 7 * 3_600 * 40))
            }
            for n in 0..<6 {
                id += 1
                events.append(Self.event(customer: Int64(n + 1), id: id, type: "complaint", channel: "phone", at: start + Int64(n) * Self.day))
            }
            try editor.insert(rows: events, into: StoredTable.named("events"))
            try editor.insert(rows: orders, into: StoredTable.named("orders"))
        }
        let map = try store.editingRecords {
            try TouchpointMap.compute(from: Instant(secondsSinceEpoch: start), to: Instant(secondsSinceEpoch: start + 90 * Self.day), editor: $0)
        }
        #expect(map.stages == ["expansion"] && map.channels == ["email", "phone", "web"])
        let web = try #require(map.cell("expansion", "web"))
        let email = try #require(map.cell("expansion", "email"))
        let phone = try #require(map.cell("expansion", "phone"))
        #expect(web.touchpoints == 40 && web.followedByOrder == 30 && web.isMomentOfTruth && !web.isIrritant)
        #expect(email.touchpoints == 40 && !email.isMomentOfTruth)
        #expect(phone.complaints == 6 && phone.isIrritant)
    }
}
