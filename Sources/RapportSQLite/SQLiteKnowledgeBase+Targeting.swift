public import RapportCore
import GRDB

extension SQLiteKnowledgeBase: TargetingStore {
    public func scanProfiles(_ body: (ProfileFact) throws -> Void) throws {
        try pool.read { db in try TargetingReader(db: db).scanProfiles(body) }
    }

    public func scanScores(_ body: (CustomerScores) throws -> Void) throws {
        try pool.read { db in try TargetingReader(db: db).scanScores(body) }
    }

    public func scanOrderLines(before end: Instant?, _ body: (OrderLineFact) throws -> Void) throws {
        try pool.read { db in try TargetingReader(db: db).scanOrderLines(before: end, body) }
    }

    public func scanEvents(types: Set<String>?, before end: Instant?, _ body: (EventFact) throws -> Void) throws {
        try pool.read { db in try TargetingReader(db: db).scanEvents(types: types, before: end, body) }
    }

    public func scanConsents(before end: Instant?, _ body: (ConsentFact) throws -> Void) throws {
        try pool.read { db in try TargetingReader(db: db).scanConsents(before: end, body) }
    }

    public func products() throws -> [ProductFact] {
        try pool.read { db in try TargetingReader(db: db).products() }
    }
}

extension SQLiteKnowledgeBase: SegmentStore {
    public func createSegment(_ segment: SegmentRecord) throws -> SegmentRecord {
        try pool.write { db in try SegmentWriter(db: db).create(segment) }
    }

    public func updateSegment(_ segment: SegmentRecord) throws {
        try pool.write { db in try SegmentWriter(db: db).update(segment) }
    }

    public func deleteSegment(named name: String) throws {
        try pool.write { db in try SegmentWriter(db: db).delete(named: name) }
    }

    public func segment(named name: String) throws -> SegmentRecord? {
        try pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM segments WHERE name = ?", arguments: [name], SegmentWriter.record(from:))
        }
    }

    public func segments() throws -> [SegmentRecord] {
        try pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM segments ORDER BY name", SegmentWriter.record(from:))
        }
    }

    public func segments(ofCustomer customerID: Int64) throws -> [SegmentRecord] {
        try pool.read { db in
            try Self.segments(ofCustomer: customerID, in: db)
        }
    }

    /// The saved segments `customerID` is in, by name: alone or inside a larger read.
    static func segments(ofCustomer customerID: Int64, in db: Database) throws -> [SegmentRecord] {
        try db.cachedRows(
            sql: """
                SELECT s.* FROM segment_members m JOIN segments s ON s.id = m.segment_id
                WHERE m.customer_id = ? ORDER BY s.name
                """, arguments: [customerID], SegmentWriter.record(from:))
    }

    public func members(ofSegment id: Int64) throws -> [Int64] {
        try pool.read { db in try SegmentWriter(db: db).members(of: id) }
    }

    @discardableResult
    public func saveEvaluation(ofSegment id: Int64, members: [Int64], at: Instant) throws -> SegmentSnapshot {
        try pool.write { db in try SegmentWriter(db: db).saveEvaluation(of: id, members: members, at: at) }
    }

    public func snapshots(ofSegment id: Int64, limit: Int) throws -> [SegmentSnapshot] {
        try pool.read { db in try SegmentWriter(db: db).snapshots(of: id, limit: limit) }
    }

    public func customerIDs(externalIDs: [String]) throws -> (found: [Int64], unknown: [String]) {
        try pool.read { db in try SegmentWriter(db: db).customerIDs(externalIDs: externalIDs) }
    }

    public func contactRows(ids: [Int64]) throws -> [ContactRow] {
        try pool.read { db in try SegmentWriter(db: db).contactRows(ids: ids) }
    }
}
