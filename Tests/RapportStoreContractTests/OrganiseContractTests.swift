import Foundation
import RapportCore
import RapportEngine
import Testing

/// Merges, unmerges, erasure, export and do-not-contact on every store: the shared code of
/// RapportEngine over each store's ``RecordEditor``.
@Suite("Organise contract: merges, privacy, quality")
struct OrganiseContractTests {
    static let t0 = Instant(secondsSinceEpoch: 1_780_000_000)
    static let t1 = Instant(secondsSinceEpoch: 1_780_100_000)
    static let now = Instant(secondsSinceEpoch: 1_790_000_000)

    /// Two records of one person (ids 1 and 2) with orders, lines, events, consents and identities
    /// each, and a third customer (id 3) who is someone else.
    static func seed(_ store: any RapportStore) throws {
        try store.importing { tx in
            try tx.insert(Product(sku: "P1", name: "Cup", unitCost: 2), fingerprint: 0, id: 1, now: t0)
            let first = Customer(
                externalID: "C-ZQ-1", kind: .customer, firstName: "Z.", lastName: "Quixotez", email: try EmailAddress("zq.one@mailbox.fr"),
                phone: try PhoneNumber("+33612345678"), birthDate: CalendarDate(year: 1971, month: 2, day: 3), postcode: "75011",
                city: "Paris", country: try CountryCode("FR"), createdAt: t0, attributesJSON: #"{"loyalty_card":"LC-ZQ-77"}"#)
            let second = Customer(
                externalID: "C-ZQ-2", kind: .prospect, firstName: "Zebulon", lastName: "Quixotez", email: try EmailAddress("zq.two@mailbox.fr"),
                postcode: "13001", city: "Marseille", country: try CountryCode("FR"), createdAt: t1,
                attributesJSON: #"{"note":"secret-note-zq"}"#)
            let other = Customer(externalID: "C-OTHER", kind: .customer, firstName: "Ada", lastName: "Byron", createdAt: t0)
            try tx.insert(first, fields: .all, fingerprint: 11, id: 1, now: t0)
            try tx.insert(second, fields: .all, fingerprint: 22, id: 2, now: t1)
            try tx.insert(other, fields: .all, fingerprint: 33, id: 3, now: t0)
            for (number, customer) in [(1, "C-ZQ-1"), (2, "C-ZQ-1"), (3, "C-ZQ-2"), (4, "C-OTHER")] {
                let customerID: Int64 = customer == "C-ZQ-1" ? 1 : customer == "C-ZQ-2" ? 2 : 3
                let order = Order(
                    externalID: "O-ZQ-\(number)", customerExternalID: customer, placedAt: t0, total: 10 * Double(number),
                    lines: [OrderLine(sku: "P1", quantity: 1, amount: 10 * Double(number))])
                try tx.insert(order, fingerprint: 0, id: Int64(number), customerID: customerID, productIDs: [1])
            }
            try tx.insert(
                Event(externalID: "E-ZQ-1", customerExternalID: "C-ZQ-2", type: try Token("survey_answer", field: "type"), at: t1, propertiesJSON: #"{"comment":"secret-comment-zq"}"#),
                fingerprint: 0, id: 1, customerID: 2)
            try tx.insert(Event(externalID: "E-ZQ-2", customerExternalID: "C-ZQ-1", type: try Token("web_visit", field: "type"), at: t0), fingerprint: 0, id: 2, customerID: 1)
            _ = try tx.record(Consent(customerExternalID: "C-ZQ-1", channel: .email, status: .granted, source: "web", at: t0), customerID: 1, now: t0)
            _ = try tx.record(Consent(customerExternalID: "C-ZQ-2", channel: .email, status: .revoked, source: "call", at: t1), customerID: 2, now: t1)
            _ = try tx.record(Consent(customerExternalID: "C-ZQ-2", channel: .sms, status: .granted, source: "store", at: t0), customerID: 2, now: t1)
            // Both hold an e-mail consent given at the same instant: a key the survivor already has.
            _ = try tx.record(Consent(customerExternalID: "C-ZQ-2", channel: .email, status: .granted, source: "web", at: t0), customerID: 2, now: t1)
        }
    }

    /// Every row of every table that belongs to a customer, as stored.
    static func customerTables(_ store: any RapportStore) throws -> [String: [[StoredValue]]] {
        var tables: [String: [[StoredValue]]] = [:]
        for name in ["customers", "identities", "consents", "orders", "order_lines", "events", "customer_aliases", "contact_restrictions"] {
            var rows: [[StoredValue]] = []
            try store.readRows(of: StoredTable.named(name)) { rows.append($0) }
            tables[name] = rows
        }
        return tables
    }

    static func merge(_ store: any RapportStore, _ survivor: Int64, _ absorbed: Int64) throws -> MergeRecord {
        try store.editingRecords { editor in
            var merges = Merges(editor)
            return try merges.merge(MergeRequest(survivorID: survivor, absorbedID: absorbed, rule: "manual"), actor: "test", at: now)
        }
    }

    @Test(arguments: StoreKind.available)
    func aMergeMovesEverythingAndAnUnmergePutsItBack(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        let before = try Self.customerTables(store)
        let revenue = try store.summary().revenue

        let merge = try Self.merge(store, 1, 2)
        #expect(merge.id == 1)
        let merged = try #require(try store.customer360(id: 1, recentLimit: 10))
        #expect(try store.customer360(id: 2, recentLimit: 10) == nil)
        #expect(merged.totals.orders == 3)
        #expect(merged.totals.events == 2)
        #expect(merged.customer.firstName == "Zebulon")
        #expect(merged.customer.email?.value == "zq.two@mailbox.fr")
        #expect(merged.customer.phone?.e164 == "+33612345678")
        #expect(merged.customer.kind == .customer)
        #expect(merged.identities.contains { $0.value == "zq.one@mailbox.fr" } && merged.identities.contains { $0.value == "zq.two@mailbox.fr" })
        #expect(Set(merged.consents.map(\.channel)) == [.email, .sms])
        #expect(try store.summary().revenue == revenue)
        // The absorbed external id and e-mail lead to the survivor; a later import of it changes nothing.
        #expect(try store.customerID(matching: "C-ZQ-2") == 1)
        #expect(try store.customerID(matching: "zq.two@mailbox.fr") == 1)
        let keys = try store.importing { tx in try tx.existingKeys(.customers) }
        #expect(keys["C-ZQ-2"] == StoredKey(id: 1, fingerprint: 22, mergedAway: true))
        #expect(try store.importing { tx in try tx.existingKeys(.customers, among: ["C-ZQ-2"]) }["C-ZQ-2"]?.id == 1)
        // Merging a customer that is gone is refused and changes nothing.
        #expect(throws: MergeError.noSuchCustomer(2)) { try Self.merge(store, 1, 2) }

        let undone = try store.editingRecords { editor in
            var merges = Merges(editor)
            return try merges.unmerge(id: merge.id, actor: "test", at: Self.now)
        }
        #expect(undone.undoneAt == Self.now)
        var after = try Self.customerTables(store)
        // The survivor's row differs only by its update time.
        let updatedAt = CustomerColumns.updatedAt
        after["customers"] = after["customers"]?.map { row in var row = row; row[updatedAt] = .null; return row }
        var expected = before
        expected["customers"] = expected["customers"]?.map { row in var row = row; row[updatedAt] = .null; return row }
        #expect(after == expected)
        #expect(try store.customerID(matching: "C-ZQ-2") == 2)
        #expect(try store.summary().revenue == revenue)

        let pair = try store.editingRecords { editor in try ReviewQueue(editor).rejectedPairs() }
        #expect(pair == [CustomerPair(1, 2)])
        #expect(throws: MergeError.alreadyUndone(merge: 1, at: Self.now)) {
            try store.editingRecords { editor in
                var merges = Merges(editor)
                return try merges.unmerge(id: 1, actor: "test", at: Self.now)
            }
        }
        let audit = try store.editingRecords { editor in try AuditTrail(editor).entries(about: AuditEntry.customer(1)) }
        #expect(audit.map(\.action) == ["merge", "unmerge"])
        #expect(audit.allSatisfy { $0.actor == "test" })
    }

    struct Interrupted: Error {}

    @Test(arguments: StoreKind.available)
    func aMergeInterruptedMidwayLeavesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        let before = try Self.customerTables(store)
        #expect(throws: Interrupted.self) {
            try store.editingRecords { editor in
                var merges = Merges(editor)
                try merges.merge(MergeRequest(survivorID: 1, absorbedID: 2, rule: "manual"), actor: "test", at: Self.now)
                throw Interrupted()
            }
        }
        #expect(try Self.customerTables(store) == before)
        #expect(try store.editingRecords { editor in try Merges(editor).history() }.isEmpty)
    }

    @Test(arguments: StoreKind.available)
    func chainedMergesUndoInReverseOrderOnly(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        let first = try Self.merge(store, 2, 1)
        let second = try Self.merge(store, 3, 2)
        #expect(try store.customerID(matching: "C-ZQ-1") == 3)
        #expect(throws: MergeError.survivorGone(merge: first.id, survivor: 2, laterMerge: second.id)) {
            try store.editingRecords { editor in
                var merges = Merges(editor)
                return try merges.unmerge(id: first.id, actor: "test", at: Self.now)
            }
        }
        try store.editingRecords { editor in
            var merges = Merges(editor)
            try merges.unmerge(id: second.id, actor: "test", at: Self.now)
            try merges.unmerge(id: first.id, actor: "test", at: Self.now)
        }
        #expect(try store.customerID(matching: "C-ZQ-1") == 1)
        #expect(try store.customer360(id: 1, recentLimit: 5)?.totals.orders == 2)
        #expect(try store.customer360(id: 3, recentLimit: 5)?.totals.orders == 1)
    }

    static let personalValues = [
        "C-ZQ-1", "C-ZQ-2", "Quixotez", "Zebulon", "zq.one@mailbox.fr", "zq.two@mailbox.fr", "+33612345678", "1971-02-03",
        "LC-ZQ-77", "secret-note-zq", "secret-comment-zq", "O-ZQ-1", "O-ZQ-2", "O-ZQ-3", "E-ZQ-1", "E-ZQ-2",
    ]

    /// Every value of `personalValues` found anywhere in the store, with its table.
    static func occurrences(in store: any RapportStore) throws -> [String] {
        var found: [String] = []
        for table in StoredTable.knowledgeBase {
            try store.readRows(of: table) { row in
                for value in row {
                    let text: String
                    switch value {
                    case .text(let string): text = string
                    case .blob(let bytes): text = String(decoding: bytes, as: UTF8.self)
                    default: continue
                    }
                    for personal in personalValues where text.contains(personal) { found.append("\(table.name): \(personal)") }
                }
            }
        }
        return found
    }

    @Test(arguments: StoreKind.available)
    func anonymisingLeavesNoPersonalValueAnywhereAndTotalsUnchanged(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        _ = try Self.merge(store, 1, 2)
        #expect(try !Self.occurrences(in: store).isEmpty)
        let before = try store.summary()
        let report = try store.editingRecords { editor in
            try PersonalData(editor).erase(customerID: 1, mode: .anonymise, actor: "test", at: Self.now)
        }
        #expect(report.rows["orders"] == 3)
        #expect(try Self.occurrences(in: store) == [])
        let after = try store.summary()
        #expect(after.revenue == before.revenue && after.orders == before.orders && after.customers == before.customers)
        #expect(try store.customerID(matching: "C-ZQ-2") == nil)
        let restriction = try store.editingRecords { editor in try ContactRestrictions(editor).restriction(of: 1) }
        #expect(restriction == .erased)
        #expect(throws: MergeError.erased(merge: 1)) {
            try store.editingRecords { editor in
                var merges = Merges(editor)
                return try merges.unmerge(id: 1, actor: "test", at: Self.now)
            }
        }
        #expect(throws: ErasureError.alreadyErased(1)) {
            try store.editingRecords { editor in try PersonalData(editor).erase(customerID: 1, mode: .anonymise, actor: "test", at: Self.now) }
        }
        let audit = try store.editingRecords { editor in try AuditTrail(editor).entries(about: AuditEntry.customer(1)) }
        #expect(audit.last?.action == "erase")
    }

    @Test(arguments: StoreKind.available)
    func deletingRemovesTheCustomerAndEverythingOfTheirs(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        try store.editingRecords { editor in
            try PersonalData(editor).erase(customerID: 2, mode: .delete, actor: "test", at: Self.now)
            try PersonalData(editor).erase(customerID: 1, mode: .delete, actor: "test", at: Self.now)
        }
        #expect(try Self.occurrences(in: store) == [])
        #expect(try store.summary().customers == 1)
        #expect(try store.summary().orders == 1)
    }

    @Test(arguments: StoreKind.available)
    func anExportHoldsEverythingAndIsAudited(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        _ = try Self.merge(store, 1, 2)
        let data = try #require(try store.editingRecords { editor in try PersonalData(editor).export(customerID: 1, actor: "test", at: Self.now) })
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let customer = try #require(document["customer"] as? [String: Any])
        #expect(customer["external_id"] as? String == "C-ZQ-1")
        #expect((document["orders"] as? [Any])?.count == 3)
        #expect((document["order_lines"] as? [Any])?.count == 3)
        #expect((document["events"] as? [[String: Any]])?.contains { ($0["properties"] as? [String: Any])?["comment"] as? String == "secret-comment-zq" } == true)
        #expect((document["consents"] as? [Any])?.count == 3)
        #expect((document["merged_external_ids"] as? [[String: Any]])?.first?["external_id"] as? String == "C-ZQ-2")
        #expect((document["merges"] as? [Any])?.count == 1)
        #expect((document["audit_log"] as? [[String: Any]])?.map { $0["action"] as? String } == ["merge", "export"])
        #expect(try store.editingRecords { editor in try PersonalData(editor).export(customerID: 99, actor: "test", at: Self.now) } == nil)
    }

    @Test(arguments: StoreKind.available)
    func doNotContactAndConsentsDecideTheReach(kind: StoreKind) throws {
        let store = try kind.make()
        try Self.seed(store)
        let reachBefore = try QualityAnalysis(asOf: Self.now).report(of: store).reach
        #expect(reachBefore.first { $0.channel == .email }?.reachable == 1)
        #expect(reachBefore.first { $0.channel == .email }?.noConsent == 1)
        #expect(reachBefore.first { $0.channel == .email }?.missingData == 1)
        let changed = try store.editingRecords { editor in
            try ContactRestrictions(editor).setDoNotContact(true, customerID: 1, source: "letter", actor: "test", at: Self.now)
        }
        #expect(changed)
        let again = try store.editingRecords { editor in
            try ContactRestrictions(editor).setDoNotContact(true, customerID: 1, source: nil, actor: "test", at: Self.now)
        }
        #expect(!again)
        let report = try QualityAnalysis(asOf: Self.now).report(of: store)
        #expect(report.reach.first { $0.channel == .email }?.reachable == 0)
        #expect(report.reach.first { $0.channel == .email }?.restricted == 1)
        #expect(report.customers == 3)
    }

    @Test(arguments: StoreKind.available)
    func deduplicationMergesTheSurePairsAndQueuesTheRest(kind: StoreKind) throws {
        let store = try kind.make()
        try store.importing { tx in
            let people = [
                Customer(externalID: "A1", kind: .customer, firstName: "Léa", lastName: "Moreau", email: try EmailAddress("lea.moreau@free.fr"), birthDate: CalendarDate(year: 1990, month: 1, day: 2), createdAt: Self.t0),
                Customer(externalID: "A2", firstName: "Lea", lastName: "Moreau", email: try EmailAddress("lea.moreau@free.fr"), createdAt: Self.t1),
                Customer(externalID: "B1", firstName: "Hugo", lastName: "Petit", postcode: "35000", city: "Rennes", createdAt: Self.t0),
                Customer(externalID: "B2", firstName: "Hugo", lastName: "Petit", postcode: "35000", city: "Rennes", createdAt: Self.t1),
            ]
            for (index, person) in people.enumerated() {
                try tx.insert(person, fields: .all, fingerprint: 0, id: Int64(index + 1), now: Self.t0)
            }
        }
        let report = try Deduplication().run(on: store, dryRun: false, actor: "test", at: Self.now)
        #expect(report.merged.map { CustomerPair($0.survivorID, $0.absorbedID) } == [CustomerPair(1, 2)])
        #expect(report.merged.first?.survivorID == 1)
        #expect(report.pendingReview == 1)
        let pending = try store.editingRecords { editor in try ReviewQueue(editor).items(status: "pending") }
        #expect(pending.map(\.pair) == [CustomerPair(3, 4)])
        #expect(pending.first?.evidence.contains { $0.field == "postcode" } == true)
        let quality = try QualityAnalysis(asOf: Self.now).report(of: store)
        #expect(quality.pendingDuplicates == 1)
        #expect(quality.issues["customer/duplicate_candidate"] == 2)
        // A second run finds nothing new to merge and keeps the queue.
        let second = try Deduplication().run(on: store, dryRun: false, actor: "test", at: Self.now)
        #expect(second.merged.isEmpty && second.pendingReview == 1)
    }
}
