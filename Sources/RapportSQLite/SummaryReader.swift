import GRDB
import RapportCore

/// Computes the numbers of ``KnowledgeBaseSummary`` with one aggregate query per table.
struct SummaryReader {
    let db: Database

    func read() throws -> KnowledgeBaseSummary {
        var summary = KnowledgeBaseSummary()
        for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM customers GROUP BY kind") {
            if let kind = CustomerKind(rawValue: row["kind"]) { summary.customersByKind[kind] = row["n"] }
        }
        let contact = try Row.fetchOne(db, sql: "SELECT count(email) AS e, count(phone) AS p FROM customers")!
        summary.withEmail = contact["e"]
        summary.withPhone = contact["p"]
        summary.sharedContactDetails =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM customers c WHERE
                      (c.email IS NOT NULL AND EXISTS (SELECT 1 FROM customers o WHERE o.email = c.email AND o.id <> c.id))
                      OR (c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM customers o WHERE o.phone = c.phone AND o.id <> c.id))
                    """) ?? 0
        let products = try Row.fetchOne(db, sql: "SELECT count(*) AS n, count(DISTINCT category) AS c FROM products")!
        summary.products = products["n"]
        summary.categories = products["c"]
        let orders = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) AS n, coalesce(sum(total), 0) AS revenue, coalesce(sum(margin), 0) AS margin,
                       min(placed_at) AS first, max(placed_at) AS last
                FROM orders WHERE status = 'completed'
                """)!
        summary.orders = try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") ?? 0
        summary.revenue = orders["revenue"]
        summary.margin = orders["margin"]
        summary.firstOrder = (orders["first"] as Int64?).map(Instant.init(secondsSinceEpoch:))
        summary.lastOrder = (orders["last"] as Int64?).map(Instant.init(secondsSinceEpoch:))
        summary.orderLines = try Int.fetchOne(db, sql: "SELECT count(*) FROM order_lines") ?? 0
        let buyers = try Row.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(n = 1), 0) AS one, coalesce(sum(n > 1), 0) AS repeat
                FROM (SELECT count(*) AS n FROM orders WHERE status = 'completed' GROUP BY customer_id)
                """)!
        summary.oneTimeBuyers = buyers["one"]
        summary.repeatBuyers = buyers["repeat"]
        for row in try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM events GROUP BY type") {
            summary.eventsByType[row["type"]] = row["n"]
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT channel, count(*) AS n FROM consents c
                WHERE status = 'granted'
                  AND at = (SELECT max(at) FROM consents l WHERE l.customer_id = c.customer_id AND l.channel = c.channel)
                GROUP BY channel
                """)
        {
            if let channel = ContactChannel(rawValue: row["channel"]) { summary.grantedByChannel[channel] = row["n"] }
        }
        return summary
    }
}
