import Foundation
import RapportCore
import RapportEngine
import Testing

/// Campaign results on every store: the attribution window at its edges, and a simulated campaign
/// whose true uplift is known, which the intervals must contain.
@Suite("Campaign results contract")
struct CampaignResultsContractTests {
    static let t0 = Instant(secondsSinceEpoch: 1_790_000_000)
    static let contacts = StoredTable.named("contacts")
    static let orders = StoredTable.named("orders")

    static func contactRow(
        customer: Int64, id: Int64, campaign: Int64, status: ContactStatus, rule: String? = nil, planned: Int64, sent: Int64? = nil,
        variant: String? = nil, cost: Double = 0
    ) -> [StoredValue] {
        var row = [StoredValue](repeating: .null, count: contacts.columns.count)
        func set(_ column: String, _ value: StoredValue) { row[contacts.index(of: column)] = value }
        set("customer_id", .integer(customer))
        set("id", .integer(id))
        set("campaign_id", .integer(campaign))
        set("wave", .integer(1))
        set("channel", .text("email"))
        set("message", .text("m"))
        set("variant", variant.map { .text($0) } ?? .null)
        set("purpose", .text("marketing"))
        set("status", .text(status.rawValue))
        set("rule", rule.map { .text($0) } ?? .null)
        set("planned_at", .integer(planned))
        set("decided_at", .integer(planned))
        set("sent_at", sent.map { .integer($0) } ?? .null)
        set("cost", .real(cost))
        set("expected_value", .real(0))
        set("idempotency_key", .text("\(customer):\(campaign):\(id)"))
        return row
    }

    static func orderRow(customer: Int64, id: Int64, at: Int64, total: Double, status: OrderStatus = .completed) -> [StoredValue] {
        [
            .integer(customer), .integer(id), .text("O\(id)"), .integer(at), .text("web"), .null, .text(status.rawValue), .real(total),
            .real(total * 0.4), .integer(1), .text("EUR"), .integer(id),
        ]
    }

    static func campaign(_ store: any RapportStore, _ name: String) throws -> StoredCampaign {
        try store.editingRecords { editor in
            try CampaignBook(editor).save(CampaignDefinition(name: name, target: #"kind = "customer""#, at: t0), source: "test", at: t0)
        }
    }

    @Test(arguments: StoreKind.available)
    func theWindowCountsOrdersFromTheContactToItsLastSecond(kind: StoreKind) throws {
        let store = try kind.make()
        let campaign = try Self.campaign(store, "Edges")
        let day: Int64 = 86_400
        let sentAt = Self.t0.secondsSinceEpoch + 3_600
        let window = 7 * day
        try store.editingRecords { editor in
            try editor.insert(
                rows: [
                    // 1: sent an hour after planning; an order at sending time counts, one just before does not.
                    Self.contactRow(customer: 1, id: 1, campaign: campaign.id, status: .sent, planned: Self.t0.secondsSinceEpoch, sent: sentAt, cost: 0.5),
                    // 2: sent; an order at the window's last second counts.
                    Self.contactRow(customer: 2, id: 2, campaign: campaign.id, status: .sent, planned: Self.t0.secondsSinceEpoch, sent: sentAt, cost: 0.5),
                    // 3: sent; an order one second after the window does not.
                    Self.contactRow(customer: 3, id: 3, campaign: campaign.id, status: .sent, planned: Self.t0.secondsSinceEpoch, sent: sentAt, cost: 0.5),
                    // 4: control, measured from its planned time; 5: a cancelled order does not convert.
                    Self.contactRow(customer: 4, id: 4, campaign: campaign.id, status: .control, rule: "campaign holdout", planned: Self.t0.secondsSinceEpoch),
                    Self.contactRow(customer: 5, id: 5, campaign: campaign.id, status: .control, rule: "campaign holdout", planned: Self.t0.secondsSinceEpoch),
                    // 6: suppressed, 7: the global holdout: neither treated nor control.
                    Self.contactRow(customer: 6, id: 6, campaign: campaign.id, status: .suppressed, rule: "minimum gap", planned: Self.t0.secondsSinceEpoch),
                    Self.contactRow(customer: 7, id: 7, campaign: campaign.id, status: .control, rule: "global holdout", planned: Self.t0.secondsSinceEpoch),
                ], into: Self.contacts)
            try editor.insert(
                rows: [
                    Self.orderRow(customer: 1, id: 10, at: sentAt - 1, total: 1_000),
                    Self.orderRow(customer: 1, id: 11, at: sentAt, total: 30),
                    Self.orderRow(customer: 2, id: 12, at: sentAt + window, total: 20),
                    Self.orderRow(customer: 3, id: 13, at: sentAt + window + 1, total: 1_000),
                    Self.orderRow(customer: 4, id: 14, at: Self.t0.secondsSinceEpoch + 10, total: 15),
                    Self.orderRow(customer: 5, id: 15, at: Self.t0.secondsSinceEpoch + 10, total: 99, status: .cancelled),
                    Self.orderRow(customer: 7, id: 16, at: Self.t0.secondsSinceEpoch + 10, total: 99),
                ], into: Self.orders)
            _ = try ReactionLedger(editor).record(
                [
                    Reaction(customerID: 1, contactID: 1, campaignID: campaign.id, kind: .opened, at: Instant(secondsSinceEpoch: sentAt + 5)),
                    Reaction(customerID: 1, contactID: 1, campaignID: campaign.id, kind: .opened, at: Instant(secondsSinceEpoch: sentAt + 9)),
                    Reaction(customerID: 2, contactID: 2, campaignID: campaign.id, kind: .opened, at: Instant(secondsSinceEpoch: sentAt + 5)),
                    Reaction(customerID: 2, contactID: 2, campaignID: campaign.id, kind: .clicked, at: Instant(secondsSinceEpoch: sentAt + 6)),
                ], now: Self.t0)
        }
        let results = try store.editingRecords { try CampaignMeasurement(windowDays: 7).results(of: campaign, editor: $0) }
        #expect(results.targeted == 7 && results.suppressed == 1 && results.globalHoldout == 1 && results.heldOut == 2)
        #expect(results.treated == 3 && results.sent == 3)
        #expect(results.treatedConverted == 2 && results.revenue == 50)
        #expect(results.controlConverted == 1 && results.controlRevenue == 15)
        #expect(results.count(.opened) == 2 && results.count(.clicked) == 1, "unique contacts, not repeated opens")
        #expect(results.cost == 1.5)
        #expect(abs(results.conversion.difference - (2.0 / 3 - 0.5)) < 1e-12)
        #expect(abs(results.incrementalRevenue - (50.0 / 3 - 7.5) * 3) < 1e-9)
        let expectedROI = ((20.0 / 3 - 3) * 3 - 1.5) / 1.5
        #expect(abs((results.returnOnInvestment ?? 0) - expectedROI) < 1e-9)
    }

    @Test(arguments: StoreKind.available)
    func aKnownUpliftFallsInsideItsIntervals(kind: StoreKind) throws {
        let store = try kind.make()
        let campaign = try Self.campaign(store, "Uplift")
        // 6,000 treated at a true conversion of 9 %, 6,000 in control at 6 %; every converted
        // customer spends 40 + a uniform 0–40 (mean 60), so the true revenue uplift per contact is 1.8.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var contacts: [[StoredValue]] = []
        var orders: [[StoredValue]] = []
        let start = Self.t0.secondsSinceEpoch
        for customer in Int64(1)...12_000 {
            let control = customer % 2 == 0
            contacts.append(
                Self.contactRow(
                    customer: customer, id: customer, campaign: campaign.id, status: control ? .control : .sent,
                    rule: control ? "campaign holdout" : nil, planned: start, sent: control ? nil : start, variant: control ? nil : "A",
                    cost: control ? 0 : 0.1))
            if uniform() < (control ? 0.06 : 0.09) {
                orders.append(Self.orderRow(customer: customer, id: customer, at: start + 86_400, total: 40 + 40 * uniform()))
            }
        }
        try store.editingRecords { editor in
            for chunk in stride(from: 0, to: contacts.count, by: 1_000) {
                try editor.insert(rows: Array(contacts[chunk..<min(chunk + 1_000, contacts.count)]), into: Self.contacts)
            }
            try editor.insert(rows: orders, into: Self.orders)
        }
        let results = try store.editingRecords { try CampaignMeasurement(windowDays: 14).results(of: campaign, editor: $0) }
        #expect(results.treated == 6_000 && results.heldOut == 6_000)
        let conversion = try #require(results.conversion.interval)
        #expect(conversion.contains(0.03), "Newcombe interval \(conversion) contains the true 3-point uplift")
        #expect(conversion.lowerBound > 0 && results.conversion.isSignificant)
        let revenue = try #require(results.revenuePerContact.interval)
        #expect(revenue.contains(1.8), "Welch interval \(revenue) contains the true 1.8 per contact")
        #expect(results.variants.map(\.name) == ["A"] && results.variants[0].contacts == 6_000)
        #expect(abs(results.cost - 600) < 1e-6)
    }
}
