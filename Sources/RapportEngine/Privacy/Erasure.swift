public import RapportCore

/// How a customer is erased.
public enum ErasureMode: String, Sendable, Hashable, CaseIterable {
    /// Personal data removed for good, the rest kept without anything that points at the person:
    /// orders, their lines, events, scores and segment memberships stay under the customer's
    /// internal id, so that revenue, counts and models over the base do not change.
    case anonymise
    /// The customer and every row of theirs deleted: aggregates lose them.
    case delete
}

/// What an erasure removed or rewrote, table by table.
public struct ErasureReport: Sendable, Hashable {
    public var customerID: Int64
    public var mode: ErasureMode
    public var rows: [String: Int]
}

/// Why an erasure was refused.
public enum ErasureError: Error, Hashable, CustomStringConvertible {
    case noSuchCustomer(Int64)
    case alreadyErased(Int64)

    public var description: String {
        switch self {
        case .noSuchCustomer(let id): "there is no customer \(id) (merged into another? `rapport merge --history` says)"
        case .alreadyErased(let id): "customer \(id) was already erased"
        }
    }
}

extension PersonalData {
    /// The external id an anonymised customer keeps: it names nobody.
    public static func erasedExternalID(_ id: Int64) -> String { "erased-\(id)" }

    /// Erases customer `id`, irreversibly, in the editor's transaction:
    /// - the profile's personal fields (names, e-mail, phone, birth date, gender, postcode, city,
    ///   time zone, preferred channel, custom attributes) are cleared and the external id replaced
    ///   (anonymise), or the customer deleted (delete);
    /// - identities, consents, aliases (external ids merged into them) and review-queue pairs are
    ///   deleted; events lose their properties and orders and events their external ids
    ///   (anonymise) or are deleted with everything else (delete);
    /// - the history of the merges they took part in is wiped, so those merges can no longer be
    ///   undone (the history holds the merged records' values);
    /// - an anonymised customer is marked erased in `contact_restrictions`: never contacted again;
    /// - the audit log gets one line, naming the internal id only.
    @discardableResult
    public func erase(customerID id: Int64, mode: ErasureMode, actor: String, at now: Instant) throws -> ErasureReport {
        let byID = [ColumnMatch("id", .integer(id))]
        guard let customer = try editor.rows(of: CustomerColumns.table, matching: byID).first else {
            throw ErasureError.noSuchCustomer(id)
        }
        if customer[CustomerColumns.externalID].textValue == Self.erasedExternalID(id) {
            throw ErasureError.alreadyErased(id)
        }
        var counts: [String: Int] = [:]
        let byCustomer = [ColumnMatch("customer_id", .integer(id))]
        func delete(_ name: String, _ matching: [ColumnMatch]) throws {
            let removed = try editor.delete(from: StoredTable.named(name), matching: matching)
            if removed > 0 { counts[name, default: 0] += removed }
        }
        // The outbox holds addresses and rendered messages: nothing of it may stay, or be sent.
        for name in [
            "identities", "consents", "customer_aliases", "contact_restrictions", "outbox", "journey_states", "customer_feedback",
        ] {
            try delete(name, byCustomer)
        }
        let pairs = try ReviewQueue(editor).removePairs(involving: id)
        if pairs > 0 { counts["duplicate_candidates"] = pairs }
        let merges = StoredTable.named("merges")
        for column in ["survivor_id", "absorbed_id"] {
            let wiped = try editor.update(merges, setting: [ColumnMatch("snapshot", .text("{}"))], matching: [ColumnMatch(column, .integer(id))])
            if wiped > 0 { counts["merges", default: 0] += wiped }
        }

        switch mode {
        case .delete:
            for name in ["order_lines", "orders", "events", "scores", "score_history", "segment_members", "responses", "contacts"] {
                try delete(name, byCustomer)
            }
            try delete("customers", byID)
        case .anonymise:
            // Reactions stay for the campaigns' results; what they say (a comment, a link) goes.
            try editor.update(StoredTable.named("responses"), setting: [ColumnMatch("detail", .null)], matching: byCustomer)
            let personal = [
                "first_name", "last_name", "email", "phone", "birth_date", "gender", "postcode", "city", "timezone",
                "preferred_channel",
            ]
            try editor.update(
                CustomerColumns.table,
                setting: personal.map { ColumnMatch($0, .null) } + [
                    ColumnMatch("external_id", .text(Self.erasedExternalID(id))), ColumnMatch("attributes", .text("{}")),
                    ColumnMatch("fingerprint", .integer(0)), ColumnMatch("updated_at", .integer(now.secondsSinceEpoch)),
                ], matching: byID)
            counts["customers"] = 1
            try anonymiseKeyed("orders", prefix: "erased-order-", byCustomer, counts: &counts)
            try anonymiseKeyed("events", prefix: "erased-event-", byCustomer, counts: &counts)
            try editor.insert(
                [.integer(id), .text("erased"), .text(actor), .integer(now.secondsSinceEpoch)],
                into: StoredTable.named("contact_restrictions"), ignoringConflicts: false)
        }
        var audit = AuditTrail(editor)
        try audit.append(action: "erase", subject: AuditEntry.customer(id), details: ["mode": mode.rawValue], actor: actor, at: now)
        return ErasureReport(customerID: id, mode: mode, rows: counts)
    }

    /// Gives the customer's orders or events external ids that name nobody (and events no
    /// properties), row by row.
    private func anonymiseKeyed(_ name: String, prefix: String, _ byCustomer: [ColumnMatch], counts: inout [String: Int]) throws {
        let table = StoredTable.named(name)
        let idColumn = table.index(of: "id")
        for row in try editor.rows(of: table, matching: byCustomer) {
            var setting = [ColumnMatch("external_id", .text(prefix + String(row[idColumn].integerValue ?? 0)))]
            if name == "events" { setting.append(ColumnMatch("properties", .text("{}"))) }
            try editor.update(table, setting: setting, matching: byCustomer + [ColumnMatch("id", row[idColumn])])
            counts[name, default: 0] += 1
        }
    }
}
