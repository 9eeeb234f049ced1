import Logging
import PostgresNIO
import RapportCore

/// Streams customers, orders and event signals, each scan one statement on a connection of its
/// own whose rows reach the caller's closure as they arrive: ten million orders never wait in
/// memory, and scans of disjoint customer ranges run side by side.
struct PostgresAnalysisReader {
    let store: PostgresKnowledgeBase

    static let kinds: [CustomerKind] = [.prospect, .customer, .former]
    /// `kind` as an index into ``kinds``: no String per row.
    static let kindIndex = "CASE kind WHEN 'customer' THEN 1 WHEN 'former' THEN 2 ELSE 0 END"
    static let statuses: [OrderStatus] = [.completed, .cancelled, .returned]
    /// An order's `status` as an index into ``statuses``, anything unknown reading as completed
    /// as on SQLite.
    static func statusIndex(_ column: String) -> String {
        "CASE \(column) WHEN 'cancelled' THEN 1 WHEN 'returned' THEN 2 ELSE 0 END"
    }

    /// Referral as SQLite's `json_extract` reads it: `referred_by` present, not null and not the
    /// empty string (`->>` gives any other value a non-empty text), or `acquisition_source` the
    /// string `referral`; attributes are parsed only when there are some. Reachable: the latest
    /// consent of at least one channel is `granted`.
    func scanCustomers(_ body: (CustomerFact) throws -> Void) throws {
        try store.stream(
            """
            SELECT c.id, \(unescaped: Self.kindIndex), c.created_at,
                   CASE WHEN c.attributes = '{}' THEN false
                        ELSE coalesce(c.attributes::jsonb->>'referred_by' <> '', false)
                             OR coalesce(c.attributes::jsonb->>'acquisition_source' = 'referral', false) END,
                   r.customer_id IS NOT NULL
            FROM customers c
            LEFT JOIN (
                SELECT customer_id FROM (
                    SELECT DISTINCT ON (customer_id, channel) customer_id, status
                    FROM consents ORDER BY customer_id, channel, at DESC
                ) latest
                WHERE status = 'granted' GROUP BY customer_id
            ) r ON r.customer_id = c.id
            ORDER BY c.id
            """, to: body
        ) { row in
            let (id, kind, createdAt, referred, reachable) = try row.decode((Int64, Int64, Int64, Bool, Bool).self)
            return CustomerFact(
                id: id, kind: Self.kinds[Int(kind)], createdAt: Instant(secondsSinceEpoch: createdAt), referred: referred,
                reachable: reachable)
        }
    }

    func scanOrders(before end: Instant?, customerIDs: Range<Int64>?, _ body: (OrderFact) throws -> Void) throws {
        var bindings = PostgresBindings()
        var conditions: [String] = []
        if let end {
            bindings.append(end.secondsSinceEpoch)
            conditions.append("placed_at < $\(bindings.count)")
        }
        if let customerIDs {
            bindings.append(customerIDs.lowerBound)
            bindings.append(customerIDs.upperBound)
            conditions.append("customer_id >= $\(bindings.count - 1) AND customer_id < $\(bindings.count)")
        }
        let sql = """
            SELECT customer_id, placed_at, total, margin, \(Self.statusIndex("status")) FROM orders
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY customer_id
            """
        try store.stream(PostgresQuery(unsafeSQL: sql, binds: bindings), to: body) { row in
            let (customerID, placedAt, total, margin, status) = try row.decode((Int64, Int64, Double, Double?, Int64).self)
            return OrderFact(
                customerID: customerID, placedAt: Instant(secondsSinceEpoch: placedAt), total: total, margin: margin,
                status: Self.statuses[Int(status)])
        }
    }

    /// Counts as SQLite does, comparison by comparison. A survey answer matches a rule when its
    /// `survey` is that JSON string, and its `score` compares as SQLite's `json_extract` value
    /// would: numbers by value, `true`/`false` as 1/0, strings, objects and arrays (text there)
    /// above every number, null or missing never. An empty type list counts 0 (SQLite's sum of
    /// nothing is NULL there). Only survey answers have their properties parsed, once each
    /// (`OFFSET 0` keeps the planner from repeating the cast in every rule).
    func scanEventSignals(
        since: Instant, before end: Instant?, vocabulary: EventVocabulary, _ body: (EventSignals) throws -> Void
    ) throws {
        var bindings = PostgresBindings()
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        let complaints = bind(vocabulary.complaintTypes)
        let surveys = bind(vocabulary.surveyTypes)
        let returns = bind(vocabulary.returnTypes)
        let engagement = bind(vocabulary.engagementTypes)
        func rule(survey: String, limit: Double, comparison: String, textResult: Bool) -> String {
            let limit = bind(limit)
            return """
                (survey = to_jsonb(\(bind(survey))::text) AND CASE jsonb_typeof(score)
                    WHEN 'number' THEN score::float8 \(comparison) \(limit)
                    WHEN 'boolean' THEN score::boolean::int \(comparison) \(limit)
                    WHEN 'string' THEN \(textResult) WHEN 'object' THEN \(textResult) WHEN 'array' THEN \(textResult)
                END)
                """
        }
        var poorRules: [String] = []
        for (survey, limit) in vocabulary.poorScoreAtMost.sorted(by: { $0.key < $1.key }) {
            poorRules.append(rule(survey: survey, limit: limit, comparison: "<=", textResult: false))
        }
        for (survey, limit) in vocabulary.poorScoreAtLeast.sorted(by: { $0.key < $1.key }) {
            poorRules.append(rule(survey: survey, limit: limit, comparison: ">=", textResult: true))
        }
        let poor = poorRules.isEmpty ? "false" : poorRules.joined(separator: " OR ")
        let sql = """
            SELECT customer_id,
                   count(*) FILTER (WHERE type = ANY(\(complaints))),
                   count(*) FILTER (WHERE type = ANY(\(surveys)) AND (\(poor))),
                   count(*) FILTER (WHERE type = ANY(\(returns))),
                   count(*) FILTER (WHERE type = ANY(\(engagement))),
                   max(at) FILTER (WHERE type = ANY(\(engagement)))
            FROM (
                SELECT customer_id, type, at, answer->'survey' AS survey, answer->'score' AS score
                FROM (
                    SELECT customer_id, type, at, CASE WHEN type = ANY(\(surveys)) THEN properties::jsonb END AS answer
                    FROM events
                    WHERE at >= \(bind(since.secondsSinceEpoch)) AND at < \(bind(end?.secondsSinceEpoch ?? Int64.max))
                    OFFSET 0
                ) parsed
            ) e
            GROUP BY customer_id ORDER BY customer_id
            """
        try store.stream(PostgresQuery(unsafeSQL: sql, binds: bindings), to: body) { row in
            let (customerID, complaints, poor, returns, engagement, last) = try row.decode(
                (Int64, Int, Int, Int, Int, Int64?).self)
            return EventSignals(
                customerID: customerID, complaints: complaints, poorSurveyAnswers: poor, returns: returns,
                engagementEvents: engagement, lastEngagement: last.map(Instant.init(secondsSinceEpoch:)))
        }
    }
}
