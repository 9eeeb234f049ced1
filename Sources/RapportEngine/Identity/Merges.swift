public import RapportCore
import Foundation

/// Merges customers and undoes merges through a ``RecordEditor``, inside its transaction.
///
/// A merge moves every row of the absorbed customer (identities, consents, contact restrictions,
/// orders and their lines, events, segment memberships) to the survivor, applies
/// ``SurvivorshipRules`` to the survivor's fields, deletes the absorbed customer, keeps their
/// external id as an alias of the survivor (a later import of it changes nothing, its orders go to
/// the survivor), marks the pair merged in the review queue, and writes the merge with a
/// ``MergeSnapshot`` of everything it changed and a line of the audit log. Scores of the absorbed
/// customer are kept in the snapshot only: the next analysis scores the survivor with all orders.
///
/// Undoing a merge puts back the absorbed customer with every row that came from them (rows added
/// to the survivor since stay), restores each survivor field the merge changed and nothing changed
/// since, removes the alias, and marks the pair rejected so that automatic de-duplication does not
/// merge it again.
public struct Merges {
    static let mergesTable = StoredTable.named("merges")
    static let aliasesTable = StoredTable.named("customer_aliases")
    /// The customer's rows that move with them, in this order.
    static let movedTables = [
        "identities", "consents", "contact_restrictions", "orders", "order_lines", "events", "segment_members", "contacts", "outbox", "journey_states",
        "responses",
    ].map(StoredTable.named)
    /// Rows kept in the snapshot and deleted: derived from the rest, recomputed by the next analysis.
    static let droppedTables = ["scores", "score_history", "customer_feedback"].map(StoredTable.named)
    /// Tables whose rows, when missing from the survivor at undo time, are not put back: their ids
    /// are global, and a row that is gone was deleted or moved on purpose.
    static let globallyKeyed: Set<String> = ["orders", "order_lines", "events", "contacts", "outbox", "responses"]

    private let editor: any RecordEditor
    private let survivorship: SurvivorshipRules
    private var audit: AuditTrail
    private var nextMergeID: Int64?

    public init(_ editor: any RecordEditor, survivorship: SurvivorshipRules = SurvivorshipRules()) {
        self.editor = editor
        self.survivorship = survivorship
        audit = AuditTrail(editor)
    }

    private func customerRow(_ id: Int64) throws -> [StoredValue]? {
        try editor.rows(of: CustomerColumns.table, matching: [ColumnMatch("id", .integer(id))]).first
    }

    // MARK: Merge

    /// Merges `request.absorbedID` into `request.survivorID`.
    @discardableResult
    public mutating func merge(_ request: MergeRequest, actor: String, at now: Instant) throws -> MergeRecord {
        let survivorID = request.survivorID
        let absorbedID = request.absorbedID
        guard survivorID != absorbedID else { throw MergeError.sameCustomer(survivorID) }
        guard let survivor = try customerRow(survivorID) else { throw MergeError.noSuchCustomer(survivorID) }
        guard let absorbed = try customerRow(absorbedID) else { throw MergeError.noSuchCustomer(absorbedID) }
        let id = try nextMergeID ?? editor.nextID(of: Self.mergesTable)
        nextMergeID = id + 1

        var absorbedRows: [String: [[CodableStoredValue]]] = ["customers": [CodableStoredValue.row(absorbed)]]
        var shared: [String: [[CodableStoredValue]]] = [:]
        let customerMatch = [ColumnMatch("customer_id", .integer(absorbedID))]
        for table in Self.movedTables {
            let rows = try editor.rows(of: table, matching: customerMatch)
            guard !rows.isEmpty else { continue }
            absorbedRows[table.name] = rows.map(CodableStoredValue.row)
            try editor.delete(from: table, matching: customerMatch)
            let customerColumn = table.index(of: "customer_id")
            for var row in rows {
                let original = row
                row[customerColumn] = .integer(survivorID)
                if try !editor.insert(row, into: table, ignoringConflicts: true) {
                    shared[table.name, default: []].append(CodableStoredValue.row(original))
                }
            }
        }
        for table in Self.droppedTables {
            let rows = try editor.rows(of: table, matching: customerMatch)
            guard !rows.isEmpty else { continue }
            absorbedRows[table.name] = rows.map(CodableStoredValue.row)
            try editor.delete(from: table, matching: customerMatch)
        }

        let merged = survivorship.merged(survivor: survivor, absorbed: absorbed, now: now)
        let changes = zip(CustomerColumns.table.columns, zip(survivor, merged)).filter { $1.0 != $1.1 }
            .map { ColumnMatch($0.name, $1.1) }
        try editor.update(CustomerColumns.table, setting: changes, matching: [ColumnMatch("id", .integer(survivorID))])
        try editor.delete(from: CustomerColumns.table, matching: [ColumnMatch("id", .integer(absorbedID))])

        let repointed = try editor.rows(of: Self.aliasesTable, matching: [ColumnMatch("customer_id", .integer(absorbedID))])
            .compactMap { $0[0].textValue }
        try editor.update(
            Self.aliasesTable, setting: [ColumnMatch("customer_id", .integer(survivorID))],
            matching: [ColumnMatch("customer_id", .integer(absorbedID))])
        if let externalID = absorbed[CustomerColumns.externalID].textValue {
            try editor.insert(
                [.text(externalID), .integer(survivorID), absorbed[CustomerColumns.table.index(of: "fingerprint")], .integer(id)],
                into: Self.aliasesTable, ignoringConflicts: false)
        }
        let queue = ReviewQueue(editor)
        try queue.decide(
            CustomerPair(survivorID, absorbedID), status: "merged", score: request.score, evidence: request.evidence, actor: actor,
            at: now)
        try queue.removePairs(involving: absorbedID)

        let snapshot = MergeSnapshot(
            actor: actor, score: request.score, evidence: request.evidence, survivorBefore: CodableStoredValue.row(survivor),
            survivorAfter: CodableStoredValue.row(merged), absorbed: absorbedRows, shared: shared, repointedAliases: repointed)
        let snapshotJSON = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        try editor.insert(
            [
                .integer(id), .integer(survivorID), .integer(absorbedID), .text(request.rule), .integer(now.secondsSinceEpoch),
                .null, .text(snapshotJSON),
            ], into: Self.mergesTable, ignoringConflicts: false)
        try audit.append(
            action: "merge", subject: AuditEntry.customer(survivorID),
            details: ["merge": String(id), "absorbed": String(absorbedID), "rule": request.rule], actor: actor, at: now)
        return MergeRecord(id: id, survivorID: survivorID, absorbedID: absorbedID, rule: request.rule, at: now, undoneAt: nil)
    }

    // MARK: Unmerge

    /// Undoes merge `id`.
    @discardableResult
    public mutating func unmerge(id: Int64, actor: String, at now: Instant) throws -> MergeRecord {
        guard let row = try editor.rows(of: Self.mergesTable, matching: [ColumnMatch("id", .integer(id))]).first else {
            throw MergeError.noSuchMerge(id)
        }
        var record = Self.record(row)
        if let undone = record.undoneAt { throw MergeError.alreadyUndone(merge: id, at: undone) }
        guard let snapshotText = row[6].textValue, snapshotText != "{}",
            let snapshot = try? JSONDecoder().decode(MergeSnapshot.self, from: Data(snapshotText.utf8)),
            let absorbedCustomer = snapshot.absorbed["customers"]?.first.map(CodableStoredValue.values)
        else { throw MergeError.erased(merge: id) }
        let survivorID = record.survivorID
        let absorbedID = record.absorbedID
        guard let survivorNow = try customerRow(survivorID) else {
            let later = try editor.rows(of: Self.mergesTable, matching: [ColumnMatch("absorbed_id", .integer(survivorID))])
                .map(Self.record).last { $0.undoneAt == nil }
            throw MergeError.survivorGone(merge: id, survivor: survivorID, laterMerge: later?.id)
        }
        if let externalID = absorbedCustomer[CustomerColumns.externalID].textValue,
            let holder = try editor.rows(of: CustomerColumns.table, matching: [ColumnMatch("external_id", .text(externalID))]).first
        {
            throw MergeError.externalIDTaken(merge: id, externalID: externalID, customer: holder[0].integerValue ?? 0)
        }
        try editor.insert(absorbedCustomer, into: CustomerColumns.table, ignoringConflicts: false)

        let survivorMatch = [ColumnMatch("customer_id", .integer(survivorID))]
        for table in Self.movedTables {
            guard let rows = snapshot.absorbed[table.name]?.map(CodableStoredValue.values), !rows.isEmpty else { continue }
            let customerColumn = table.index(of: "customer_id")
            let keyColumns = table.key.filter { $0 != "customer_id" }.map(table.index(of:))
            func key(_ row: [StoredValue]) -> [StoredValue] { keyColumns.map { row[$0] } }
            let sharedKeys = Set((snapshot.shared[table.name] ?? []).map { key(CodableStoredValue.values($0)) })
            var current: [[StoredValue]: [StoredValue]] = [:]
            for row in try editor.rows(of: table, matching: survivorMatch) { current[key(row)] = row }
            for var row in rows {
                let rowKey = key(row)
                if !sharedKeys.contains(rowKey), var moved = current[rowKey] {
                    try editor.delete(
                        from: table,
                        matching: survivorMatch + keyColumns.map { ColumnMatch(table.columns[$0].name, moved[$0]) })
                    moved[customerColumn] = .integer(absorbedID)
                    try editor.insert(moved, into: table, ignoringConflicts: true)
                } else if sharedKeys.contains(rowKey) || !Self.globallyKeyed.contains(table.name) {
                    row[customerColumn] = .integer(absorbedID)
                    try editor.insert(row, into: table, ignoringConflicts: true)
                }
            }
        }
        for table in Self.droppedTables {
            for row in snapshot.absorbed[table.name] ?? [] {
                try editor.insert(CodableStoredValue.values(row), into: table, ignoringConflicts: true)
            }
        }

        let before = CodableStoredValue.values(snapshot.survivorBefore)
        let after = CodableStoredValue.values(snapshot.survivorAfter)
        let untouched: Set<String> = ["id", "external_id", "updated_at", "fingerprint"]
        var restore: [ColumnMatch] = []
        for (index, column) in CustomerColumns.table.columns.enumerated() where !untouched.contains(column.name) {
            if before[index] != after[index] && survivorNow[index] == after[index] {
                restore.append(ColumnMatch(column.name, before[index]))
            }
        }
        if !restore.isEmpty {
            restore.append(ColumnMatch("updated_at", .integer(now.secondsSinceEpoch)))
            try editor.update(CustomerColumns.table, setting: restore, matching: [ColumnMatch("id", .integer(survivorID))])
        }

        if let externalID = absorbedCustomer[CustomerColumns.externalID].textValue {
            try editor.delete(from: Self.aliasesTable, matching: [ColumnMatch("external_id", .text(externalID))])
        }
        for externalID in snapshot.repointedAliases {
            try editor.update(
                Self.aliasesTable, setting: [ColumnMatch("customer_id", .integer(absorbedID))],
                matching: [ColumnMatch("external_id", .text(externalID)), ColumnMatch("customer_id", .integer(survivorID))])
        }
        try ReviewQueue(editor).decide(CustomerPair(survivorID, absorbedID), status: "rejected", actor: actor, at: now)
        try editor.update(
            Self.mergesTable, setting: [ColumnMatch("undone_at", .integer(now.secondsSinceEpoch))],
            matching: [ColumnMatch("id", .integer(id))])
        try audit.append(
            action: "unmerge", subject: AuditEntry.customer(survivorID),
            details: ["merge": String(id), "absorbed": String(absorbedID)], actor: actor, at: now)
        record.undoneAt = now
        return record
    }

    // MARK: History

    /// The merges that involve `customerID` as survivor or absorbed, oldest first; every merge when nil.
    public func history(customerID: Int64? = nil) throws -> [MergeRecord] {
        guard let customerID else { return try editor.rows(of: Self.mergesTable, matching: []).map(Self.record) }
        let rows = try editor.rows(of: Self.mergesTable, matching: [ColumnMatch("survivor_id", .integer(customerID))])
            + editor.rows(of: Self.mergesTable, matching: [ColumnMatch("absorbed_id", .integer(customerID))])
        return rows.map(Self.record).sorted { $0.id < $1.id }
    }

    static func record(_ row: [StoredValue]) -> MergeRecord {
        let undone = row[5] == .null ? nil : Instant(secondsSinceEpoch: row[5].integerValue ?? 0)
        return MergeRecord(
            id: row[0].integerValue ?? 0, survivorID: row[1].integerValue ?? 0,
            absorbedID: row[2].integerValue ?? 0, rule: row[3].textValue ?? "",
            at: Instant(secondsSinceEpoch: row[4].integerValue ?? 0), undoneAt: undone)
    }
}
