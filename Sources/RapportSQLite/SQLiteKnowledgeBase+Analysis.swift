public import RapportCore
import GRDB

extension SQLiteKnowledgeBase: AnalysisStore {
    public func scanCustomers(_ body: (CustomerFact) throws -> Void) throws {
        try pool.read { db in try AnalysisReader(db: db).scanCustomers(body) }
    }

    public func scanOrders(before end: Instant?, customerIDs: Range<Int64>?, _ body: (OrderFact) throws -> Void) throws {
        try pool.read { db in try AnalysisReader(db: db).scanOrders(before: end, customerIDs: customerIDs, body) }
    }

    public func scanEventSignals(
        since: Instant, before end: Instant?, vocabulary: EventVocabulary, _ body: (EventSignals) throws -> Void
    ) throws {
        try pool.read { db in
            try AnalysisReader(db: db).scanEventSignals(since: since, before: end, vocabulary: vocabulary, body)
        }
    }

    @discardableResult
    public func saveAnalysis<Scores: Sequence<CustomerScores>>(_ scores: Scores, record: AnalysisRecord) throws -> Int64 {
        do {
            return try pool.write { db in try ScoreWriter(db: db).save(scores, record: record) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw SQLiteStoreError.busy(path: path)
        }
    }

    public func scores(customerID: Int64) throws -> CustomerScores? {
        try pool.read { db in try Self.scores(customerID: customerID, in: db) }
    }

    /// The latest scores of `customerID`: alone or inside a larger read.
    static func scores(customerID: Int64, in db: Database) throws -> CustomerScores? {
        try db.cachedRow(sql: "SELECT * FROM scores WHERE customer_id = ?", arguments: [customerID], ScoreWriter.scores(from:))
    }

    public func scoreHistory(customerID: Int64, limit: Int) throws -> [ScoreHistoryEntry] {
        try pool.read { db in
            try db.cachedRows(
                sql: "SELECT * FROM score_history WHERE customer_id = ? ORDER BY computed_at DESC LIMIT ?",
                arguments: [customerID, limit], ScoreWriter.historyEntry(from:))
        }
    }

    public func latestAnalysis() throws -> AnalysisRecord? {
        try pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM analyses ORDER BY id DESC LIMIT 1") { row in
                let asOfText: String = row["as_of"]
                return AnalysisRecord(
                    id: row["id"], computedAt: Instant(secondsSinceEpoch: row["computed_at"]),
                    asOf: ISO8601Parser.date(asOfText) ?? CalendarDate(dayNumber: 0), customers: row["customers"],
                    reportJSON: row["report"])
            }
        }
    }
}
