import Logging
import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase {
    public func customerID(matching reference: String) throws -> Int64? {
        let logger = logger
        return try withConnection { connection in try await Self.customerID(matching: reference, on: connection, logger: logger) }
    }

    /// The customer whose external id is `reference`, else the one whose e-mail or phone it is: one
    /// query, the rank keeping that order.
    static func customerID(matching reference: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        try await connection.all(
            """
            SELECT id FROM (
                (SELECT id, 0 AS rank FROM customers WHERE external_id = \(reference) LIMIT 1)
                UNION ALL
                (SELECT customer_id, 1 FROM identities WHERE value = \(reference) AND kind IN ('email', 'phone') LIMIT 1)
                UNION ALL
                (SELECT customer_id, 2 FROM customer_aliases WHERE external_id = \(reference) LIMIT 1)
            ) AS found ORDER BY rank LIMIT 1
            """, logger: logger
        ) { try $0.decode(Int64.self) }.first
    }

    public func customer360(id: Int64, recentLimit: Int) throws -> Customer360? {
        let logger = logger
        return try inSnapshot { connection in
            try await PostgresCustomer360Reader.read(id: id, recentLimit: recentLimit, on: connection, logger: logger)
        }
    }

    public func summary() throws -> KnowledgeBaseSummary {
        let logger = logger
        return try inSnapshot { connection in try await PostgresSummaryReader.read(on: connection, logger: logger) }
    }

    /// The latest `limit` imports (all of them when it is negative, as SQLite's `LIMIT -1`).
    public func importJournal(limit: Int) throws -> [ImportJournalEntry] {
        let limit: Int? = limit < 0 ? nil : limit
        return try rows(
            "SELECT \(unescaped: Self.journalColumns) FROM imports ORDER BY id DESC LIMIT \(limit)", Self.journalEntry(from:))
    }

    public func importJournalEntry(id: Int64) throws -> ImportJournalEntry? {
        try rows("SELECT \(unescaped: Self.journalColumns) FROM imports WHERE id = \(id)", Self.journalEntry(from:)).first
    }

    private static let journalColumns = "id, kind, file, bytes, started_at, finished_at, inserted, updated, unchanged, rejected"

    private static func journalEntry(from row: PostgresRow) throws -> ImportJournalEntry {
        let (id, kind, file, bytes, startedAt, finishedAt, inserted, updated, unchanged, rejected) = try row.decode(
            (Int64, String, String, Int64, Int64, Int64, Int, Int, Int, Int).self)
        return ImportJournalEntry(
            id: id,
            record: ImportRecord(
                kind: kind, file: file, bytes: bytes,
                startedAt: Instant(secondsSinceEpoch: startedAt), finishedAt: Instant(secondsSinceEpoch: finishedAt),
                counts: ImportCounts(inserted: inserted, updated: updated, unchanged: unchanged, rejected: rejected)))
    }

    /// Runs `operation` in a read-only transaction whose statements all see one snapshot
    /// (`REPEATABLE READ`; at PostgreSQL's default `READ COMMITTED` each statement takes its own),
    /// as a read of SQLite's does: the parts of a view agree with one another while imports commit.
    /// A read-only transaction at this level never fails on a concurrent write.
    func inSnapshot<Value: Sendable>(_ operation: @escaping @Sendable (PostgresConnection) async throws -> Value) throws -> Value {
        let logger = logger
        return try inTransaction(readOnly: true) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
            return try await operation(connection)
        }
    }
}
