import Logging
import PostgresNIO
import RapportCore

/// Reads the single customer view from the tables, on a connection whose transaction the caller
/// holds, so that a larger read (the dossier) sees the same snapshot.
enum PostgresCustomer360Reader {
    /// The columns of `customers c` that ``customer(from:)`` decodes, in its order.
    static let customerColumns = """
        c.id, c.external_id, c.kind, c.first_name, c.last_name, c.email, c.phone, c.birth_date, c.gender,
        c.postcode, c.city, c.country, c.timezone, c.preferred_channel, c.created_at, c.updated_at, c.attributes::text
        """

    /// A row of ``customerColumns``: the id, the profile, and when it last changed.
    static func customer(from row: PostgresRow) throws -> (id: Int64, customer: Customer, updatedAt: Instant) {
        let (
            id, externalID, kind, firstName, lastName, email, phone, birthDate, gender, postcode, city, country, timezone,
            preferredChannel, createdAt, updatedAt, attributes
        ) = try row.decode(
            (Int64, String, String, String?, String?, String?, String?, String?, String?, String?, String?, String?, String?,
             String?, Int64, Int64, String).self)
        let customer = Customer(
            externalID: externalID,
            kind: CustomerKind(rawValue: kind) ?? .prospect,
            firstName: firstName, lastName: lastName,
            email: email.flatMap { try? EmailAddress($0) },
            phone: phone.flatMap { try? PhoneNumber($0) },
            birthDate: birthDate.flatMap(ISO8601Parser.date),
            gender: gender.flatMap(Gender.init(rawValue:)),
            postcode: postcode, city: city,
            country: country.flatMap { try? CountryCode($0) },
            timezone: timezone,
            preferredChannel: preferredChannel.flatMap(ContactChannel.init(rawValue:)),
            createdAt: Instant(secondsSinceEpoch: createdAt),
            attributesJSON: attributes)
        return (id, customer, Instant(secondsSinceEpoch: updatedAt))
    }

    /// The view of customer `id` with at most `recentLimit` recent orders and events (all of them
    /// when it is negative, as SQLite's `LIMIT -1`), or nil when there is no such customer.
    static func read(id: Int64, recentLimit: Int, on connection: PostgresConnection, logger: Logger) async throws -> Customer360? {
        // LIMIT NULL is no limit.
        let limit: Int? = recentLimit < 0 ? nil : recentLimit
        guard
            let (_, customer, updatedAt) = try await connection.all(
                "SELECT \(unescaped: customerColumns) FROM customers c WHERE c.id = \(id)", logger: logger, customer(from:)
            ).first
        else { return nil }
        // Text sorts in byte order (COLLATE "C"), as SQLite sorts it, whatever the database's collation.
        let identities = try await connection.all(
            "SELECT kind, value FROM identities WHERE customer_id = \(id) ORDER BY kind COLLATE \"C\", value COLLATE \"C\"",
            logger: logger
        ) { row in
            let (kind, value) = try row.decode((String, String).self)
            return Customer360.StoredIdentity(kind: kind, value: value)
        }
        // (customer_id, channel, at) is the key: the latest consent of each channel is one row.
        let consents = try await connection.all(
            """
            SELECT DISTINCT ON (channel) channel, status, source, at FROM consents
            WHERE customer_id = \(id) ORDER BY channel, at DESC
            """, logger: logger
        ) { row -> Customer360.ConsentInForce? in
            let (channel, status, source, at) = try row.decode((String, String, String?, Int64).self)
            guard let channel = ContactChannel(rawValue: channel), let status = ConsentStatus(rawValue: status) else { return nil }
            return .init(channel: channel, status: status, source: source, at: Instant(secondsSinceEpoch: at))
        }.compactMap { $0 }
        let (orders, productNames) = try await recentOrders(
            customerID: id, externalID: customer.externalID, limit: limit, on: connection, logger: logger)
        let events = try await connection.all(
            """
            SELECT external_id, type, channel, at, campaign, properties::text FROM events
            WHERE customer_id = \(id) ORDER BY at DESC, id DESC LIMIT \(limit)
            """, logger: logger
        ) { row -> Event? in
            let (externalID, type, channel, at, campaign, properties) = try row.decode(
                (String, String, String?, Int64, String?, String).self)
            guard let type = try? Token(type, field: "type") else { return nil }
            return Event(
                externalID: externalID, customerExternalID: customer.externalID, type: type,
                channel: channel.flatMap { try? Token($0, field: "channel") },
                at: Instant(secondsSinceEpoch: at), campaign: campaign, propertiesJSON: properties)
        }.compactMap { $0 }
        // An aggregate always answers one row.
        let totals = try await connection.all(
            """
            SELECT count(*), coalesce(sum(total), 0), coalesce(sum(margin), 0), min(placed_at), max(placed_at),
                   (SELECT count(*) FROM events WHERE customer_id = \(id))
            FROM orders WHERE customer_id = \(id) AND status = 'completed'
            """, logger: logger
        ) { row in
            let (orders, revenue, margin, first, last, events) = try row.decode((Int, Double, Double, Int64?, Int64?, Int).self)
            return Customer360.Totals(
                orders: orders, revenue: revenue, margin: margin,
                firstOrder: first.map(Instant.init(secondsSinceEpoch:)), lastOrder: last.map(Instant.init(secondsSinceEpoch:)),
                events: events)
        }.first
        return Customer360(
            id: id, customer: customer, updatedAt: updatedAt,
            identities: identities, consents: consents, recentOrders: orders, recentEvents: events,
            totals: totals ?? Customer360.Totals(orders: 0, revenue: 0, margin: 0, firstOrder: nil, lastOrder: nil, events: 0),
            productNames: productNames)
    }

    /// The customer's `limit` latest orders with their lines, and the catalogue name of each SKU
    /// they hold: two queries, whatever the number of orders.
    private static func recentOrders(
        customerID: Int64, externalID: String, limit: Int?, on connection: PostgresConnection, logger: Logger
    ) async throws -> (orders: [Order], productNames: [String: String]) {
        let orders = try await connection.all(
            """
            SELECT id, external_id, placed_at, channel, store, status, total, margin, items, currency FROM orders
            WHERE customer_id = \(customerID) ORDER BY placed_at DESC, id DESC LIMIT \(limit)
            """, logger: logger
        ) { row -> (id: Int64, order: Order) in
            let (id, orderExternalID, placedAt, channel, store, status, total, margin, items, currency) = try row.decode(
                (Int64, String, Int64, String?, String?, String, Double, Double?, Int64?, String?).self)
            return (id, Order(
                externalID: orderExternalID, customerExternalID: externalID,
                placedAt: Instant(secondsSinceEpoch: placedAt), channel: channel, store: store,
                status: OrderStatus(rawValue: status) ?? .completed, total: total, margin: margin,
                items: items, currency: currency, lines: []))
        }
        guard !orders.isEmpty else { return ([], [:]) }
        let lines = try await connection.all(
            """
            SELECT l.order_id, p.sku, p.name, l.quantity, l.amount
            FROM order_lines l JOIN products p ON p.id = l.product_id
            WHERE l.customer_id = \(customerID) AND l.order_id = ANY(\(orders.map(\.id)))
            ORDER BY l.order_id, l.line_no
            """, logger: logger
        ) { try $0.decode((Int64, String, String, Int64, Double).self) }
        var linesOfOrder: [Int64: [OrderLine]] = [:]
        var productNames: [String: String] = [:]
        for (orderID, sku, name, quantity, amount) in lines {
            productNames[sku] = name
            linesOfOrder[orderID, default: []].append(OrderLine(sku: sku, quantity: quantity, amount: amount))
        }
        let withLines = orders.map { entry in
            var order = entry.order
            order.lines = linesOfOrder[entry.id] ?? []
            return order
        }
        return (withLines, productNames)
    }
}
