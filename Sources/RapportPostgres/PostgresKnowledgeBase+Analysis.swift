import Logging
import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: AnalysisStore {
    public func scanCustomers(_ body: (CustomerFact) throws -> Void) throws {
        try PostgresAnalysisReader(store: self).scanCustomers(body)
    }

    public func scanOrders(before end: Instant?, customerIDs: Range<Int64>?, _ body: (OrderFact) throws -> Void) throws {
        try PostgresAnalysisReader(store: self).scanOrders(before: end, customerIDs: customerIDs, body)
    }

    public func scanEventSignals(
        since: Instant, before end: Instant?, vocabulary: EventVocabulary, _ body: (EventSignals) throws -> Void
    ) throws {
        try PostgresAnalysisReader(store: self).scanEventSignals(since: since, before: end, vocabulary: vocabulary, body)
    }

    @discardableResult
    public func saveAnalysis<Scores: Sequence<CustomerScores>>(_ scores: Scores, record: AnalysisRecord) throws -> Int64 {
        try PostgresScoreWriter(store: self).save(scores, record: record)
    }

    public func scores(customerID: Int64) throws -> CustomerScores? {
        let logger = logger
        return try withConnection { connection in try await Self.scores(customerID: customerID, on: connection, logger: logger) }
    }

    /// The latest scores of `customerID`: alone or inside a larger read.
    static func scores(customerID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> CustomerScores? {
        try await connection.all(
            "SELECT \(unescaped: PostgresScoreWriter.scoreSelect) FROM scores WHERE customer_id = \(customerID)", logger: logger,
            PostgresScoreWriter.scores(from:)
        ).first
    }

    /// A negative `limit` means none, as SQLite reads it (PostgreSQL's `LIMIT NULL`).
    public func scoreHistory(customerID: Int64, limit: Int) throws -> [ScoreHistoryEntry] {
        let limit: Int? = limit < 0 ? nil : limit
        return try rows(
            """
            SELECT \(unescaped: PostgresScoreWriter.historySelect) FROM score_history
            WHERE customer_id = \(customerID) ORDER BY computed_at DESC LIMIT \(limit)
            """, PostgresScoreWriter.historyEntry(from:))
    }

    public func latestAnalysis() throws -> AnalysisRecord? {
        try rows("SELECT id, computed_at, as_of, customers, report FROM analyses ORDER BY id DESC LIMIT 1") { row in
            let (id, computedAt, asOf, customers, report) = try row.decode((Int64, Int64, String, Int, String).self)
            return AnalysisRecord(
                id: id, computedAt: Instant(secondsSinceEpoch: computedAt),
                asOf: ISO8601Parser.date(asOf) ?? CalendarDate(dayNumber: 0), customers: customers, reportJSON: report)
        }.first
    }
}
