import Foundation
import RapportCore
import Testing

/// The behaviour every ``CustomerDirectory`` and ``CustomerDossierStore`` must have, on every
/// available store.
@Suite("Customer directory and dossier contract")
struct DirectoryContractTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static func day(_ d: Int) -> Instant { Instant(CalendarDate(year: 2025, month: 3, day: d)!) }

    /// The first customer, given whole, to compare with what the list reads back.
    static func ann() throws -> Customer {
        Customer(
            externalID: "C1", kind: .customer, firstName: "Ann", lastName: "Martin", email: try EmailAddress("ann@example.fr"),
            phone: try PhoneNumber("+33612345678"), birthDate: CalendarDate(year: 1980, month: 5, day: 17), gender: .female,
            postcode: "75011", city: "Paris", country: try CountryCode("FR"), timezone: "Europe/Paris",
            preferredChannel: .email, createdAt: day(1), attributesJSON: #"{"tier":"gold"}"#)
    }

    /// Eight customers, ids 1 to 8:
    ///
    /// | id | kind     | first name | last name | postcode | city       | country |
    /// |----|----------|------------|-----------|----------|------------|---------|
    /// | 1  | customer | Ann        | Martin    | 75011    | Paris      | FR      |
    /// | 2  | prospect | annabelle  | Ostrowski | 69001    | Lyon       | FR      |
    /// | 3  | customer | Bob        | Anderson  | 1000     | Bruxelles  | BE      |
    /// | 4  | former   | Émile      | Zola      | 74000    | annecy     | FR      |
    /// | 5  | customer | Zoé        | ETIENNE   | 75002    | PARIS      | FR      |
    /// | 6  | customer | Joanna     | Leann     | 13001    | Marseille  | FR      |
    /// | 7  | prospect |            |           |          |            |         |
    /// | 8  | prospect | A_nna      |           |          | 100% Ville |         |
    static func seeded(_ kind: StoreKind) throws -> any RapportStore {
        let store = try kind.make()
        let fr = try CountryCode("FR")
        try store.importing { tx in
            let customers = [
                try ann(),
                Customer(externalID: "C2", kind: .prospect, firstName: "annabelle", lastName: "Ostrowski", postcode: "69001", city: "Lyon", country: fr),
                Customer(
                    externalID: "C3", kind: .customer, firstName: "Bob", lastName: "Anderson", postcode: "1000", city: "Bruxelles",
                    country: try CountryCode("BE")),
                Customer(externalID: "C4", kind: .former, firstName: "Émile", lastName: "Zola", postcode: "74000", city: "annecy", country: fr),
                Customer(
                    externalID: "C5", kind: .customer, firstName: "Zoé", lastName: "ETIENNE", email: try EmailAddress("zoe@example.fr"),
                    postcode: "75002", city: "PARIS", country: fr),
                Customer(externalID: "C6", kind: .customer, firstName: "Joanna", lastName: "Leann", postcode: "13001", city: "Marseille", country: fr),
                Customer(externalID: "C7", kind: .prospect),
                Customer(externalID: "C8", kind: .prospect, firstName: "A_nna", city: "100% Ville"),
            ]
            for (index, customer) in customers.enumerated() {
                try tx.insert(customer, fields: .all, fingerprint: 0, id: Int64(index + 1), now: now)
            }
        }
        return store
    }

    static func ids(_ store: any RapportStore, _ query: CustomerListQuery) throws -> [Int64] {
        try store.listCustomers(query).entries.map(\.id)
    }

    @Test(arguments: StoreKind.available)
    func pagesFollowOneAnotherInIdOrderNeverLongerThanTheLimit(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let first = try store.listCustomers(CustomerListQuery(limit: 3))
        #expect(first.entries.map(\.id) == [1, 2, 3])
        #expect(first.nextAfterID == 3)
        let second = try store.listCustomers(CustomerListQuery(afterID: first.nextAfterID, limit: 3))
        #expect(second.entries.map(\.id) == [4, 5, 6])
        #expect(second.nextAfterID == 6)
        let last = try store.listCustomers(CustomerListQuery(afterID: second.nextAfterID, limit: 3))
        #expect(last.entries.map(\.id) == [7, 8])
        #expect(last.nextAfterID == nil, "a short page is the last")
        #expect(try store.listCustomers(CustomerListQuery(afterID: 8, limit: 3)).entries.isEmpty)
        #expect(try Self.ids(store, CustomerListQuery(limit: 50)) == Array(1...8))
        #expect(try store.listCustomers(CustomerListQuery(limit: 50)).nextAfterID == nil)
        #expect(try Self.ids(store, CustomerListQuery(afterID: 5, limit: 1)) == [6])

        // Every page of one customer, with a filter: together, each selected customer once.
        var seen: [Int64] = []
        var cursor: Int64? = nil
        repeat {
            let page = try store.listCustomers(CustomerListQuery(kind: .customer, afterID: cursor, limit: 2))
            #expect(page.entries.count <= 2)
            seen += page.entries.map(\.id)
            cursor = page.nextAfterID
            if let cursor { #expect(cursor == page.entries.last?.id) }
        } while cursor != nil && seen.count < 20
        #expect(seen == [1, 3, 5, 6])
    }

    @Test(arguments: StoreKind.available)
    func anEntryCarriesTheCustomerAsStored(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let entry = try #require(try store.listCustomers(CustomerListQuery(limit: 1)).entries.first)
        #expect(entry.id == 1)
        #expect(entry.customer == (try Self.ann()))
        #expect(entry.updatedAt == Self.now)
    }

    @Test(arguments: StoreKind.available)
    func aSearchMatchesExternalIDEmailAndPhoneExactly(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        func search(_ text: String) throws -> [Int64] { try Self.ids(store, CustomerListQuery(search: text)) }
        #expect(try search("C3") == [3])
        #expect(try search("C") == [], "an external id matches whole, not by its start")
        #expect(try search("ann@example.fr") == [1])
        #expect(try search("ANN@Example.FR") == [1])
        #expect(try search("zoe@example.fr") == [5])
        #expect(try search("ann@example") == [], "an e-mail matches whole")
        #expect(try search("+33612345678") == [1])
        #expect(try search("+3361234") == [])
    }

    @Test(arguments: StoreKind.available)
    func aSearchMatchesTheStartOfANameCityOrPostcodeIgnoringASCIICase(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        func search(_ text: String) throws -> [Int64] { try Self.ids(store, CustomerListQuery(search: text)) }
        // First names Ann and annabelle, the city annecy; not Joanna nor Leann, where it is inside.
        #expect(try search("ann") == [1, 2, 4])
        #expect(try search("ANN") == [1, 2, 4])
        #expect(try search("aNn") == [1, 2, 4])
        #expect(try search("Ostrowski") == [2], "a last name")
        #expect(try search("eti") == [5], "a last name in capitals")
        #expect(try search("ander") == [3])
        #expect(try search("par") == [1, 5], "Paris and PARIS")
        #expect(try search("750") == [1, 5], "postcodes")
        #expect(try search("1000") == [3])
        #expect(try search("Ém") == [4])
        #expect(try search("ÉMI") == [4])
        #expect(try search("zo") == [4, 5], "Zola and Zoé")
        #expect(try search("nobody") == [])
    }

    @Test(arguments: StoreKind.available)
    func aSearchTakesLikesWildcardsLiterally(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        func search(_ text: String) throws -> [Int64] { try Self.ids(store, CustomerListQuery(search: text)) }
        #expect(try search("A_") == [8])
        #expect(try search("_nn") == [])
        #expect(try search("100%") == [8])
        #expect(try search("%") == [])
        #expect(try search("\\") == [])
    }

    @Test(arguments: StoreKind.available)
    func kindCountryAndSegmentFiltersCombine(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let segment = try store.createSegment(
            SegmentRecord(name: "Picked", kind: .static, createdAt: Self.now, updatedAt: Self.now))
        let unused = try store.createSegment(SegmentRecord(name: "Unused", kind: .static, createdAt: Self.now, updatedAt: Self.now))
        try store.saveEvaluation(ofSegment: segment.id, members: [2, 5, 7], at: Self.now)
        let fr = try CountryCode("FR")
        #expect(try Self.ids(store, CustomerListQuery(kind: .customer)) == [1, 3, 5, 6])
        #expect(try Self.ids(store, CustomerListQuery(kind: .prospect)) == [2, 7, 8])
        #expect(try Self.ids(store, CustomerListQuery(kind: .former)) == [4])
        #expect(try Self.ids(store, CustomerListQuery(country: try CountryCode("BE"))) == [3])
        #expect(try Self.ids(store, CustomerListQuery(country: fr)) == [1, 2, 4, 5, 6])
        #expect(try Self.ids(store, CustomerListQuery(country: try CountryCode("DE"))) == [])
        #expect(try Self.ids(store, CustomerListQuery(segmentID: segment.id)) == [2, 5, 7])
        #expect(try Self.ids(store, CustomerListQuery(segmentID: unused.id)) == [])
        #expect(try Self.ids(store, CustomerListQuery(kind: .customer, segmentID: segment.id)) == [5])
        #expect(try Self.ids(store, CustomerListQuery(country: fr, segmentID: segment.id)) == [2, 5])
        #expect(try Self.ids(store, CustomerListQuery(search: "ann", kind: .prospect)) == [2])
        #expect(try Self.ids(store, CustomerListQuery(search: "par", segmentID: segment.id)) == [5])
        #expect(try Self.ids(store, CustomerListQuery(search: "ann", country: fr, afterID: 1)) == [2, 4])
    }

    /// Customer 1 has three orders, two events, scores and one segment; customer 3 has none of it.
    static func withActivity(_ kind: StoreKind) throws -> (store: any RapportStore, scores: CustomerScores) {
        let store = try seeded(kind)
        try store.importing { tx in
            try tx.insert(Product(sku: "P1", name: "Cup"), fingerprint: 0, id: 1, now: now)
            for d in [3, 9, 6] {
                try tx.insert(
                    Order(
                        externalID: "O\(d)", customerExternalID: "C1", placedAt: day(d), total: Double(d),
                        lines: [OrderLine(sku: "P1", quantity: 1, amount: Double(d))]),
                    fingerprint: 0, id: Int64(d), customerID: 1, productIDs: [1])
            }
            for d in [4, 8] {
                try tx.insert(
                    Event(externalID: "E\(d)", customerExternalID: "C1", type: try Token("web_visit", field: "type"), at: day(d)),
                    fingerprint: 0, id: Int64(d), customerID: 1)
            }
        }
        var scores = CustomerScores(customerID: 1)
        scores.rfmSegment = "Champions"
        scores.probabilityAlive = 0.75
        _ = try store.saveAnalysis(
            [scores], record: AnalysisRecord(id: 0, computedAt: now, asOf: CalendarDate(year: 2025, month: 3, day: 31)!, customers: 8, reportJSON: "{}"))
        let segment = try store.createSegment(SegmentRecord(name: "Loyal", kind: .static, createdAt: now, updatedAt: now))
        try store.saveEvaluation(ofSegment: segment.id, members: [1, 5], at: now)
        return (store, scores)
    }

    @Test(arguments: StoreKind.available)
    func aDossierIsFoundByAnyOfItsReferences(kind: StoreKind) throws {
        let (store, scores) = try Self.withActivity(kind)
        for reference in ["C1", "ann@example.fr", "+33612345678"] {
            let dossier = try #require(try store.dossier(matchingAnyOf: [reference], recentLimit: 5), "\(reference)")
            #expect(dossier.view.id == 1, "\(reference)")
        }
        // As a person types them, through the forms they may be stored under.
        for typed in ["ANN@Example.FR", "06 12 34 56 78", " C1 "] {
            let dossier = try store.dossier(matchingAnyOf: CustomerReference.candidates(typed), recentLimit: 5)
            #expect(dossier?.view.id == 1, "\(typed)")
        }
        let dossier = try #require(try store.dossier(matchingAnyOf: ["C1"], recentLimit: 5))
        #expect(dossier.view.customer == (try Self.ann()))
        #expect(dossier.scores == scores)
        #expect(dossier.segments.map(\.name) == ["Loyal"])
        #expect(dossier.view.recentOrders.map(\.externalID) == ["O9", "O6", "O3"])
        #expect(dossier.view.recentEvents.map(\.externalID) == ["E8", "E4"])

        let bare = try #require(try store.dossier(matchingAnyOf: ["C3"], recentLimit: 5))
        #expect(bare.view.id == 3 && bare.scores == nil && bare.segments == [] && bare.view.recentOrders == [])
    }

    @Test(arguments: StoreKind.available)
    func aDossierIsOfTheFirstReferenceThatNamesSomeoneOrNil(kind: StoreKind) throws {
        let (store, _) = try Self.withActivity(kind)
        #expect(try store.dossier(matchingAnyOf: ["nobody", "zoe@example.fr"], recentLimit: 5)?.view.id == 5)
        #expect(try store.dossier(matchingAnyOf: ["C3", "ann@example.fr"], recentLimit: 5)?.view.id == 3)
        #expect(try store.dossier(matchingAnyOf: ["ann@example.fr", "C3"], recentLimit: 5)?.view.id == 1)
        #expect(try store.dossier(matchingAnyOf: ["nobody", "C99", "+33700000000"], recentLimit: 5) == nil)
        #expect(try store.dossier(matchingAnyOf: [], recentLimit: 5) == nil)
    }

    @Test(arguments: StoreKind.available)
    func aDossierHasAtMostTheRecentLimitOfOrdersAndEvents(kind: StoreKind) throws {
        let (store, _) = try Self.withActivity(kind)
        let dossier = try #require(try store.dossier(matchingAnyOf: ["C1"], recentLimit: 1))
        #expect(dossier.view.recentOrders.map(\.externalID) == ["O9"])
        #expect(dossier.view.recentEvents.map(\.externalID) == ["E8"])
        #expect(dossier.view.totals.orders == 3, "the totals count everything")
        #expect(dossier.view.totals.events == 2)
    }
}
