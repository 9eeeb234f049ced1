import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: CustomerDirectory {
    /// The search compares as SQLite's `LIKE` does: a prefix, the case of ASCII letters ignored
    /// (and of those only, so that both stores list the same people).
    public func listCustomers(_ query: CustomerListQuery) throws -> CustomerPage {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func parameter(_ value: some PostgresDynamicTypeEncodable) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        if let after = query.afterID {
            conditions.append("c.id > \(parameter(after))")
        }
        if let kind = query.kind {
            conditions.append("c.kind = \(parameter(kind.rawValue))")
        }
        if let country = query.country {
            conditions.append("c.country = \(parameter(country.value))")
        }
        if let segment = query.segmentID {
            conditions.append(
                "EXISTS (SELECT 1 FROM segment_members m WHERE m.customer_id = c.id AND m.segment_id = \(parameter(segment)))")
        }
        if let search = query.search?.trimmingSpaces, !search.isEmpty {
            let exact = parameter(search)
            let lowercased = parameter(search.lowercased())
            let prefix = parameter(Self.likePrefix(Self.asciiLowercased(search)))
            let startsWith = ["c.first_name", "c.last_name", "c.city", "c.postcode"].map { column in
                "\(Self.asciiLowercased(sql: column)) LIKE \(prefix) ESCAPE '\\'"
            }
            conditions.append(
                "(c.external_id = \(exact) OR c.id IN (SELECT customer_id FROM identities WHERE value = \(exact) OR value = \(lowercased))"
                    + " OR " + startsWith.joined(separator: " OR ") + ")")
        }
        let limit = max(1, query.limit)
        let sql = "SELECT \(PostgresCustomer360Reader.customerColumns) FROM customers c"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY c.id LIMIT \(limit + 1)"
        let entries = try rows(PostgresQuery(unsafeSQL: sql, binds: bindings)) { row in
            let (id, customer, updatedAt) = try PostgresCustomer360Reader.customer(from: row)
            return CustomerListEntry(id: id, customer: customer, updatedAt: updatedAt)
        }
        let page = Array(entries.prefix(limit))
        return CustomerPage(entries: page, nextAfterID: entries.count > limit ? page.last?.id : nil)
    }

    /// `text%` for LIKE, with LIKE's own characters escaped.
    private static func likePrefix(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "%"
    }

    /// `text` with A to Z lowercased and every other character kept, as SQLite's `LIKE` folds case.
    private static func asciiLowercased(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
        }
        return String(scalars)
    }

    /// The SQL of `column` with A to Z lowercased: `lower` would fold other letters too, as the
    /// database's locale says.
    private static func asciiLowercased(sql column: String) -> String {
        "translate(\(column), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
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
