import GRDB
import RapportCore

/// Streams customers, orders and event signals out of one read transaction through SQLite's C
/// interface: ten million orders cost one statement and no object per row.
struct AnalysisReader {
    let db: Database

    func scanCustomers(_ body: (CustomerFact) throws -> Void) throws {
        let reachable = try reachableCustomers()
        let statement = try RawStatement(
            db,
            """
            SELECT id, CASE kind WHEN 'customer' THEN 1 WHEN 'former' THEN 2 ELSE 0 END, created_at,
                   CASE WHEN attributes = '{}' THEN 0
                        ELSE coalesce(json_extract(attributes, '$.referred_by') <> '', 0)
                             OR coalesce(json_extract(attributes, '$.acquisition_source') = 'referral', 0) END
            FROM customers ORDER BY id
            """)
        let kinds: [CustomerKind] = [.prospect, .customer, .former]
        while try statement.step() {
            let id = statement.int64(0)
            try body(
                CustomerFact(
                    id: id, kind: kinds[Int(statement.int64(1))], createdAt: Instant(secondsSinceEpoch: statement.int64(2)),
                    referred: statement.int64(3) != 0, reachable: reachable.contains(id)))
        }
    }

    /// Customers whose latest consent on at least one channel is `granted`, in one ordered pass
    /// over the consents (a per-customer subquery cost more than the rest of the scan).
    private func reachableCustomers() throws -> Set<Int64> {
        let statement = try RawStatement(
            db, "SELECT customer_id, channel, status = 'granted' FROM consents ORDER BY customer_id, channel, at")
        var reachable = Set<Int64>()
        var customer: Int64 = -1
        var channel = ""
        var granted = false
        func close() { if granted { reachable.insert(customer) } }
        while try statement.step() {
            let nextCustomer = statement.int64(0)
            let nextChannel = statement.text(1) ?? ""
            if nextCustomer != customer || nextChannel != channel {
                close()
                customer = nextCustomer
                channel = nextChannel
            }
            granted = statement.int64(2) != 0
        }
        close()
        return reachable
    }

    func scanOrders(before end: Instant?, customerIDs: Range<Int64>?, _ body: (OrderFact) throws -> Void) throws {
        var conditions: [String] = []
        if end != nil { conditions.append("placed_at < ?") }
        if customerIDs != nil { conditions.append("customer_id >= ? AND customer_id < ?") }
        let statement = try RawStatement(
            db,
            """
            SELECT customer_id, placed_at, total, margin, status FROM orders
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY customer_id
            """)
        var parameter: Int32 = 1
        if let end {
            statement.bind(parameter, end.secondsSinceEpoch)
            parameter += 1
        }
        if let customerIDs {
            statement.bind(parameter, customerIDs.lowerBound)
            statement.bind(parameter + 1, customerIDs.upperBound)
        }
        while try statement.step() {
            try body(
                OrderFact(
                    customerID: statement.int64(0), placedAt: Instant(secondsSinceEpoch: statement.int64(1)),
                    total: statement.double(2) ?? 0, margin: statement.double(3), status: statement.orderStatus(4)))
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
