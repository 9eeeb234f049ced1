import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: SegmentStore {
    private static let segmentColumns =
        "id, name, kind, definition, description, every_minutes, created_at, updated_at, evaluated_at, size"

    private static func segment(from row: PostgresRow) throws -> SegmentRecord {
        let (id, name, kind, definition, description, everyMinutes, createdAt, updatedAt, evaluatedAt, size) = try row.decode(
            (Int64, String, String, String?, String?, Int?, Int64, Int64, Int64?, Int).self)
        return SegmentRecord(
            id: id, name: name, kind: SegmentRecord.Kind(rawValue: kind) ?? .dynamic, definition: definition,
            description: description, everyMinutes: everyMinutes, createdAt: Instant(secondsSinceEpoch: createdAt),
            updatedAt: Instant(secondsSinceEpoch: updatedAt), evaluatedAt: evaluatedAt.map(Instant.init(secondsSinceEpoch:)),
            size: size)
    }

    /// Checks the name first, as the SQLite store does; the `ON CONFLICT` only covers another
    /// process creating the same name between that check and the insert.
    public func createSegment(_ segment: SegmentRecord) throws -> SegmentRecord {
        let logger = logger
        let id = try inTransaction { connection -> Int64 in
            let taken = try await connection.all("SELECT 1 FROM segments WHERE name = \(segment.name)", logger: logger) { _ in true }
            if !taken.isEmpty { throw SegmentStoreError.duplicateName(segment.name) }
            let ids = try await connection.all(
                """
                INSERT INTO segments (name, kind, definition, description, every_minutes, created_at, updated_at)
                VALUES (\(segment.name), \(segment.kind.rawValue), \(segment.definition), \(segment.description),
                    \(segment.everyMinutes), \(segment.createdAt.secondsSinceEpoch), \(segment.updatedAt.secondsSinceEpoch))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """, logger: logger
            ) { try $0.decode(Int64.self) }
            guard let id = ids.first else { throw SegmentStoreError.duplicateName(segment.name) }
            return id
        }
        var saved = segment
        saved.id = id
        saved.evaluatedAt = nil
        saved.size = 0
        return saved
    }

    public func updateSegment(_ segment: SegmentRecord) throws {
        let changed = try execute(
            """
            UPDATE segments SET definition = \(segment.definition), description = \(segment.description),
                every_minutes = \(segment.everyMinutes), updated_at = \(segment.updatedAt.secondsSinceEpoch)
            WHERE id = \(segment.id)
            """)
        guard changed > 0 else { throw SegmentStoreError.notFound(segment.name) }
    }

    public func deleteSegment(named name: String) throws {
        let logger = logger
        try inTransaction { connection in
            let ids = try await connection.all("SELECT id FROM segments WHERE name = \(name) FOR UPDATE", logger: logger) {
                try $0.decode(Int64.self)
            }
            guard let id = ids.first else { throw SegmentStoreError.notFound(name) }
            try await connection.query("DELETE FROM segment_members WHERE segment_id = \(id)", logger: logger)
            try await connection.query("DELETE FROM segment_snapshots WHERE segment_id = \(id)", logger: logger)
            try await connection.query("DELETE FROM segments WHERE id = \(id)", logger: logger)
        }
    }

    public func segment(named name: String) throws -> SegmentRecord? {
        try rows("SELECT \(unescaped: Self.segmentColumns) FROM segments WHERE name = \(name)", Self.segment(from:)).first
    }

    /// By name in byte order (`COLLATE "C"`), as SQLite sorts text, whatever the database's collation.
    public func segments() throws -> [SegmentRecord] {
        try rows("SELECT \(unescaped: Self.segmentColumns) FROM segments ORDER BY name COLLATE \"C\"", Self.segment(from:))
    }

    public func segments(ofCustomer customerID: Int64) throws -> [SegmentRecord] {
        let logger = logger
        return try withConnection { connection in
            try await Self.segments(ofCustomer: customerID, on: connection, logger: logger)
        }
    }

    /// The saved segments `id` is in, by name in byte order: alone or inside a larger read.
    static func segments(ofCustomer id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [SegmentRecord] {
        try await connection.all(
            """
            SELECT \(unescaped: segmentColumns) FROM segments
            WHERE id IN (SELECT segment_id FROM segment_members WHERE customer_id = \(id))
            ORDER BY name COLLATE "C"
            """, logger: logger, segment(from:))
    }

    public func members(ofSegment id: Int64) throws -> [Int64] {
        try rows("SELECT customer_id FROM segment_members WHERE segment_id = \(id) ORDER BY customer_id") {
            try $0.decode(Int64.self)
        }
    }

    /// Applies only the difference between the stored members and `members` and counts it, in one
    /// statement: the members go as one array, the removed ones are those missing from it, the added
    /// ones those missing from the table. The segment's row is locked first, so that evaluations of
    /// the same segment running at once diff one after the other.
    @discardableResult
    public func saveEvaluation(ofSegment id: Int64, members: [Int64], at: Instant) throws -> SegmentSnapshot {
        let logger = logger
        let moved = try inTransaction { connection -> (entries: Int, exits: Int) in
            try await connection.query("SELECT id FROM segments WHERE id = \(id) FOR UPDATE", logger: logger)
            let counts = try await connection.all(
                """
                WITH wanted AS (SELECT customer_id FROM unnest(\(members)::bigint[]) AS w (customer_id)),
                removed AS (
                    DELETE FROM segment_members m
                    WHERE m.segment_id = \(id) AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.customer_id = m.customer_id)
                    RETURNING 1),
                added AS (
                    INSERT INTO segment_members (customer_id, segment_id)
                    SELECT w.customer_id, \(id) FROM wanted w
                    WHERE NOT EXISTS (
                        SELECT 1 FROM segment_members m WHERE m.segment_id = \(id) AND m.customer_id = w.customer_id)
                    RETURNING 1)
                INSERT INTO segment_snapshots (segment_id, at, size, entries, exits)
                SELECT \(id), \(at.secondsSinceEpoch), \(members.count), (SELECT count(*) FROM added), (SELECT count(*) FROM removed)
                RETURNING entries, exits
                """, logger: logger
            ) { try $0.decode((Int, Int).self) }
            try await connection.query(
                "UPDATE segments SET evaluated_at = \(at.secondsSinceEpoch), size = \(members.count) WHERE id = \(id)",
                logger: logger)
            return (counts[0].0, counts[0].1)
        }
        return SegmentSnapshot(segmentID: id, at: at, size: members.count, entries: moved.entries, exits: moved.exits)
    }

    /// A negative `limit` means no limit, as in SQLite (PostgreSQL refuses one; `LIMIT NULL` is none).
    public func snapshots(ofSegment id: Int64, limit: Int) throws -> [SegmentSnapshot] {
        let limit: Int? = limit < 0 ? nil : limit
        return try rows(
            """
            SELECT segment_id, at, size, entries, exits FROM segment_snapshots WHERE segment_id = \(id)
            ORDER BY at DESC, id DESC LIMIT \(limit)
            """
        ) { row in
            let (segmentID, at, size, entries, exits) = try row.decode((Int64, Int64, Int, Int, Int).self)
            return SegmentSnapshot(
                segmentID: segmentID, at: Instant(secondsSinceEpoch: at), size: size, entries: entries, exits: exits)
        }
    }

    /// One query for every external id; an external id shared by several customers (the column is
    /// not unique here) stands for the lowest id, as SQLite's index would return it first.
    public func customerIDs(externalIDs: [String]) throws -> (found: [Int64], unknown: [String]) {
        let matches = try rows(
            "SELECT external_id, min(id) FROM customers WHERE external_id = ANY(\(externalIDs)) GROUP BY external_id"
        ) { try $0.decode((String, Int64).self) }
        let ids = Dictionary(uniqueKeysWithValues: matches)
        var found = Set<Int64>()
        var unknown: [String] = []
        for externalID in externalIDs {
            if let id = ids[externalID] { found.insert(id) } else { unknown.append(externalID) }
        }
        return (found.sorted(), unknown)
    }

    /// One query for every id, in the order of `ids` (repeats included, unknown ids left out).
    public func contactRows(ids: [Int64]) throws -> [ContactRow] {
        try rows(
            """
            SELECT c.id, c.external_id, c.first_name, c.last_name, c.email, c.phone, c.postcode, c.city, c.country
            FROM unnest(\(ids)::bigint[]) WITH ORDINALITY AS w (id, position) JOIN customers c ON c.id = w.id
            ORDER BY w.position
            """
        ) { row in
            let (id, externalID, firstName, lastName, email, phone, postcode, city, country) = try row.decode(
                (Int64, String, String?, String?, String?, String?, String?, String?, String?).self)
            return ContactRow(
                id: id, externalID: externalID, firstName: firstName, lastName: lastName, email: email, phone: phone,
                postcode: postcode, city: city, country: country)
        }
    }
}
