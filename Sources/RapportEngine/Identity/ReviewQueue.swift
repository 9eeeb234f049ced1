public import RapportCore
import Foundation

/// A pair of the review queue as stored.
public struct ReviewItem: Sendable, Hashable {
    public var pair: CustomerPair
    public var score: Double
    public var evidence: [MatchEvidence]
    /// `pending`, `merged` or `rejected`.
    public var status: String
    public var foundAt: Instant
    public var decidedAt: Instant?
    public var decidedBy: String?
}

/// The duplicate candidates waiting for a person (`duplicate_candidates`), and the decisions made.
public struct ReviewQueue {
    static let table = StoredTable.named("duplicate_candidates")
    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    /// Replaces the pending pairs with `candidates`, leaving out pairs already decided.
    /// Returns how many are pending now.
    @discardableResult
    public func replacePending(with candidates: [DuplicateCandidate], at now: Instant) throws -> Int {
        try editor.delete(from: Self.table, matching: [ColumnMatch("status", .text("pending"))])
        let encoder = JSONEncoder()
        var pending = 0
        for candidate in candidates {
            let evidence = String(decoding: try encoder.encode(candidate.score.evidence), as: UTF8.self)
            let row: [StoredValue] = [
                .integer(candidate.pair.first), .integer(candidate.pair.second), .real(candidate.score.score), .text(evidence),
                .text("pending"), .integer(now.secondsSinceEpoch), .null, .null,
            ]
            if try editor.insert(row, into: Self.table, ignoringConflicts: true) { pending += 1 }
        }
        return pending
    }

    /// The pairs with `status`, best score first.
    public func items(status: String) throws -> [ReviewItem] {
        try editor.rows(of: Self.table, matching: [ColumnMatch("status", .text(status))]).map(Self.item)
            .sorted { ($0.score, $1.pair.first, $1.pair.second) > ($1.score, $0.pair.first, $0.pair.second) }
    }

    /// Pairs a person said are two people.
    public func rejectedPairs() throws -> Set<CustomerPair> {
        Set(try items(status: "rejected").map(\.pair))
    }

    /// Records that `pair` are two people: never merged automatically again.
    public func reject(_ pair: CustomerPair, actor: String, at now: Instant) throws {
        try decide(pair, status: "rejected", actor: actor, at: now)
        var audit = AuditTrail(editor)
        try audit.append(
            action: "reject_duplicate", subject: AuditEntry.customer(pair.first), details: ["other": String(pair.second)],
            actor: actor, at: now)
    }

    /// Sets the pair's row to `status`, decided now by `actor`, keeping the score, evidence and
    /// finding time it had unless new ones are given; a pair never queued gets a row of its own.
    public func decide(
        _ pair: CustomerPair, status: String, score: Double? = nil, evidence: [MatchEvidence] = [], actor: String, at now: Instant
    ) throws {
        let key = [ColumnMatch("customer_id", .integer(pair.first)), ColumnMatch("other_id", .integer(pair.second))]
        let existing = try editor.rows(of: Self.table, matching: key).first
        try editor.delete(from: Self.table, matching: key)
        let evidenceJSON = evidence.isEmpty
            ? (existing?[3].textValue ?? "[]")
            : String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        try editor.insert(
            [
                .integer(pair.first), .integer(pair.second), score.map(StoredValue.real) ?? existing?[2] ?? .real(0),
                .text(evidenceJSON), .text(status), existing?[5] ?? .integer(now.secondsSinceEpoch),
                .integer(now.secondsSinceEpoch), .text(actor),
            ], into: Self.table, ignoringConflicts: false)
    }

    /// Whether a pair naming customer `id` waits for review.
    public func hasPendingPair(involving id: Int64) throws -> Bool {
        let pending = ColumnMatch("status", .text("pending"))
        return try !editor.rows(of: Self.table, matching: [ColumnMatch("customer_id", .integer(id)), pending]).isEmpty
            || !editor.rows(of: Self.table, matching: [ColumnMatch("other_id", .integer(id)), pending]).isEmpty
    }

    /// Deletes every pair that names customer `id`, whatever its status; returns how many.
    @discardableResult
    public func removePairs(involving id: Int64) throws -> Int {
        try editor.delete(from: Self.table, matching: [ColumnMatch("customer_id", .integer(id))])
            + editor.delete(from: Self.table, matching: [ColumnMatch("other_id", .integer(id))])
    }

    static func item(_ row: [StoredValue]) -> ReviewItem {
        let evidence = row[3].textValue.flatMap { try? JSONDecoder().decode([MatchEvidence].self, from: Data($0.utf8)) }
        return ReviewItem(
            pair: CustomerPair(row[0].integerValue ?? 0, row[1].integerValue ?? 0), score: row[2].numberValue ?? 0,
            evidence: evidence ?? [], status: row[4].textValue ?? "",
            foundAt: Instant(secondsSinceEpoch: row[5].integerValue ?? 0),
            decidedAt: row[6] == .null ? nil : Instant(secondsSinceEpoch: row[6].integerValue ?? 0),
            decidedBy: row[7].textValue)
    }
}
