import PostgresNIO
import RapportCore

/// Streams what targeting reads (profiles, scores, order lines, events, latest consents) in
/// ascending customer id order, each scan one statement whose rows reach the caller as they arrive.
struct PostgresTargetingReader {
    let reader: PostgresAnalysisReader

    init(store: PostgresKnowledgeBase) {
        reader = PostgresAnalysisReader(store: store)
    }

    func scanProfiles(_ body: (ProfileFact) throws -> Void) throws {
        try reader.store.stream(
            """
            SELECT id, external_id, \(unescaped: PostgresAnalysisReader.kindIndex), created_at,
                   gender, birth_date, postcode, city, country, timezone, preferred_channel,
                   email IS NOT NULL, phone IS NOT NULL, attributes
            FROM customers ORDER BY id
            """, to: body
        ) { row in
            let (
                id, externalID, kind, createdAt, gender, birthDate, postcode, city, country, timezone, preferredChannel,
                hasEmail, hasPhone, attributes
            ) = try row.decode(
                (Int64, String, Int64, Int64, String?, String?, String?, String?, String?, String?, String?, Bool, Bool, String)
                    .self)
            return ProfileFact(
                id: id, externalID: externalID, kind: PostgresAnalysisReader.kinds[Int(kind)],
                createdAt: Instant(secondsSinceEpoch: createdAt), gender: gender,
                birthDate: birthDate.flatMap(ISO8601Parser.date), postcode: postcode, city: city, country: country,
                timezone: timezone, preferredChannel: preferredChannel, hasEmail: hasEmail, hasPhone: hasPhone,
                attributesJSON: attributes)
        }
    }

    func scanScores(_ body: (CustomerScores) throws -> Void) throws {
        try reader.store.stream(
            "SELECT \(unescaped: PostgresScoreWriter.scoreSelect) FROM scores ORDER BY customer_id", to: body,
            PostgresScoreWriter.scores(from:))
    }

    func scanOrderLines(before end: Instant?, _ body: (OrderLineFact) throws -> Void) throws {
        try reader.store.stream(
            """
            SELECT l.customer_id, l.order_id, o.placed_at, \(unescaped: PostgresAnalysisReader.statusIndex("o.status")),
                   p.sku, p.category, p.price, l.quantity, l.amount
            FROM order_lines l
            JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
            JOIN products p ON p.id = l.product_id
            WHERE o.placed_at < \(end?.secondsSinceEpoch ?? Int64.max)
            ORDER BY l.customer_id
            """, to: body
        ) { row in
            let (customerID, orderID, placedAt, status, sku, category, price, quantity, amount) = try row.decode(
                (Int64, Int64, Int64, Int64, String, String?, Double?, Int, Double).self)
            return OrderLineFact(
                customerID: customerID, orderID: orderID, placedAt: Instant(secondsSinceEpoch: placedAt),
                status: PostgresAnalysisReader.statuses[Int(status)], sku: sku, category: category, price: price,
                quantity: quantity, amount: amount)
        }
    }

    func scanEvents(types: Set<String>?, before end: Instant?, _ body: (EventFact) throws -> Void) throws {
        let end = end?.secondsSinceEpoch ?? Int64.max
        let query: PostgresQuery
        if let types {
            guard !types.isEmpty else { return }
            query = "SELECT customer_id, type, at FROM events WHERE at < \(end) AND type = ANY(\(types.sorted())) ORDER BY customer_id"
        } else {
            query = "SELECT customer_id, type, at FROM events WHERE at < \(end) ORDER BY customer_id"
        }
        try reader.store.stream(query, to: body) { row in
            let (customerID, type, at) = try row.decode((Int64, String, Int64).self)
            return EventFact(customerID: customerID, type: type, at: Instant(secondsSinceEpoch: at))
        }
    }

    /// The latest consent per customer and channel, picked by the server (`DISTINCT ON`).
    func scanConsents(before end: Instant?, _ body: (ConsentFact) throws -> Void) throws {
        try reader.store.stream(
            """
            SELECT DISTINCT ON (customer_id, channel COLLATE "C") customer_id, channel, status FROM consents
            WHERE at < \(end?.secondsSinceEpoch ?? Int64.max)
            ORDER BY customer_id, channel COLLATE "C", at DESC
            """, to: { fact in if let fact { try body(fact) } }
        ) { row -> ConsentFact? in
            let (customerID, channel, status) = try row.decode((Int64, String, String).self)
            guard let channel = ContactChannel(rawValue: channel), let status = ConsentStatus(rawValue: status) else { return nil }
            return ConsentFact(customerID: customerID, channel: channel, status: status)
        }
    }
}
