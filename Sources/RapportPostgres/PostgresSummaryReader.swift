import Logging
import PostgresNIO
import RapportCore

/// Computes the numbers of ``KnowledgeBaseSummary`` with one aggregate query per table, on a
/// connection whose transaction the caller holds.
enum PostgresSummaryReader {
    static func read(on connection: PostgresConnection, logger: Logger) async throws -> KnowledgeBaseSummary {
        var summary = KnowledgeBaseSummary()
        for (kind, count) in try await connection.all(
            "SELECT kind, count(*) FROM customers GROUP BY kind", logger: logger, { try $0.decode((String, Int).self) })
        {
            if let kind = CustomerKind(rawValue: kind) { summary.customersByKind[kind] = count }
        }
        (summary.withEmail, summary.withPhone) = try await one(
            "SELECT count(email), count(phone) FROM customers", on: connection, logger: logger
        ) { try $0.decode((Int, Int).self) }
        summary.sharedContactDetails = try await one(
            """
            SELECT count(*) FROM customers c WHERE
              (c.email IS NOT NULL AND EXISTS (SELECT 1 FROM customers o WHERE o.email = c.email AND o.id <> c.id))
              OR (c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM customers o WHERE o.phone = c.phone AND o.id <> c.id))
            """, on: connection, logger: logger
        ) { try $0.decode(Int.self) }
        (summary.products, summary.categories) = try await one(
            "SELECT count(*), count(DISTINCT category) FROM products", on: connection, logger: logger
        ) { try $0.decode((Int, Int).self) }
        let (revenue, margin, first, last) = try await one(
            """
            SELECT coalesce(sum(total), 0), coalesce(sum(margin), 0), min(placed_at), max(placed_at)
            FROM orders WHERE status = 'completed'
            """, on: connection, logger: logger
        ) { try $0.decode((Double, Double, Int64?, Int64?).self) }
        summary.orders = try await one("SELECT count(*) FROM orders", on: connection, logger: logger) {
            try $0.decode(Int.self)
        }
        summary.revenue = revenue
        summary.margin = margin
        summary.firstOrder = first.map(Instant.init(secondsSinceEpoch:))
        summary.lastOrder = last.map(Instant.init(secondsSinceEpoch:))
        summary.orderLines = try await one("SELECT count(*) FROM order_lines", on: connection, logger: logger) {
            try $0.decode(Int.self)
        }
        (summary.oneTimeBuyers, summary.repeatBuyers) = try await one(
            """
            SELECT count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n > 1)
            FROM (SELECT count(*) AS n FROM orders WHERE status = 'completed' GROUP BY customer_id) AS buyers
            """, on: connection, logger: logger
        ) { try $0.decode((Int, Int).self) }
        for (type, count) in try await connection.all(
            "SELECT type, count(*) FROM events GROUP BY type", logger: logger, { try $0.decode((String, Int).self) })
        {
            summary.eventsByType[type] = count
        }
        for (channel, count) in try await connection.all(
            """
            SELECT channel, count(*) FROM consents c
            WHERE status = 'granted'
              AND at = (SELECT max(at) FROM consents l WHERE l.customer_id = c.customer_id AND l.channel = c.channel)
            GROUP BY channel
            """, logger: logger, { try $0.decode((String, Int).self) })
        {
            if let channel = ContactChannel(rawValue: channel) { summary.grantedByChannel[channel] = count }
        }
        return summary
    }

    /// The row of an aggregate query without GROUP BY, which always answers exactly one.
    private static func one<Value>(
        _ query: PostgresQuery, on connection: PostgresConnection, logger: Logger, _ transform: (PostgresRow) throws -> Value
    ) async throws -> Value {
        try await connection.all(query, logger: logger, transform)[0]
    }
}
