import Foundation
import RapportCore
import RapportSQLite
import Testing

/// The behaviour every ``AnalysisStore`` must have, on every available store.
@Suite("Analysis store contract")
struct AnalysisStoreContractTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static func day(_ d: Int) -> Instant { Instant(CalendarDate(year: 2025, month: 3, day: d)!) }

    /// Three customers (ids 1, 2, 3); 1 bought twice and returned once, 3 never bought; events and
    /// consents for 1 and 2.
    static func seeded(_ kind: StoreKind) throws -> any KnowledgeBaseStore & AnalysisStore {
        let store = try kind.make()
        try store.importing { tx in
            try tx.insert(Customer(externalID: "C1", kind: .customer, createdAt: day(1)), fields: .all, fingerprint: 0, id: 1, now: now)
            try tx.insert(
                Customer(externalID: "C2", kind: .customer, createdAt: day(2), attributesJSON: #"{"referred_by":"C1"}"#),
                fields: .all, fingerprint: 0, id: 2, now: now)
            try tx.insert(
                Customer(externalID: "C3", kind: .former, createdAt: day(3), attributesJSON: #"{"acquisition_source":"referral"}"#),
                fields: .all, fingerprint: 0, id: 3, now: now)
            let orders = [
                (Order(externalID: "O1", customerExternalID: "C1", placedAt: day(5), total: 10, margin: 4), 1, Int64(1)),
                (Order(externalID: "O2", customerExternalID: "C1", placedAt: day(9), total: 20), 2, 1),
                (Order(externalID: "O3", customerExternalID: "C1", placedAt: day(7), status: .returned, total: 5), 3, 1),
                (Order(externalID: "O4", customerExternalID: "C2", placedAt: day(20), total: 30), 4, 2),
            ]
            for (order, id, customer) in orders {
                try tx.insert(order, fingerprint: 0, id: Int64(id), customerID: customer, productIDs: [])
            }
            let events = [
                Event(externalID: "E1", customerExternalID: "C1", type: try Token("complaint", field: "type"), at: day(10)),
                Event(
                    externalID: "E2", customerExternalID: "C1", type: try Token("survey_answer", field: "type"), at: day(11),
                    propertiesJSON: #"{"score":3,"survey":"nps"}"#),
                Event(
                    externalID: "E3", customerExternalID: "C2", type: try Token("survey_answer", field: "type"), at: day(11),
                    propertiesJSON: #"{"score":9,"survey":"nps"}"#),
                Event(externalID: "E4", customerExternalID: "C2", type: try Token("web_visit", field: "type"), at: day(12)),
                Event(externalID: "E5", customerExternalID: "C2", type: try Token("email_open", field: "type"), at: day(14)),
                Event(externalID: "E6", customerExternalID: "C2", type: try Token("web_visit", field: "type"), at: day(1)),
            ]
            for (index, event) in events.enumerated() {
                try tx.insert(event, fingerprint: 0, id: Int64(index + 1), customerID: event.customerExternalID == "C1" ? 1 : 2)
            }
            _ = try tx.record(Consent(customerExternalID: "C1", channel: .email, status: .granted, at: day(1)), customerID: 1, now: now)
            _ = try tx.record(Consent(customerExternalID: "C1", channel: .email, status: .revoked, at: day(8)), customerID: 1, now: now)
            _ = try tx.record(Consent(customerExternalID: "C2", channel: .sms, status: .granted, at: day(2)), customerID: 2, now: now)
        }
        return store
    }

    @Test(arguments: StoreKind.available)
    func customersComeInIdOrderWithReferralAndReachability(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        var facts: [CustomerFact] = []
        try store.scanCustomers { facts.append($0) }
        #expect(facts.map(\.id) == [1, 2, 3])
        #expect(facts.map(\.kind) == [.customer, .customer, .former])
        #expect(facts.map(\.referred) == [false, true, true])
        // C1 revoked the only channel it had granted; C2's SMS consent stands.
        #expect(facts.map(\.reachable) == [false, true, false])
        #expect(facts[0].createdAt == Self.day(1))
    }

    @Test(arguments: StoreKind.available)
    func ordersComeGroupedByCustomerAndStopBeforeTheEnd(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        var all: [OrderFact] = []
        try store.scanOrders(before: nil, customerIDs: nil) { all.append($0) }
        #expect(all.map(\.customerID) == [1, 1, 1, 2])
        #expect(Set(all.filter { $0.customerID == 1 }.map(\.total)) == [10, 20, 5])
        #expect(all.first { $0.total == 10 }?.margin == 4)
        #expect(all.first { $0.total == 20 }?.margin == nil)
        #expect(all.first { $0.total == 5 }?.status == .returned)
        var early: [OrderFact] = []
        try store.scanOrders(before: Self.day(9), customerIDs: nil) { early.append($0) }
        #expect(early.map(\.total).sorted() == [5, 10])
        var second: [OrderFact] = []
        try store.scanOrders(before: nil, customerIDs: 2 ..< 3) { second.append($0) }
        #expect(second.map(\.customerID) == [2])
        #expect(early.map(\.total).sorted() == [5, 10])
    }

    @Test(arguments: StoreKind.available)
    func eventSignalsCountComplaintsPoorAnswersAndAttentionInTheWindow(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        var signals: [EventSignals] = []
        try store.scanEventSignals(since: Self.day(5), before: Self.day(31), vocabulary: EventVocabulary()) { signals.append($0) }
        #expect(signals.count == 2)
        #expect(signals[0] == EventSignals(customerID: 1, complaints: 1, poorSurveyAnswers: 1))
        // The visit of day 1 is before the window; the good answer is not poor.
        #expect(signals[1] == EventSignals(customerID: 2, engagementEvents: 2, lastEngagement: Self.day(14)))
    }

    @Test(arguments: StoreKind.available)
    func savedScoresReplaceTheLatestAndAccumulateHistory(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        #expect(try store.latestAnalysis() == nil)
        var first = CustomerScores(customerID: 1)
        first.rfmSegment = "Champions"
        first.rScore = 5
        first.probabilityAlive = 0.9
        first.tacticalTargets = ["unhappy", "best"]
        first.tacticalTarget = "unhappy"
        first.strategy = "maintain"
        let asOf = CalendarDate(year: 2025, month: 3, day: 31)!
        try store.saveAnalysis(
            [first, CustomerScores(customerID: 2)],
            record: AnalysisRecord(id: 0, computedAt: Self.now, asOf: asOf, customers: 3, reportJSON: #"{"k":1}"#))
        #expect(try store.scores(customerID: 1) == first)
        #expect(try store.scores(customerID: 3) == nil)

        var second = first
        second.rfmSegment = "At risk"
        second.tacticalTargets = []
        second.tacticalTarget = nil
        let later = Instant(secondsSinceEpoch: Self.now.secondsSinceEpoch + 86_400)
        try store.saveAnalysis(
            [second], record: AnalysisRecord(id: 0, computedAt: later, asOf: asOf, customers: 3, reportJSON: "{}"))
        #expect(try store.scores(customerID: 1) == second)
        #expect(try store.scores(customerID: 2) == nil)
        let history = try store.scoreHistory(customerID: 1, limit: 10)
        #expect(history.map(\.computedAt) == [later, Self.now])
        #expect(history.map(\.rfmSegment) == ["At risk", "Champions"])
        let latest = try #require(try store.latestAnalysis())
        #expect(latest.computedAt == later && latest.asOf == asOf && latest.customers == 3)
    }
}
