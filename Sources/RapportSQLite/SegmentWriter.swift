import GRDB
import RapportCore

/// Reads and writes segments, their members and snapshots inside one GRDB access.
struct SegmentWriter {
    let db: Database

    static func record(from row: Row) -> SegmentRecord {
        SegmentRecord(
            id: row["id"], name: row["name"], kind: SegmentRecord.Kind(rawValue: row["kind"]) ?? .dynamic,
            definition: row["definition"], description: row["description"], everyMinutes: row["every_minutes"],
            createdAt: Instant(secondsSinceEpoch: row["created_at"]),
            updatedAt: Instant(secondsSinceEpoch: row["updated_at"]),
            evaluatedAt: (row["evaluated_at"] as Int64?).map(Instant.init(secondsSinceEpoch:)), size: row["size"])
    }

    func create(_ segment: SegmentRecord) throws -> SegmentRecord {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM segments WHERE name = ?", arguments: [segment.name]) == true {
            throw SegmentStoreError.duplicateName(segment.name)
        }
        try db.execute(
            sql: """
                INSERT INTO segments (name, kind, definition, description, every_minutes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                segment.name, segment.kind.rawValue, segment.definition, segment.description, segment.everyMinutes,
                segment.createdAt.secondsSinceEpoch, segment.updatedAt.secondsSinceEpoch,
            ])
        var saved = segment
        saved.id = db.lastInsertedRowID
        saved.evaluatedAt = nil
        saved.size = 0
        return saved
    }

    func update(_ segment: SegmentRecord) throws {
        try db.execute(
            sql: """
                UPDATE segments SET definition = ?, description = ?, every_minutes = ?, updated_at = ? WHERE id = ?
                """,
            arguments: [
                segment.definition, segment.description, segment.everyMinutes, segment.updatedAt.secondsSinceEpoch,
                segment.id,
            ])
        guard db.changesCount > 0 else { throw SegmentStoreError.notFound(segment.name) }
    }

    func delete(named name: String) throws {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM segments WHERE name = ?", arguments: [name]) else {
            throw SegmentStoreError.notFound(name)
        }
        try db.execute(sql: "DELETE FROM segment_members WHERE segment_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM segment_snapshots WHERE segment_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM segments WHERE id = ?", arguments: [id])
    }

    func members(of id: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id", arguments: [id])
    }

    /// Diffs the new members against the stored ones in one merge of two sorted lists, applies only
    /// the difference, and records the snapshot.
    func saveEvaluation(of id: Int64, members: [Int64], at: Instant) throws -> SegmentSnapshot {
        let previous = try self.members(of: id)
        let insert = try RawStatement(db, "INSERT INTO segment_members (customer_id, segment_id) VALUES (?, ?)")
        let remove = try RawStatement(db, "DELETE FROM segment_members WHERE customer_id = ? AND segment_id = ?")
        var entries = 0
        var exits = 0
        var i = 0
        var j = 0
        while i < previous.count || j < members.count {
            if j == members.count || (i < previous.count && previous[i] < members[j]) {
                remove.bind(1, previous[i])
                remove.bind(2, id)
                try remove.run()
                exits += 1
                i += 1
            } else if i == previous.count || members[j] < previous[i] {
                insert.bind(1, members[j])
                insert.bind(2, id)
                try insert.run()
                entries += 1
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        let snapshot = SegmentSnapshot(segmentID: id, at: at, size: members.count, entries: entries, exits: exits)
        try db.execute(
            sql: "INSERT INTO segment_snapshots (segment_id, at, size, entries, exits) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, at.secondsSinceEpoch, snapshot.size, entries, exits])
        try db.execute(
            sql: "UPDATE segments SET evaluated_at = ?, size = ? WHERE id = ?",
            arguments: [at.secondsSinceEpoch, members.count, id])
        return snapshot
    }

    func snapshots(of id: Int64, limit: Int) throws -> [SegmentSnapshot] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM segment_snapshots WHERE segment_id = ? ORDER BY at DESC, id DESC LIMIT ?",
            arguments: [id, limit]
        ).map {
            SegmentSnapshot(
                segmentID: $0["segment_id"], at: Instant(secondsSinceEpoch: $0["at"]), size: $0["size"],
                entries: $0["entries"], exits: $0["exits"])
        }
    }

    func customerIDs(externalIDs: [String]) throws -> (found: [Int64], unknown: [String]) {
        let lookup = try RawStatement(db, "SELECT id FROM customers WHERE external_id = ?")
        var found: [Int64] = []
        var unknown: [String] = []
        for externalID in externalIDs {
            lookup.bind(1, externalID)
            if try lookup.step() { found.append(lookup.int64(0)) } else { unknown.append(externalID) }
            lookup.reset()
        }
        return (Array(Set(found)).sorted(), unknown)
    }

    func contactRows(ids: [Int64]) throws -> [ContactRow] {
        let lookup = try RawStatement(
            db,
            """
            SELECT external_id, first_name, last_name, email, phone, postcode, city, country
            FROM customers WHERE id = ?
            """)
        var rows: [ContactRow] = []
        rows.reserveCapacity(ids.count)
        for id in ids {
            lookup.bind(1, id)
            if try lookup.step() {
                rows.append(
                    ContactRow(
                        id: id, externalID: lookup.text(0) ?? "", firstName: lookup.text(1), lastName: lookup.text(2),
                        email: lookup.text(3), phone: lookup.text(4), postcode: lookup.text(5), city: lookup.text(6),
                        country: lookup.text(7)))
            }
            lookup.reset()
        }
        return rows
    }
}
