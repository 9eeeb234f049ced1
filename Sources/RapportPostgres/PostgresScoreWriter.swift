import Logging
import PostgresNIO
import RapportCore

/// Writes one analysis run in one transaction on one leased connection: the run's record, the
/// latest scores (replaced wholesale) and the dated history (appended), both sent with `COPY`.
///
/// The scores are a `Sequence` that may not leave the calling thread, so it is read there and
/// written into `COPY` buffers; each full chunk goes to the server while the next one is built.
struct PostgresScoreWriter {
    let store: PostgresKnowledgeBase

    static let scoreColumns = CustomerScores.writtenColumns
    static let historyColumns = CustomerScores.writtenHistoryColumns

    func save<Scores: Sequence<CustomerScores>>(_ scores: Scores, record: AnalysisRecord) throws -> Int64 {
        let logger = store.logger
        let at = record.computedAt.secondsSinceEpoch
        return try store.inLeasedTransaction(holdingWriterLock: false) { lease in
            let connection = lease.connection
            let inFlight = OneInFlight()
            do {
                let id = try lease.run { connection in
                    // One writer of scores at a time, as on SQLite; readers still see the previous
                    // scores until the commit.
                    try await connection.query("LOCK TABLE scores, score_history IN EXCLUSIVE MODE", logger: logger)
                    let ids = try await connection.all(
                        """
                        INSERT INTO analyses (computed_at, as_of, customers, report)
                        VALUES (\(at), \(record.asOf.description), \(record.customers), \(record.reportJSON))
                        RETURNING id
                        """, logger: logger
                    ) { try $0.decode(Int64.self) }
                    try await connection.query("DELETE FROM scores", logger: logger)
                    // Two runs within the same second keep the later one's history.
                    try await connection.query("DELETE FROM score_history WHERE computed_at = \(at)", logger: logger)
                    return ids[0]
                }
                var latest = CopyRows(table: "scores", columns: Self.scoreColumns, capacity: CopyRows.batchBytes + (1 << 16))
                var history = CopyRows(table: "score_history", columns: Self.historyColumns, capacity: CopyRows.batchBytes / 2)
                func send() throws {
                    let latestRows = latest.take()
                    let historyRows = history.take()
                    try inFlight.start {
                        try await connection.copy(latestRows, into: "scores", columns: Self.scoreColumns, logger: logger)
                        try await connection.copy(
                            historyRows, into: "score_history", columns: Self.historyColumns, logger: logger)
                    }
                }
                for score in scores {
                    Self.append(score, at: at, toLatest: &latest, history: &history)
                    if latest.byteCount >= CopyRows.batchBytes { try send() }
                }
                try send()
                try inFlight.wait()
                return id
            } catch {
                // A COPY still under way must end before the transaction rolls back.
                try? inFlight.wait()
                throw error
            }
        }
    }

    /// One customer's row of each table. NaN is written as NULL, as SQLite stores it.
    private static func append(_ score: CustomerScores, at: Int64, toLatest latest: inout CopyRows, history: inout CopyRows) {
        let probabilityAlive = number(score.probabilityAlive)
        let lifetimeValue = number(score.lifetimeValue)
        latest.append(score.customerID)
        latest.append(at)
        latest.append(score.recency)
        latest.append(score.frequency)
        latest.append(number(score.monetary))
        latest.append(score.rScore)
        latest.append(score.fScore)
        latest.append(score.mScore)
        latest.append(score.rfmSegment)
        latest.append(probabilityAlive)
        latest.append(number(score.expectedPurchases))
        latest.append(number(score.expectedSpend))
        latest.append(lifetimeValue)
        latest.append(score.valueTier)
        latest.append(score.potentialTier)
        latest.append(score.strategy)
        latest.append(score.lifecycleStage)
        latest.append(score.tacticalTarget)
        latest.append(score.tacticalTargets.isEmpty ? nil : score.tacticalTargets.joined(separator: ","))
        latest.append(score.cluster)
        latest.append(number(score.engagement))
        latest.endRow()

        history.append(score.customerID)
        history.append(at)
        history.append(score.rfmSegment)
        history.append(probabilityAlive)
        history.append(lifetimeValue)
        history.append(score.valueTier)
        history.append(score.potentialTier)
        history.append(score.strategy)
        history.append(score.lifecycleStage)
        history.append(score.tacticalTarget)
        history.endRow()
    }

    private static func number(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }

    // MARK: Reading back

    /// The columns ``scores(from:)`` decodes, in its order.
    static let scoreSelect = """
        customer_id, recency, frequency, monetary, r_score, f_score, m_score, rfm_segment, p_alive, expected_purchases,
        expected_spend, clv, value_tier, potential_tier, strategy, lifecycle_stage, tactical_target, tactical_targets,
        cluster, engagement
        """

    static func scores(from row: PostgresRow) throws -> CustomerScores {
        let (
            customerID, recency, frequency, monetary, rScore, fScore, mScore, rfmSegment, probabilityAlive,
            expectedPurchases, expectedSpend, lifetimeValue, valueTier, potentialTier, strategy, lifecycleStage,
            tacticalTarget, tacticalTargets, cluster, engagement
        ) = try row.decode(
            (
                Int64, Int?, Int?, Double?, Int?, Int?, Int?, String?, Double?, Double?, Double?, Double?, String?,
                String?, String?, String?, String?, String?, Int?, Double?
            ).self)
        var scores = CustomerScores(customerID: customerID)
        scores.recency = recency
        scores.frequency = frequency
        scores.monetary = monetary
        scores.rScore = rScore
        scores.fScore = fScore
        scores.mScore = mScore
        scores.rfmSegment = rfmSegment
        scores.probabilityAlive = probabilityAlive
        scores.expectedPurchases = expectedPurchases
        scores.expectedSpend = expectedSpend
        scores.lifetimeValue = lifetimeValue
        scores.valueTier = valueTier
        scores.potentialTier = potentialTier
        scores.strategy = strategy
        scores.lifecycleStage = lifecycleStage
        scores.tacticalTarget = tacticalTarget
        scores.tacticalTargets = tacticalTargets.map { $0.split(separator: ",").map(String.init) } ?? []
        scores.cluster = cluster
        scores.engagement = engagement
        return scores
    }

    /// The columns ``historyEntry(from:)`` decodes, in its order.
    static let historySelect = "computed_at, rfm_segment, p_alive, clv, value_tier, potential_tier, lifecycle_stage, tactical_target"

    static func historyEntry(from row: PostgresRow) throws -> ScoreHistoryEntry {
        let (computedAt, rfmSegment, probabilityAlive, lifetimeValue, valueTier, potentialTier, lifecycleStage, tacticalTarget) =
            try row.decode((Int64, String?, Double?, Double?, String?, String?, String?, String?).self)
        var entry = ScoreHistoryEntry(computedAt: Instant(secondsSinceEpoch: computedAt))
        entry.rfmSegment = rfmSegment
        entry.probabilityAlive = probabilityAlive
        entry.lifetimeValue = lifetimeValue
        entry.valueTier = valueTier
        entry.potentialTier = potentialTier
        entry.lifecycleStage = lifecycleStage
        entry.tacticalTarget = tacticalTarget
        return entry
    }
}
