import Foundation
import RapportCore
import Testing

/// The behaviour every ``SegmentStore`` must have, on every available store.
@Suite("Segment store contract")
struct SegmentStoreContractTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static func later(_ seconds: Int64) -> Instant { Instant(secondsSinceEpoch: now.secondsSinceEpoch + seconds) }

    static func segment(_ name: String, _ kind: SegmentRecord.Kind = .dynamic, definition: String? = "orders >= 2") -> SegmentRecord {
        SegmentRecord(name: name, kind: kind, definition: definition, createdAt: now, updatedAt: now)
    }

    /// Customers C10, C20 and C30 with ids 10, 20, 30 and their contact details; C40 and C50 (ids 40,
    /// 50) with none.
    static func seeded(_ kind: StoreKind) throws -> any RapportStore {
        let store = try kind.make()
        try store.importing { tx in
            let customers = [
                Customer(
                    externalID: "C10", firstName: "Ann", lastName: "Martin", email: try EmailAddress("ann@example.fr"),
                    phone: try PhoneNumber("+33612345678"), postcode: "75011", city: "Paris", country: try CountryCode("FR")),
                Customer(
                    externalID: "C20", firstName: "Bob", lastName: "Peeters", email: try EmailAddress("bob@example.be"),
                    postcode: "1000", city: "Bruxelles", country: try CountryCode("BE")),
                Customer(externalID: "C30", firstName: "Chloé", lastName: "Dubois\tjr", city: "Lyon"),
                Customer(externalID: "C40"),
                Customer(externalID: "C50"),
            ]
            for (index, customer) in customers.enumerated() {
                try tx.insert(customer, fields: .all, fingerprint: 0, id: Int64(index + 1) * 10, now: now)
            }
        }
        return store
    }

    @Test(arguments: StoreKind.available)
    func aNewSegmentHasAnIdNoMembersAndANameOfItsOwn(kind: StoreKind) throws {
        let store = try kind.make()
        var given = SegmentRecord(
            name: "Loyal", kind: .dynamic, definition: "orders >= 2", description: "came back", everyMinutes: 60,
            createdAt: Self.now, updatedAt: Self.later(1), evaluatedAt: Self.later(5), size: 7)
        let saved = try store.createSegment(given)
        #expect(saved.id > 0)
        #expect(saved.size == 0 && saved.evaluatedAt == nil, "a new segment has no members and no evaluation")
        given.id = saved.id
        given.size = 0
        given.evaluatedAt = nil
        #expect(saved == given)
        #expect(try store.segment(named: "Loyal") == saved)
        #expect(try store.members(ofSegment: saved.id) == [])
        #expect(try store.snapshots(ofSegment: saved.id, limit: 10) == [])

        #expect(throws: SegmentStoreError.duplicateName("Loyal")) {
            try store.createSegment(Self.segment("Loyal", .static, definition: nil))
        }
        #expect(try store.segments() == [saved])
        let other = try store.createSegment(Self.segment("Lapsed", .static, definition: nil))
        #expect(other.id != saved.id)
        #expect(try store.segment(named: "Lapsed") == other)
        #expect(try store.segment(named: "Nobody") == nil)
    }

    @Test(arguments: StoreKind.available)
    func anUpdateReplacesDefinitionDescriptionAndSchedule(kind: StoreKind) throws {
        let store = try kind.make()
        let original = try store.createSegment(
            SegmentRecord(
                name: "Loyal", kind: .dynamic, definition: "orders >= 2", description: "came back", everyMinutes: 60,
                createdAt: Self.now, updatedAt: Self.now))
        let other = try store.createSegment(Self.segment("Other"))
        try store.saveEvaluation(ofSegment: original.id, members: [1, 2], at: Self.later(10))

        var changed = original
        changed.definition = "orders >= 3"
        changed.description = nil
        changed.everyMinutes = nil
        changed.updatedAt = Self.later(100)
        try store.updateSegment(changed)
        let read = try #require(try store.segment(named: "Loyal"))
        #expect(read.definition == "orders >= 3")
        #expect(read.description == nil)
        #expect(read.everyMinutes == nil)
        #expect(read.id == original.id && read.kind == .dynamic && read.createdAt == Self.now)
        #expect(read.size == 2 && read.evaluatedAt == Self.later(10), "an update keeps the last evaluation")
        #expect(try store.members(ofSegment: original.id) == [1, 2])
        #expect(try store.segment(named: "Other") == other)

        changed.description = "again"
        changed.everyMinutes = 15
        try store.updateSegment(changed)
        let again = try #require(try store.segment(named: "Loyal"))
        #expect(again.description == "again" && again.everyMinutes == 15 && again.definition == "orders >= 3")

        var ghost = Self.segment("Ghost")
        ghost.id = original.id + other.id + 100
        #expect(throws: SegmentStoreError.notFound("Ghost")) { try store.updateSegment(ghost) }
        #expect(try store.segments().map(\.name) == ["Loyal", "Other"])
    }

    @Test(arguments: StoreKind.available)
    func segmentsComeInNameOrder(kind: StoreKind) throws {
        let store = try kind.make()
        for name in ["beta", "Zeta", "alpha", "Alpha", "été", "10 best"] {
            _ = try store.createSegment(Self.segment(name))
        }
        // Byte order: digits, then capitals, then small letters, then other letters.
        #expect(try store.segments().map(\.name) == ["10 best", "Alpha", "Zeta", "alpha", "beta", "été"])
    }

    @Test(arguments: StoreKind.available)
    func evaluationsCountEntriesAndExitsAgainstThePreviousMembers(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let saved = try store.createSegment(Self.segment("Loyal"))
        let other = try store.createSegment(Self.segment("Other"))
        try store.saveEvaluation(ofSegment: other.id, members: [10, 20, 30, 40], at: Self.later(5))

        let first = try store.saveEvaluation(ofSegment: saved.id, members: [10, 20, 30], at: Self.later(10))
        #expect(first == SegmentSnapshot(segmentID: saved.id, at: Self.later(10), size: 3, entries: 3, exits: 0))
        #expect(try store.members(ofSegment: saved.id) == [10, 20, 30])
        var read = try #require(try store.segment(named: "Loyal"))
        #expect(read.size == 3 && read.evaluatedAt == Self.later(10))

        let second = try store.saveEvaluation(ofSegment: saved.id, members: [20, 30, 40, 50], at: Self.later(20))
        #expect(second == SegmentSnapshot(segmentID: saved.id, at: Self.later(20), size: 4, entries: 2, exits: 1))
        #expect(try store.members(ofSegment: saved.id) == [20, 30, 40, 50])

        let emptied = try store.saveEvaluation(ofSegment: saved.id, members: [], at: Self.later(30))
        #expect(emptied == SegmentSnapshot(segmentID: saved.id, at: Self.later(30), size: 0, entries: 0, exits: 4))
        #expect(try store.members(ofSegment: saved.id) == [])
        read = try #require(try store.segment(named: "Loyal"))
        #expect(read.size == 0 && read.evaluatedAt == Self.later(30))

        let refilled = try store.saveEvaluation(ofSegment: saved.id, members: [40], at: Self.later(40))
        #expect(refilled == SegmentSnapshot(segmentID: saved.id, at: Self.later(40), size: 1, entries: 1, exits: 0))

        let same = try store.saveEvaluation(ofSegment: saved.id, members: [40], at: Self.later(50))
        #expect(same == SegmentSnapshot(segmentID: saved.id, at: Self.later(50), size: 1, entries: 0, exits: 0))

        #expect(try store.snapshots(ofSegment: saved.id, limit: 10) == [same, refilled, emptied, second, first])
        #expect(try store.snapshots(ofSegment: saved.id, limit: 2) == [same, refilled])
        // The other segment was not touched by any of it.
        #expect(try store.members(ofSegment: other.id) == [10, 20, 30, 40])
        #expect(try store.snapshots(ofSegment: other.id, limit: 10).map(\.size) == [4])
    }

    @Test(arguments: StoreKind.available)
    func snapshotsComeNewestFirstWhateverOrderTheyWereSavedIn(kind: StoreKind) throws {
        let store = try kind.make()
        let saved = try store.createSegment(Self.segment("Loyal"))
        try store.saveEvaluation(ofSegment: saved.id, members: [1], at: Self.later(200))
        try store.saveEvaluation(ofSegment: saved.id, members: [1, 2], at: Self.later(100))
        try store.saveEvaluation(ofSegment: saved.id, members: [1, 2, 3], at: Self.later(300))
        #expect(try store.snapshots(ofSegment: saved.id, limit: 10).map(\.at) == [Self.later(300), Self.later(200), Self.later(100)])
        #expect(try store.snapshots(ofSegment: saved.id, limit: 1).map(\.size) == [3])
    }

    @Test(arguments: StoreKind.available)
    func membersComeAscendingWhateverOrderTheyJoinedIn(kind: StoreKind) throws {
        let store = try kind.make()
        let saved = try store.createSegment(Self.segment("Loyal"))
        try store.saveEvaluation(ofSegment: saved.id, members: [500], at: Self.later(1))
        try store.saveEvaluation(ofSegment: saved.id, members: [7, 500], at: Self.later(2))
        try store.saveEvaluation(ofSegment: saved.id, members: [7, 60, 500, 1_000_000_000_000], at: Self.later(3))
        try store.saveEvaluation(ofSegment: saved.id, members: [2, 7, 60, 500, 1_000_000_000_000], at: Self.later(4))
        #expect(try store.members(ofSegment: saved.id) == [2, 7, 60, 500, 1_000_000_000_000])
    }

    @Test(arguments: StoreKind.available)
    func aCustomerIsInTheSegmentsOfTheirLastEvaluationByName(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let zeta = try store.createSegment(Self.segment("Zeta"))
        let alpha = try store.createSegment(Self.segment("alpha"))
        let middle = try store.createSegment(Self.segment("Middle"))
        try store.saveEvaluation(ofSegment: zeta.id, members: [10, 20], at: Self.later(1))
        try store.saveEvaluation(ofSegment: alpha.id, members: [20], at: Self.later(2))
        try store.saveEvaluation(ofSegment: middle.id, members: [30], at: Self.later(3))
        #expect(try store.segments(ofCustomer: 20).map(\.name) == ["Zeta", "alpha"])
        #expect(try store.segments(ofCustomer: 20) == [try store.segment(named: "Zeta"), try store.segment(named: "alpha")].compactMap { $0 })
        #expect(try store.segments(ofCustomer: 10).map(\.name) == ["Zeta"])
        #expect(try store.segments(ofCustomer: 40) == [])

        try store.saveEvaluation(ofSegment: zeta.id, members: [10], at: Self.later(4))
        try store.saveEvaluation(ofSegment: middle.id, members: [20, 30], at: Self.later(5))
        #expect(try store.segments(ofCustomer: 20).map(\.name) == ["Middle", "alpha"])
        #expect(try store.segments(ofCustomer: 20).first?.size == 2)
        #expect(try store.segments(ofCustomer: 10).map(\.name) == ["Zeta"])
    }

    @Test(arguments: StoreKind.available)
    func deletingASegmentTakesItsMembersAndSnapshotsWithIt(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let gone = try store.createSegment(Self.segment("Gone"))
        let kept = try store.createSegment(Self.segment("Kept"))
        try store.saveEvaluation(ofSegment: gone.id, members: [10], at: Self.later(1))
        try store.saveEvaluation(ofSegment: gone.id, members: [10, 20], at: Self.later(2))
        try store.saveEvaluation(ofSegment: kept.id, members: [20], at: Self.later(3))

        try store.deleteSegment(named: "Gone")
        #expect(try store.segment(named: "Gone") == nil)
        #expect(try store.segments().map(\.name) == ["Kept"])
        #expect(try store.members(ofSegment: gone.id) == [])
        #expect(try store.snapshots(ofSegment: gone.id, limit: 10) == [])
        #expect(try store.segments(ofCustomer: 10) == [])
        #expect(try store.segments(ofCustomer: 20).map(\.name) == ["Kept"])
        #expect(try store.members(ofSegment: kept.id) == [20])
        #expect(try store.snapshots(ofSegment: kept.id, limit: 10).count == 1)
        // Gone from the tables, not only from the reads.
        let tables = Dictionary(uniqueKeysWithValues: StoredTable.knowledgeBase.map { ($0.name, $0) })
        #expect(try store.rowCount(of: try #require(tables["segment_members"])) == 1)
        #expect(try store.rowCount(of: try #require(tables["segment_snapshots"])) == 1)

        #expect(throws: SegmentStoreError.notFound("Gone")) { try store.deleteSegment(named: "Gone") }
        #expect(throws: SegmentStoreError.notFound("Never")) { try store.deleteSegment(named: "Never") }

        // The name is free again, for a segment that starts empty.
        let again = try store.createSegment(Self.segment("Gone"))
        #expect(try store.members(ofSegment: again.id) == [])
        #expect(try store.snapshots(ofSegment: again.id, limit: 10) == [])
        #expect(try store.segment(named: "Gone")?.size == 0)
    }

    @Test(arguments: StoreKind.available)
    func externalIDsAreResolvedAndTheUnknownOnesTold(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let resolved = try store.customerIDs(externalIDs: ["C30", "nobody", "C10", "c20", "C40"])
        #expect(resolved.found.sorted() == [10, 30, 40])
        #expect(resolved.unknown == ["nobody", "c20"])
        let none = try store.customerIDs(externalIDs: [])
        #expect(none.found == [] && none.unknown == [])
        let unknown = try store.customerIDs(externalIDs: ["X1", "X2"])
        #expect(unknown.found == [] && unknown.unknown == ["X1", "X2"])
    }

    @Test(arguments: StoreKind.available)
    func contactRowsComeInTheOrderOfTheIds(kind: StoreKind) throws {
        let store = try Self.seeded(kind)
        let ann = ContactRow(
            id: 10, externalID: "C10", firstName: "Ann", lastName: "Martin", email: "ann@example.fr", phone: "+33612345678",
            postcode: "75011", city: "Paris", country: "FR")
        let bob = ContactRow(
            id: 20, externalID: "C20", firstName: "Bob", lastName: "Peeters", email: "bob@example.be", postcode: "1000",
            city: "Bruxelles", country: "BE")
        let chloe = ContactRow(id: 30, externalID: "C30", firstName: "Chloé", lastName: "Dubois\tjr", city: "Lyon")
        let bare = ContactRow(id: 40, externalID: "C40")
        #expect(try store.contactRows(ids: [30, 10, 40, 20]) == [chloe, ann, bare, bob])
        #expect(try store.contactRows(ids: [20, 10]) == [bob, ann])
        #expect(try store.contactRows(ids: []) == [])
    }
}
