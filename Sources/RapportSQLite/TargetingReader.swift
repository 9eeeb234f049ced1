import GRDB
import RapportCore

/// Streams what targeting reads (profiles, scores, order lines, events, latest consents) out of
/// one read transaction, in ascending customer id order.
struct TargetingReader {
    let db: Database

    func scanProfiles(_ body: (ProfileFact) throws -> Void) throws {
        let statement = try RawStatement(
            db,
            """
            SELECT id, external_id, CASE kind WHEN 'customer' THEN 1 WHEN 'former' THEN 2 ELSE 0 END, created_at,
                   gender, birth_date, postcode, city, country, timezone, preferred_channel,
                   email IS NOT NULL, phone IS NOT NULL, attributes
            FROM customers ORDER BY id
            """)
        let kinds: [CustomerKind] = [.prospect, .customer, .former]
        while try statement.step() {
            try body(
                ProfileFact(
                    id: statement.int64(0), externalID: statement.text(1) ?? "", kind: kinds[Int(statement.int64(2))],
                    createdAt: Instant(secondsSinceEpoch: statement.int64(3)), gender: statement.text(4),
                    birthDate: statement.text(5).flatMap(ISO8601Parser.date), postcode: statement.text(6),
                    city: statement.text(7), country: statement.text(8), timezone: statement.text(9),
                    preferredChannel: statement.text(10), hasEmail: statement.int64(11) != 0,
                    hasPhone: statement.int64(12) != 0, attributesJSON: statement.text(13) ?? "{}"))
        }
    }

    func scanScores(_ body: (CustomerScores) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM scores ORDER BY customer_id")
        while let row = try cursor.next() { try body(ScoreWriter.scores(from: row)) }
    }

    func scanOrderLines(before end: Instant?, _ body: (OrderLineFact) throws -> Void) throws {
        let statement = try RawStatement(
            db,
            """
            SELECT l.customer_id, l.order_id, o.placed_at, o.status, p.sku, p.category, p.price, l.quantity, l.amount
            FROM order_lines l
            JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
            JOIN products p ON p.id = l.product_id
            WHERE o.placed_at < ?
            ORDER BY l.customer_id
            """)
        statement.bind(1, end?.secondsSinceEpoch ?? Int64.max)
        while try statement.step() {
            try body(
                OrderLineFact(
                    customerID: statement.int64(0), orderID: statement.int64(1),
                    placedAt: Instant(secondsSinceEpoch: statement.int64(2)), status: statement.orderStatus(3),
                    sku: statement.text(4) ?? "", category: statement.text(5), price: statement.double(6),
                    quantity: Int(statement.int64(7)), amount: statement.double(8) ?? 0))
        }
    }

    func scanEvents(types: Set<String>?, before end: Instant?, _ body: (EventFact) throws -> Void) throws {
        var arguments: [any DatabaseValueConvertible] = [end?.secondsSinceEpoch ?? Int64.max]
        var filter = ""
        if let types {
            guard !types.isEmpty else { return }
            arguments.append(contentsOf: types.sorted())
            filter = " AND type IN (\(Array(repeating: "?", count: types.count).joined(separator: ",")))"
        }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT customer_id, type, at FROM events WHERE at < ?\(filter) ORDER BY customer_id",
            arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            try body(EventFact(customerID: row[0], type: row[1], at: Instant(secondsSinceEpoch: row[2])))
        }
    }

    /// The latest consent per customer and channel, in one ordered pass.
    func scanConsents(before end: Instant?, _ body: (ConsentFact) throws -> Void) throws {
        let statement = try RawStatement(
            db, "SELECT customer_id, channel, status FROM consents WHERE at < ? ORDER BY customer_id, channel, at")
        statement.bind(1, end?.secondsSinceEpoch ?? .max)
        var pending: ConsentFact?
        while try statement.step() {
            guard let channel = statement.text(1).flatMap(ContactChannel.init(rawValue:)),
                let status = statement.text(2).flatMap(ConsentStatus.init(rawValue:))
            else { continue }
            let fact = ConsentFact(customerID: statement.int64(0), channel: channel, status: status)
            if let previous = pending, previous.customerID != fact.customerID || previous.channel != fact.channel {
                try body(previous)
            }
            pending = fact
        }
        if let pending { try body(pending) }
    }

    func products() throws -> [ProductFact] {
        try Row.fetchAll(db, sql: "SELECT sku, name, category, price FROM products ORDER BY sku").map {
            ProductFact(sku: $0["sku"], name: $0["name"], category: $0["category"], price: $0["price"])
        }
    }
}
