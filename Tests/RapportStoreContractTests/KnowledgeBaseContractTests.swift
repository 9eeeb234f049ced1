import Foundation
import RapportCore
import RapportPostgres
import RapportSQLite
import Testing

/// The behaviour every ``KnowledgeBaseStore`` must have. Each test runs on every available store
/// (``StoreKind``).
@Suite("Knowledge base store contract")
struct KnowledgeBaseContractTests {

    struct Boom: Error {}

    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static let day = Instant(CalendarDate(year: 2025, month: 3, day: 1)!)

    @Test(arguments: StoreKind.available)
    func anImportThatThrowsLeavesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(throws: Boom.self) {
            try store.importing { tx in
                try tx.insert(Customer(externalID: "C1"), fields: .all, fingerprint: 0, id: 1, now: Self.now)
                throw Boom()
            }
        }
        #expect(try store.customerID(matching: "C1") == nil)
        #expect(try store.summary().customers == 0)
    }

    @Test(arguments: StoreKind.available)
    func keysIdsAndFingerprintsComeBackAsWritten(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = Customer(externalID: "C1", kind: .customer, email: try EmailAddress("ann@example.fr"))
        try store.importing { tx in
            #expect(try tx.nextID(.customers) == 1)
            try tx.insert(ann, fields: .all, fingerprint: 4242, id: 1, now: Self.now)
            try tx.insert(Product(sku: "P1", name: "Cup", unitCost: 2), fingerprint: 0, id: 1, now: Self.now)
            let order = Order(externalID: "O1", customerExternalID: "C1", placedAt: Self.day, total: 10, lines: [OrderLine(sku: "P1", quantity: 2, amount: 10)])
            try tx.insert(order, fingerprint: 77, id: 7, customerID: 1, productIDs: [1])
        }
        let (customers, nextCustomer, nextOrder, orders, catalogue) = try store.importing { tx in
            (try tx.existingKeys(.customers), try tx.nextID(.customers), try tx.nextID(.orders),
             try tx.existingKeys(.orders), try tx.catalogue())
        }
        // The store keeps the fingerprint the importer gave, whatever it is.
        #expect(customers == ["C1": StoredKey(id: 1, fingerprint: 4242)])
        #expect(orders["O1"]?.fingerprint == 77)
        #expect(nextCustomer == 2)
        #expect(nextOrder == 8)
        #expect(orders["O1"]?.customerID == 1)
        #expect(catalogue == ["P1": CatalogueEntry(id: 1, unitCost: 2)])
    }

    @Test func aSecondWriterIsToldTheBaseIsBusy() throws {
        let path = NSTemporaryDirectory() + "rapport-busy-\(UUID().uuidString).sqlite"
        let first = try SQLiteKnowledgeBase(path: path)
        let second = try SQLiteKnowledgeBase(path: path, busyTimeout: 0.1)
        try first.importing { _ -> Void in
            #expect {
                try second.importing { _ in }
            } throws: { error in
                "\(error)".contains("is busy: another import or command is writing to it")
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func anEmailAlreadyHeldStaysWithItsFirstOwner(kind: StoreKind) throws {
        let store = try kind.make()
        let email = try EmailAddress("shared@example.fr")
        try store.importing { tx in
            try tx.insert(Customer(externalID: "C1", email: email), fields: .all, fingerprint: 0, id: 1, now: Self.now)
            try tx.insert(Customer(externalID: "C2", email: email), fields: .all, fingerprint: 0, id: 2, now: Self.now)
        }
        #expect(try store.customerID(matching: "shared@example.fr") == 1)
        #expect(try store.summary().sharedContactDetails == 2)
    }

    @Test(arguments: StoreKind.available)
    func bulkLoadsRebuildTheirIndexes(kind: StoreKind) throws {
        let store = try kind.make()
        try store.importing { tx in
            try tx.beginBulkLoad(.customers)
            for i in 1...1000 { try tx.insert(Customer(externalID: "C\(i)"), fields: .all, fingerprint: 0, id: Int64(i), now: Self.now) }
            try tx.endBulkLoad(.customers)
        }
        #expect(try store.customerID(matching: "C500") == 500)
        if let sqlite = store as? SQLiteKnowledgeBase {
            // The unique index is back: a second C1 is refused.
            #expect {
                try store.importing { tx in try tx.insert(Customer(externalID: "C1"), fields: .all, fingerprint: 0, id: 5000, now: Self.now) }
            } throws: { error in
                "\(error)".contains("UNIQUE constraint failed: customers.external_id")
            }
            #expect(try sqlite.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'customers_external_id'") == 1)
        }
        if let postgres = store as? PostgresKnowledgeBase {
            // Distribution-ready: no unique index on external ids, which the importer keeps unique.
            #expect(try postgres.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_external_id'") == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func theCustomerViewAndSummaryAddUp(kind: StoreKind) throws {
        let store = try kind.make()
        let promoted = try store.importing { tx -> Int in
            try tx.insert(Customer(externalID: "C1", kind: .prospect, firstName: "Ann"), fields: .all, fingerprint: 0, id: 1, now: Self.now)
            try tx.insert(Customer(externalID: "C2", kind: .customer), fields: .all, fingerprint: 0, id: 2, now: Self.now)
            try tx.insert(Product(sku: "P1", name: "Cup", category: "Tableware", unitCost: 2), fingerprint: 0, id: 1, now: Self.now)
            for (i, day) in [1, 15, 28].enumerated() {
                let at = Instant(CalendarDate(year: 2025, month: 3, day: day)!)
                // Order i has i + 1 lines, numbered by their quantity.
                let lines = (1...(i + 1)).map { OrderLine(sku: "P1", quantity: Int64($0), amount: 5) }
                try tx.insert(
                    Order(externalID: "O\(i)", customerExternalID: "C1", placedAt: at, total: 10, margin: 6, lines: lines),
                    fingerprint: 0, id: Int64(i + 1), customerID: 1, productIDs: Array(repeating: 1, count: lines.count))
            }
            try tx.insert(
                Order(externalID: "X", customerExternalID: "C2", placedAt: Self.day, status: .cancelled, total: 99),
                fingerprint: 0, id: 9, customerID: 2, productIDs: [])
            try tx.insert(
                Event(externalID: "E1", customerExternalID: "C1", type: try Token("complaint", field: "type"), at: Self.day),
                fingerprint: 0, id: 1, customerID: 1)
            _ = try tx.record(Consent(customerExternalID: "C1", channel: .email, status: .granted, at: Self.day), customerID: 1, now: Self.now)
            return try tx.promoteProspectsWithOrders(now: Self.now)
        }
        #expect(promoted == 1)
        let view = try #require(try store.customer360(id: 1, recentLimit: 2))
        #expect(view.customer.kind == .customer)
        #expect(view.recentOrders.map(\.externalID) == ["O2", "O1"])
        #expect(view.recentOrders.map { $0.lines.map(\.quantity) } == [[1, 2, 3], [1, 2]], "each order with its own lines, in order")
        #expect(view.productNames == ["P1": "Cup"])
        #expect(view.totals.orders == 3)
        #expect(view.totals.revenue == 30)
        #expect(view.totals.margin == 18)
        #expect(view.totals.events == 1)
        #expect(view.consents.first?.status == .granted)
        let summary = try store.summary()
        #expect(summary.customersByKind == [.customer: 2])
        #expect(summary.orders == 4)
        #expect(summary.revenue == 30)
        #expect(summary.repeatBuyers == 1)
        #expect(summary.oneTimeBuyers == 0)
        #expect(summary.eventsByType == ["complaint": 1])
        #expect(summary.grantedByChannel == [.email: 1])
        #expect(try store.customer360(id: 99, recentLimit: 1) == nil)
        // The dossier reads the same view, with scores and segments, in one transaction.
        let full = store
        let dossier = try #require(try full.dossier(matchingAnyOf: ["C1"], recentLimit: 2))
        #expect(dossier.view == view)
        #expect(dossier.scores == (try full.scores(customerID: 1)))
        #expect(dossier.segments == (try full.segments(ofCustomer: 1)))
        #expect(try full.dossier(matchingAnyOf: ["C99"], recentLimit: 1) == nil)
        // Found by the first reference that names someone, in the same read.
        let found = try #require(try full.dossier(matchingAnyOf: ["nobody", "C1"], recentLimit: 2))
        #expect(found.view == view)
        #expect(try full.dossier(matchingAnyOf: ["nobody", "C9"], recentLimit: 2) == nil)
    }
}
