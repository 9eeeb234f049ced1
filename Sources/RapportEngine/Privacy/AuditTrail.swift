public import RapportCore
import Foundation

/// One line of the audit log: who did what to which subject, when.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Instant
    /// The user (their e-mail) or `cli:<login>` for the command-line tool.
    public var actor: String
    /// `read`, `export`, `erase`, `merge`, `unmerge`, `change`, `do_not_contact`…
    public var action: String
    /// `customer:<id>` for a customer.
    public var subject: String
    /// A JSON object of ids and counts, never personal values.
    public var details: String

    public init(id: Int64, at: Instant, actor: String, action: String, subject: String, details: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
    }

    /// The subject naming a customer.
    public static func customer(_ id: Int64) -> String { "customer:\(id)" }
}

/// Writes and reads the audit log (`audit_log`) through a ``RecordEditor``, inside the transaction
/// of the change it records: the change and its line are committed together or not at all.
public struct AuditTrail {
    static let table = StoredTable.named("audit_log")
    private let editor: any RecordEditor
    private var nextID: Int64?

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    /// Appends a line; `details` values must be ids, counts or words, never personal data.
    @discardableResult
    public mutating func append(
        action: String, subject: String, details: [String: String] = [:], actor: String, at: Instant
    ) throws -> AuditEntry {
        let id = try nextID ?? editor.nextID(of: Self.table)
        nextID = id + 1
        let detailsJSON: String
        if let data = try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys]) {
            detailsJSON = String(decoding: data, as: UTF8.self)
        } else {
            detailsJSON = "{}"
        }
        let entry = AuditEntry(id: id, at: at, actor: actor, action: action, subject: subject, details: detailsJSON)
        try editor.insert(
            [.integer(id), .integer(at.secondsSinceEpoch), .text(actor), .text(action), .text(subject), .text(detailsJSON)],
            into: Self.table, ignoringConflicts: false)
        return entry
    }

    /// The lines about `subject`, oldest first.
    public func entries(about subject: String) throws -> [AuditEntry] {
        try editor.rows(of: Self.table, matching: [ColumnMatch("subject", .text(subject))]).map(Self.entry)
    }

    static func entry(_ row: [StoredValue]) -> AuditEntry {
        AuditEntry(
            id: row[0].integerValue ?? 0, at: Instant(secondsSinceEpoch: row[1].integerValue ?? 0), actor: row[2].textValue ?? "",
            action: row[3].textValue ?? "", subject: row[4].textValue ?? "", details: row[5].textValue ?? "")
    }
}
