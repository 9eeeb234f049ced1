import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: CustomerDirectory {
    public func listCustomers(_ query: CustomerListQuery) throws -> CustomerPage {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let after = query.afterID {
            conditions.append("c.id > ?")
            arguments += [after]
        }
        if let kind = query.kind {
            conditions.append("c.kind = ?")
            arguments += [kind.rawValue]
        }
        if let country = query.country {
            conditions.append("c.country = ?")
            arguments += [country.value]
        }
        if let segment = query.segmentID {
            conditions.append("EXISTS (SELECT 1 FROM segment_members m WHERE m.customer_id = c.id AND m.segment_id = ?)")
            arguments += [segment]
        }
        if let search = query.search?.trimmingSpaces, !search.isEmpty {
            let prefix = Self.likePrefix(search)
            conditions.append(
                """
                (c.external_id = ? OR c.id IN (SELECT customer_id FROM identities WHERE value = ? OR value = ?)
                 OR c.first_name LIKE ? ESCAPE '\\' OR c.last_name LIKE ? ESCAPE '\\'
                 OR c.city LIKE ? ESCAPE '\\' OR c.postcode LIKE ? ESCAPE '\\')
                """)
            arguments += [search, search, search.lowercased(), prefix, prefix, prefix, prefix]
        }
        let limit = max(1, query.limit)
        let sql = "SELECT c.* FROM customers c"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY c.id LIMIT \(limit + 1)"
        let rows = try pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
        let entries = rows.prefix(limit).map { row in
            CustomerListEntry(
                id: row["id"], customer: Customer360Reader.customer(from: row),
                updatedAt: Instant(secondsSinceEpoch: row["updated_at"]))
        }
        return CustomerPage(entries: Array(entries), nextAfterID: rows.count > limit ? entries.last?.id : nil)
    }

    /// `text%` for LIKE, with LIKE's own characters escaped.
    static func likePrefix(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "%"
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
