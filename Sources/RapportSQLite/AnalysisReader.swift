import GRDB
import RapportCore

/// Streams customers, orders and event signals out of one read transaction through SQLite's C
/// interface: ten million orders cost one statement and no object per row.
struct AnalysisReader {
    let db: Database

    func scanCustomers(_ body: (CustomerFact) throws -> Void) throws {
        let statement = try RawStatement(
            db,
            """
            SELECT c.id,
                   CASE c.kind WHEN 'customer' THEN 1 WHEN 'former' THEN 2 ELSE 0 END,
                   c.created_at,
                   CASE WHEN c.attributes = '{}' THEN 0
                        ELSE coalesce(json_extract(c.attributes, '$.referred_by') <> '', 0) END,
                   EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.status = 'granted'
                           AND k.at = (SELECT max(at) FROM consents l WHERE l.customer_id = c.id AND l.channel = k.channel))
            FROM customers c ORDER BY c.id
            """)
        let kinds: [CustomerKind] = [.prospect, .customer, .former]
        while try statement.step() {
            try body(
                CustomerFact(
                    id: statement.int64(0), kind: kinds[Int(statement.int64(1))],
                    createdAt: Instant(secondsSinceEpoch: statement.int64(2)),
                    referred: statement.int64(3) != 0, reachable: statement.int64(4) != 0))
        }
    }

    func scanOrders(before end: Instant?, _ body: (OrderFact) throws -> Void) throws {
        let statement = try RawStatement(
            db,
            """
            SELECT customer_id, placed_at, total, margin,
                   CASE status WHEN 'completed' THEN 0 WHEN 'cancelled' THEN 1 ELSE 2 END
            FROM orders WHERE placed_at < ? ORDER BY customer_id
            """)
        statement.bind(1, end?.secondsSinceEpoch ?? Int64.max)
        let statuses: [OrderStatus] = [.completed, .cancelled, .returned]
        while try statement.step() {
            try body(
                OrderFact(
                    customerID: statement.int64(0), placedAt: Instant(secondsSinceEpoch: statement.int64(1)),
                    total: statement.double(2) ?? 0, margin: statement.double(3),
                    status: statuses[Int(statement.int64(4))]))
        }
    }

    func scanEventSignals(
        since: Instant, before end: Instant?, vocabulary: EventVocabulary, _ body: (EventSignals) throws -> Void
    ) throws {
        var arguments: [any DatabaseValueConvertible] = []
        func list(_ values: [String]) -> String {
            guard !values.isEmpty else { return "NULL" }
            arguments.append(contentsOf: values)
            return Array(repeating: "?", count: values.count).joined(separator: ",")
        }
        // Arguments are appended in the order their placeholders appear in the statement.
        let complaints = list(vocabulary.complaintTypes)
        let surveys = list(vocabulary.surveyTypes)
        var poorRules: [String] = []
        for (survey, limit) in vocabulary.poorScoreAtMost.sorted(by: { $0.key < $1.key }) {
            poorRules.append("(json_extract(properties, '$.survey') = ? AND json_extract(properties, '$.score') <= ?)")
            arguments.append(survey)
            arguments.append(limit)
        }
        for (survey, limit) in vocabulary.poorScoreAtLeast.sorted(by: { $0.key < $1.key }) {
            poorRules.append("(json_extract(properties, '$.survey') = ? AND json_extract(properties, '$.score') >= ?)")
            arguments.append(survey)
            arguments.append(limit)
        }
        let poor = poorRules.isEmpty ? "0" : poorRules.joined(separator: " OR ")
        let returns = list(vocabulary.returnTypes)
        let engagement = list(vocabulary.engagementTypes)
        let engagementAgain = list(vocabulary.engagementTypes)
        arguments.append(since.secondsSinceEpoch)
        arguments.append(end?.secondsSinceEpoch ?? Int64.max)
        // coalesce: a survey answer without a score makes its comparison NULL, which must count as 0.
        let sql = """
            SELECT customer_id,
                   sum(type IN (\(complaints))),
                   sum(coalesce(type IN (\(surveys)) AND (\(poor)), 0)),
                   sum(type IN (\(returns))),
                   sum(type IN (\(engagement))),
                   max(CASE WHEN type IN (\(engagementAgain)) THEN at END)
            FROM events WHERE at >= ? AND at < ?
            GROUP BY customer_id ORDER BY customer_id
            """
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            try body(
                EventSignals(
                    customerID: row[0], complaints: row[1], poorSurveyAnswers: row[2], returns: row[3],
                    engagementEvents: row[4], lastEngagement: (row[5] as Int64?).map(Instant.init(secondsSinceEpoch:))))
        }
    }
}
