public import RapportCore
public import Foundation

/// What the knowledge base holds on one person, and how to take it away: the export a data-access
/// request answers with, and erasure.
public struct PersonalData {
    /// Tables whose rows belong to one customer (`customer_id`), exported whole.
    static let customerTables = [
        "identities", "consents", "contact_restrictions", "orders", "order_lines", "events", "scores", "score_history",
        "segment_members", "contacts", "outbox", "journey_states", "responses", "customer_feedback",
    ].map(StoredTable.named)

    let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    // MARK: Export

    /// Everything held on customer `id` as one JSON object (keys sorted): the profile, every row of
    /// every table that belongs to them (consents with their whole history, orders with their
    /// lines, events with their properties, scores and their history, segment memberships), the
    /// external ids merged into them, their merges, review-queue pairs and the audit log about them.
    /// The export itself is written to the audit log. Nil when there is no such customer.
    public func export(customerID id: Int64, actor: String, at now: Instant) throws -> Data? {
        guard let customer = try editor.rows(of: CustomerColumns.table, matching: [ColumnMatch("id", .integer(id))]).first else {
            return nil
        }
        var document: [String: Any] = [
            "format": "rapport-personal-data/1",
            "exported_at": now.description,
            "customer": Self.object(customer, of: CustomerColumns.table),
        ]
        let byCustomer = [ColumnMatch("customer_id", .integer(id))]
        for table in Self.customerTables {
            document[table.name] = try editor.rows(of: table, matching: byCustomer).map { Self.object($0, of: table) }
        }
        let aliases = StoredTable.named("customer_aliases")
        document["merged_external_ids"] = try editor.rows(of: aliases, matching: byCustomer).map { Self.object($0, of: aliases) }
        let merges = try Merges(editor).history(customerID: id)
        document["merges"] = merges.map { merge -> [String: Any] in
            var object: [String: Any] = [
                "id": merge.id, "survivor_id": merge.survivorID, "absorbed_id": merge.absorbedID, "rule": merge.rule,
                "at": merge.at.description,
            ]
            if let undone = merge.undoneAt { object["undone_at"] = undone.description }
            return object
        }
        let candidates = StoredTable.named("duplicate_candidates")
        document["duplicate_candidates"] = try (editor.rows(of: candidates, matching: byCustomer)
            + editor.rows(of: candidates, matching: [ColumnMatch("other_id", .integer(id))])).map { Self.object($0, of: candidates) }
        var audit = AuditTrail(editor)
        try audit.append(action: "export", subject: AuditEntry.customer(id), actor: actor, at: now)
        document["audit_log"] = try audit.entries(about: AuditEntry.customer(id)).map { entry -> [String: Any] in
            [
                "at": entry.at.description, "actor": entry.actor, "action": entry.action,
                "details": Self.json(entry.details) ?? entry.details,
            ]
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// A row as a JSON object by column name; times (`*_at` integers) as ISO 8601, JSON columns parsed.
    static func object(_ row: [StoredValue], of table: StoredTable) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in zip(table.columns, row) {
            switch value {
            case .null: object[column.name] = NSNull()
            case .integer(let integer) where column.name.hasSuffix("_at") || column.name == "at":
                object[column.name] = Instant(secondsSinceEpoch: integer).description
            case .integer(let integer): object[column.name] = integer
            case .real(let real): object[column.name] = real
            case .text(let text) where column.kind == .json: object[column.name] = json(text) ?? text
            case .text(let text): object[column.name] = text
            case .blob(let bytes): object[column.name] = bytes.map(Int.init)
            }
        }
        return object
    }

    static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}
