/// A value of a stored row, as both stores hold it.
public enum StoredValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One column of a stored table and what its values are.
public struct StoredColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// 64-bit integers.
        case integer
        /// Doubles.
        case real
        case text
        /// A JSON object, kept as text on both stores.
        case json
        /// 0 or 1 (`boolean` on PostgreSQL).
        case boolean
        case blob
    }

    public let name: String
    public let kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// A table of the knowledge base as both stores define it: the same name and columns, read in the
/// order of `key`.
public struct StoredTable: Sendable, Hashable {
    public let name: String
    public let columns: [StoredColumn]
    /// The columns that order the rows (the primary key).
    public let key: [String]
    /// The store numbers new rows itself (an identity column on PostgreSQL): after rows are copied
    /// in with their ids, its counter must move past them.
    public let numbersItsRows: Bool

    public init(_ name: String, key: [String], numbersItsRows: Bool = false, _ columns: [StoredColumn]) {
        self.name = name
        self.key = key
        self.numbersItsRows = numbersItsRows
        self.columns = columns
    }

    public var columnNames: [String] { columns.map(\.name) }
}

/// Copies whole tables in and out of a store, as stored: what `rapport migrate-store` uses.
public protocol TableTransfer: Sendable {
    /// Every row of `table`, values in the order of its columns, rows in the order of its key.
    func readRows(of table: StoredTable, _ body: ([StoredValue]) throws -> Void) throws

    /// Writes the rows that `produce` hands to its argument into the empty tables `tables`, all in
    /// one transaction, then moves every id counter past the ids written. `produce` is called
    /// once per table, in the order given.
    func load(
        _ tables: [StoredTable], from produce: (StoredTable, _ write: ([StoredValue]) throws -> Void) throws -> Void
    ) throws

    /// How many rows `table` has.
    func rowCount(of table: StoredTable) throws -> Int64
}

extension StoredTable {
    /// Every table of the knowledge base that a copy must carry, in an order that puts each table
    /// after those its rows refer to.
    public static let knowledgeBase: [StoredTable] = [
        StoredTable(
            "customers", key: ["id"],
            [
                .init("id", .integer), .init("external_id", .text), .init("kind", .text), .init("first_name", .text),
                .init("last_name", .text), .init("email", .text), .init("phone", .text), .init("birth_date", .text),
                .init("gender", .text), .init("postcode", .text), .init("city", .text), .init("country", .text),
                .init("timezone", .text), .init("preferred_channel", .text), .init("created_at", .integer),
                .init("updated_at", .integer), .init("attributes", .json), .init("fingerprint", .integer),
            ]),
        StoredTable(
            "identities", key: ["customer_id", "kind", "value"],
            [.init("customer_id", .integer), .init("kind", .text), .init("value", .text), .init("created_at", .integer)]),
        StoredTable(
            "merges", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("survivor_id", .integer), .init("absorbed_id", .integer), .init("rule", .text),
                .init("at", .integer), .init("undone_at", .integer), .init("snapshot", .json),
            ]),
        StoredTable(
            "customer_aliases", key: ["external_id"],
            [
                .init("external_id", .text), .init("customer_id", .integer), .init("fingerprint", .integer),
                .init("merge_id", .integer),
            ]),
        StoredTable(
            "duplicate_candidates", key: ["customer_id", "other_id"],
            [
                .init("customer_id", .integer), .init("other_id", .integer), .init("score", .real), .init("evidence", .json),
                .init("status", .text), .init("found_at", .integer), .init("decided_at", .integer), .init("decided_by", .text),
            ]),
        StoredTable(
            "contact_restrictions", key: ["customer_id"],
            [.init("customer_id", .integer), .init("reason", .text), .init("source", .text), .init("at", .integer)]),
        StoredTable(
            "consents", key: ["customer_id", "channel", "at"],
            [
                .init("customer_id", .integer), .init("channel", .text), .init("at", .integer), .init("status", .text),
                .init("source", .text), .init("recorded_at", .integer),
            ]),
        StoredTable(
            "products", key: ["id"],
            [
                .init("id", .integer), .init("sku", .text), .init("name", .text), .init("category", .text),
                .init("price", .real), .init("unit_cost", .real), .init("created_at", .integer), .init("updated_at", .integer),
                .init("fingerprint", .integer),
            ]),
        StoredTable(
            "orders", key: ["customer_id", "id"],
            [
                .init("customer_id", .integer), .init("id", .integer), .init("external_id", .text), .init("placed_at", .integer),
                .init("channel", .text), .init("store", .text), .init("status", .text), .init("total", .real),
                .init("margin", .real), .init("items", .integer), .init("currency", .text), .init("fingerprint", .integer),
            ]),
        StoredTable(
            "order_lines", key: ["customer_id", "order_id", "line_no"],
            [
                .init("customer_id", .integer), .init("order_id", .integer), .init("line_no", .integer),
                .init("product_id", .integer), .init("quantity", .integer), .init("amount", .real),
            ]),
        StoredTable(
            "events", key: ["customer_id", "id"],
            [
                .init("customer_id", .integer), .init("id", .integer), .init("external_id", .text), .init("type", .text),
                .init("channel", .text), .init("at", .integer), .init("campaign", .text), .init("properties", .json),
                .init("fingerprint", .integer),
            ]),
        StoredTable(
            "scores", key: ["customer_id"],
            [
                .init("customer_id", .integer), .init("computed_at", .integer), .init("recency", .integer),
                .init("frequency", .integer), .init("monetary", .real), .init("r_score", .integer), .init("f_score", .integer),
                .init("m_score", .integer), .init("rfm_segment", .text), .init("p_alive", .real),
                .init("expected_purchases", .real), .init("expected_spend", .real), .init("clv", .real),
                .init("value_tier", .text), .init("potential_tier", .text), .init("lifecycle_stage", .text),
                .init("tactical_target", .text), .init("cluster", .integer), .init("engagement", .real),
                .init("data_quality", .real), .init("strategy", .text), .init("tactical_targets", .text),
            ]),
        StoredTable(
            "score_history", key: ["customer_id", "computed_at"],
            [
                .init("customer_id", .integer), .init("computed_at", .integer), .init("rfm_segment", .text),
                .init("p_alive", .real), .init("clv", .real), .init("value_tier", .text), .init("potential_tier", .text),
                .init("lifecycle_stage", .text), .init("tactical_target", .text), .init("strategy", .text),
            ]),
        StoredTable(
            "imports", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("kind", .text), .init("file", .text), .init("bytes", .integer),
                .init("started_at", .integer), .init("finished_at", .integer), .init("inserted", .integer),
                .init("updated", .integer), .init("unchanged", .integer), .init("rejected", .integer),
            ]),
        StoredTable(
            "analyses", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("computed_at", .integer), .init("as_of", .text), .init("customers", .integer),
                .init("report", .json),
            ]),
        StoredTable(
            "segments", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("name", .text), .init("kind", .text), .init("definition", .text),
                .init("description", .text), .init("every_minutes", .integer), .init("created_at", .integer),
                .init("updated_at", .integer), .init("evaluated_at", .integer), .init("size", .integer),
            ]),
        StoredTable(
            "segment_members", key: ["customer_id", "segment_id"],
            [.init("customer_id", .integer), .init("segment_id", .integer)]),
        StoredTable(
            "segment_snapshots", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("segment_id", .integer), .init("at", .integer), .init("size", .integer),
                .init("entries", .integer), .init("exits", .integer),
            ]),
        StoredTable(
            "programmes", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("name", .text), .init("definition", .json), .init("created_at", .integer),
                .init("updated_at", .integer),
            ]),
        StoredTable(
            "campaigns", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("name", .text), .init("programme_id", .integer), .init("status", .text),
                .init("definition", .json), .init("created_at", .integer), .init("updated_at", .integer),
            ]),
        StoredTable(
            "campaign_waves", key: ["campaign_id", "wave"],
            [
                .init("campaign_id", .integer), .init("wave", .integer), .init("due_at", .integer),
                .init("decided_at", .integer), .init("targeted", .integer), .init("kept", .integer), .init("spent", .real),
            ]),
        StoredTable(
            "contacts", key: ["customer_id", "id"],
            [
                .init("customer_id", .integer), .init("id", .integer), .init("campaign_id", .integer), .init("wave", .integer),
                .init("channel", .text), .init("message", .text), .init("variant", .text), .init("purpose", .text),
                .init("status", .text), .init("rule", .text), .init("planned_at", .integer), .init("decided_at", .integer),
                .init("sent_at", .integer), .init("cost", .real), .init("expected_value", .real),
                .init("idempotency_key", .text),
            ]),
        StoredTable(
            "responses", key: ["customer_id", "contact_id", "kind", "at"],
            [
                .init("customer_id", .integer), .init("contact_id", .integer), .init("kind", .text), .init("at", .integer),
                .init("campaign_id", .integer), .init("channel", .text), .init("detail", .json),
            ]),
        StoredTable(
            "customer_feedback", key: ["customer_id"],
            [
                .init("customer_id", .integer), .init("engagement", .real), .init("engagement_at", .integer),
                .init("satisfaction", .real), .init("satisfaction_at", .integer),
                .init("fatigue_signals", .integer), .init("last_fatigue_at", .integer), .init("updated_at", .integer),
            ]),
        StoredTable("settings", key: ["key"], [.init("key", .text), .init("value", .json), .init("updated_at", .integer)]),
        StoredTable(
            "journey_states", key: ["customer_id", "campaign_id"],
            [
                .init("customer_id", .integer), .init("campaign_id", .integer), .init("step", .text), .init("since", .integer),
                .init("wake_at", .integer), .init("status", .text), .init("entered_at", .integer),
            ]),
        StoredTable(
            "outbox", key: ["customer_id", "contact_id"],
            [
                .init("customer_id", .integer), .init("contact_id", .integer), .init("channel", .text), .init("lane", .text),
                .init("recipient", .text), .init("payload", .json), .init("idempotency_key", .text), .init("state", .text),
                .init("attempts", .integer), .init("next_attempt_at", .integer), .init("last_error", .text),
                .init("sent_at", .integer),
            ]),
        StoredTable(
            "users", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("email", .text), .init("name", .text), .init("role", .text),
                .init("password_hash", .text), .init("created_at", .integer), .init("disabled", .boolean),
            ]),
        StoredTable(
            "api_tokens", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("user_id", .integer), .init("token_hash", .text), .init("label", .text),
                .init("created_at", .integer), .init("expires_at", .integer), .init("revoked_at", .integer),
                .init("prefix", .text), .init("last_used_at", .integer),
            ]),
        StoredTable(
            "sessions", key: ["key"], [.init("key", .text), .init("value", .blob), .init("expires_at", .integer)]),
        StoredTable(
            "audit_log", key: ["id"], numbersItsRows: true,
            [
                .init("id", .integer), .init("at", .integer), .init("actor", .text), .init("action", .text),
                .init("subject", .text), .init("details", .json),
            ]),
    ]
}

extension StoredTable {
    /// The table of the knowledge base named `name`. Traps on a name that is not one: callers
    /// name tables in code, never from input.
    public static func named(_ name: String) -> StoredTable {
        guard let table = knowledgeBase.first(where: { $0.name == name }) else {
            preconditionFailure("no stored table \(name)")
        }
        return table
    }

    /// The position of `column` among the columns. Traps on a column the table lacks.
    public func index(of column: String) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == column }) else {
            preconditionFailure("\(name) has no column \(column)")
        }
        return index
    }
}

extension StoredValue {
    /// The text of a `.text` value; nil for any other.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The integer of an `.integer` value; nil for any other.
    public var integerValue: Int64? {
        if case .integer(let integer) = self { return integer }
        return nil
    }

    /// A `.real` or `.integer` value as a double (a JSON number without a fraction reads back as
    /// an integer); nil for any other.
    public var numberValue: Double? {
        switch self {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }
}
