public import RapportCore

/// Sets and lifts do-not-contact through a ``RecordEditor``, with a line of the audit log.
public struct ContactRestrictions {
    static let table = StoredTable.named("contact_restrictions")
    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    /// The restriction on customer `id`, if any.
    public func restriction(of id: Int64) throws -> ContactRestriction? {
        try editor.rows(of: Self.table, matching: [ColumnMatch("customer_id", .integer(id))]).first
            .flatMap { $0[1].textValue }.flatMap(ContactRestriction.init(rawValue:))
    }

    /// Marks customer `id` do-not-contact (`on`) or lifts the mark. An erased customer stays
    /// erased. Returns whether anything changed.
    @discardableResult
    public func setDoNotContact(_ on: Bool, customerID id: Int64, source: String?, actor: String, at now: Instant) throws -> Bool {
        guard try editor.rows(of: CustomerColumns.table, matching: [ColumnMatch("id", .integer(id))]).first != nil else {
            throw ErasureError.noSuchCustomer(id)
        }
        let current = try restriction(of: id)
        if current == .erased || (current == .doNotContact) == on { return false }
        let key = [ColumnMatch("customer_id", .integer(id))]
        if on {
            try editor.insert(
                [.integer(id), .text(ContactRestriction.doNotContact.rawValue), source.map(StoredValue.text) ?? .null, .integer(now.secondsSinceEpoch)],
                into: Self.table, ignoringConflicts: false)
        } else {
            try editor.delete(from: Self.table, matching: key)
        }
        var audit = AuditTrail(editor)
        try audit.append(
            action: on ? "do_not_contact" : "do_not_contact_lifted", subject: AuditEntry.customer(id), actor: actor, at: now)
        return true
    }
}
