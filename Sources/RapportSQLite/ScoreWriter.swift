import GRDB
import RapportCore

/// Writes one analysis run inside one write transaction: the run's record, the latest scores
/// (replaced wholesale) and the dated history (appended), in multi-row statements.
struct ScoreWriter {
    let db: Database

    static let scoreColumns = CustomerScores.writtenColumns
    static let historyColumns = CustomerScores.writtenHistoryColumns

    func save<Scores: Sequence<CustomerScores>>(_ scores: Scores, record: AnalysisRecord) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO analyses (computed_at, as_of, customers, report) VALUES (?, ?, ?, ?)",
            arguments: [record.computedAt.secondsSinceEpoch, record.asOf.description, record.customers, record.reportJSON])
        let id = db.lastInsertedRowID
        try db.execute(sql: "DELETE FROM scores")
        // Two runs within the same second keep the later one's history.
        try db.execute(sql: "DELETE FROM score_history WHERE computed_at = ?", arguments: [record.computedAt.secondsSinceEpoch])
        let at = record.computedAt.secondsSinceEpoch
        let latest = try InsertBatch<CustomerScores>(db, into: "scores", columns: Self.scoreColumns, size: 64) {
            statement, offset, score in
            statement.bind(offset + 1, score.customerID)
            statement.bind(offset + 2, at)
            statement.bind(offset + 3, score.recency.map(Int64.init))
            statement.bind(offset + 4, score.frequency.map(Int64.init))
            statement.bind(offset + 5, score.monetary)
            statement.bind(offset + 6, score.rScore.map(Int64.init))
            statement.bind(offset + 7, score.fScore.map(Int64.init))
            statement.bind(offset + 8, score.mScore.map(Int64.init))
            statement.bind(offset + 9, score.rfmSegment)
            statement.bind(offset + 10, score.probabilityAlive)
            statement.bind(offset + 11, score.expectedPurchases)
            statement.bind(offset + 12, score.expectedSpend)
            statement.bind(offset + 13, score.lifetimeValue)
            statement.bind(offset + 14, score.valueTier)
            statement.bind(offset + 15, score.potentialTier)
            statement.bind(offset + 16, score.strategy)
            statement.bind(offset + 17, score.lifecycleStage)
            statement.bind(offset + 18, score.tacticalTarget)
            statement.bind(offset + 19, score.tacticalTargets.isEmpty ? nil : score.tacticalTargets.joined(separator: ","))
            statement.bind(offset + 20, score.cluster.map(Int64.init))
            statement.bind(offset + 21, score.engagement)
        }
        let history = try InsertBatch<CustomerScores>(db, into: "score_history", columns: Self.historyColumns) {
            statement, offset, score in
            statement.bind(offset + 1, score.customerID)
            statement.bind(offset + 2, at)
            statement.bind(offset + 3, score.rfmSegment)
            statement.bind(offset + 4, score.probabilityAlive)
            statement.bind(offset + 5, score.lifetimeValue)
            statement.bind(offset + 6, score.valueTier)
            statement.bind(offset + 7, score.potentialTier)
            statement.bind(offset + 8, score.strategy)
            statement.bind(offset + 9, score.lifecycleStage)
            statement.bind(offset + 10, score.tacticalTarget)
        }
        for score in scores {
            try latest.add(score)
            try history.add(score)
        }
        try latest.flush()
        try history.flush()
        return id
    }

    static func scores(from row: Row) -> CustomerScores {
        var scores = CustomerScores(customerID: row["customer_id"])
        scores.recency = row["recency"]
        scores.frequency = row["frequency"]
        scores.monetary = row["monetary"]
        scores.rScore = row["r_score"]
        scores.fScore = row["f_score"]
        scores.mScore = row["m_score"]
        scores.rfmSegment = row["rfm_segment"]
        scores.probabilityAlive = row["p_alive"]
        scores.expectedPurchases = row["expected_purchases"]
        scores.expectedSpend = row["expected_spend"]
        scores.lifetimeValue = row["clv"]
        scores.valueTier = row["value_tier"]
        scores.potentialTier = row["potential_tier"]
        scores.strategy = row["strategy"]
        scores.lifecycleStage = row["lifecycle_stage"]
        scores.tacticalTarget = row["tactical_target"]
        scores.tacticalTargets = (row["tactical_targets"] as String?).map { $0.split(separator: ",").map(String.init) } ?? []
        scores.cluster = row["cluster"]
        scores.engagement = row["engagement"]
        return scores
    }

    static func historyEntry(from row: Row) -> ScoreHistoryEntry {
        var entry = ScoreHistoryEntry(computedAt: Instant(secondsSinceEpoch: row["computed_at"]))
        entry.rfmSegment = row["rfm_segment"]
        entry.probabilityAlive = row["p_alive"]
        entry.lifetimeValue = row["clv"]
        entry.valueTier = row["value_tier"]
        entry.potentialTier = row["potential_tier"]
        entry.lifecycleStage = row["lifecycle_stage"]
        entry.tacticalTarget = row["tactical_target"]
        return entry
    }
}
