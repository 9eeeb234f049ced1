import GRDB
import RapportCore

/// Reads the single customer view from the tables.
struct Customer360Reader {
    let db: Database

    /// A profile from a row of `customers`.
    static func customer(from row: Row) -> Customer {
        Customer(
            externalID: row["external_id"],
            kind: CustomerKind(rawValue: row["kind"]) ?? .prospect,
            firstName: row["first_name"], lastName: row["last_name"],
            email: (row["email"] as String?).flatMap { try? EmailAddress($0) },
            phone: (row["phone"] as String?).flatMap { try? PhoneNumber($0) },
            birthDate: (row["birth_date"] as String?).flatMap(ISO8601Parser.date),
            gender: (row["gender"] as String?).flatMap(Gender.init(rawValue:)),
            postcode: row["postcode"], city: row["city"],
            country: (row["country"] as String?).flatMap { try? CountryCode($0) },
            timezone: row["timezone"],
            preferredChannel: (row["preferred_channel"] as String?).flatMap(ContactChannel.init(rawValue:)),
            createdAt: Instant(secondsSinceEpoch: row["created_at"]),
            attributesJSON: row["attributes"])
    }

    func read(id: Int64, recentLimit: Int) throws -> Customer360? {
        guard let (customer, updatedAt) = try db.cachedRow(
            sql: "SELECT * FROM customers WHERE id = ?", arguments: [id],
            { row in (Self.customer(from: row), Instant(secondsSinceEpoch: row["updated_at"])) })
        else { return nil }
        let identities = try db.cachedRows(
            sql: "SELECT kind, value FROM identities WHERE customer_id = ? ORDER BY kind, value", arguments: [id]
        ) { Customer360.StoredIdentity(kind: $0["kind"], value: $0["value"]) }
        let consents = try db.cachedRows(
            sql: """
                SELECT channel, status, source, at FROM consents c
                WHERE customer_id = ?1 AND at = (SELECT max(at) FROM consents WHERE customer_id = ?1 AND channel = c.channel)
                ORDER BY channel
                """, arguments: [id]
        ) { row -> Customer360.ConsentInForce? in
            guard let channel = ContactChannel(rawValue: row["channel"]), let status = ConsentStatus(rawValue: row["status"])
            else { return nil }
            return .init(channel: channel, status: status, source: row["source"], at: Instant(secondsSinceEpoch: row["at"]))
        }.compactMap { $0 }
        var productNames: [String: String] = [:]
        let orders = try recentOrders(
            customerID: id, externalID: customer.externalID, limit: recentLimit, names: &productNames)
        let events = try db.cachedRows(
            sql: "SELECT * FROM events WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?",
            arguments: [id, recentLimit]
        ) { row -> Event? in
            guard let type = try? Token(row["type"], field: "type") else { return nil }
            return Event(
                externalID: row["external_id"], customerExternalID: customer.externalID, type: type,
                channel: (row["channel"] as String?).flatMap { try? Token($0, field: "channel") },
                at: Instant(secondsSinceEpoch: row["at"]), campaign: row["campaign"], propertiesJSON: row["properties"])
        }.compactMap { $0 }
        // An aggregate always answers one row.
        let totals = try db.cachedRow(
            sql: """
                SELECT count(*) AS n, coalesce(sum(total), 0) AS revenue, coalesce(sum(margin), 0) AS margin,
                       min(placed_at) AS first, max(placed_at) AS last,
                       (SELECT count(*) FROM events WHERE customer_id = ?1) AS events
                FROM orders WHERE customer_id = ?1 AND status = 'completed'
                """, arguments: [id]
        ) { row in
            Customer360.Totals(
                orders: row["n"], revenue: row["revenue"], margin: row["margin"],
                firstOrder: (row["first"] as Int64?).map(Instant.init(secondsSinceEpoch:)),
                lastOrder: (row["last"] as Int64?).map(Instant.init(secondsSinceEpoch:)),
                events: row["events"])
        }
        return Customer360(
            id: id, customer: customer, updatedAt: updatedAt,
            identities: identities, consents: consents, recentOrders: orders, recentEvents: events,
            totals: totals ?? Customer360.Totals(orders: 0, revenue: 0, margin: 0, firstOrder: nil, lastOrder: nil, events: 0),
            productNames: productNames)
    }

    /// The customer's `limit` latest orders with their lines: two queries, whatever the number of orders.
    private func recentOrders(customerID: Int64, externalID: String, limit: Int, names: inout [String: String]) throws -> [Order] {
        let orders = try db.cachedRows(
            sql: "SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, id DESC LIMIT ?",
            arguments: [customerID, limit]
        ) { row -> (id: Int64, order: Order) in
            (row["id"], Order(
                externalID: row["external_id"], customerExternalID: externalID,
                placedAt: Instant(secondsSinceEpoch: row["placed_at"]), channel: row["channel"], store: row["store"],
                status: OrderStatus(rawValue: row["status"]) ?? .completed, total: row["total"], margin: row["margin"],
                items: row["items"], currency: row["currency"], lines: []))
        }
        guard !orders.isEmpty else { return [] }
        var linesOfOrder: [Int64: [OrderLine]] = [:]
        var productNames: [String: String] = [:]
        _ = try db.cachedRows(
            sql: """
                SELECT l.order_id, p.sku, p.name, l.quantity, l.amount
                FROM order_lines l JOIN products p ON p.id = l.product_id
                WHERE l.customer_id = ?1
                  AND l.order_id IN (SELECT id FROM orders WHERE customer_id = ?1 ORDER BY placed_at DESC, id DESC LIMIT ?2)
                ORDER BY l.order_id, l.line_no
                """, arguments: [customerID, limit]
        ) { row in
            productNames[row["sku"]] = row["name"]
            linesOfOrder[row["order_id"], default: []].append(
                OrderLine(sku: row["sku"], quantity: row["quantity"], amount: row["amount"]))
        }
        names.merge(productNames) { _, new in new }
        return orders.map { entry in
            var order = entry.order
            order.lines = linesOfOrder[entry.id] ?? []
            return order
        }
    }
}
