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
                .integer(candidate.customerID), .integer(candidate.otherID), .real(candidate.score.score), .text(evidence),
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
        let key = [ColumnMatch("customer_id", .integer(pair.first)), ColumnMatch("other_id", .integer(pair.second))]
        let updated = try editor.update(
            Self.table,
            setting: [
                ColumnMatch("status", .text("rejected")), ColumnMatch("decided_at", .integer(now.secondsSinceEpoch)),
                ColumnMatch("decided_by", .text(actor)),
            ], matching: key)
        if updated == 0 {
            try editor.insert(
                [
                    .integer(pair.first), .integer(pair.second), .real(0), .text("[]"), .text("rejected"),
                    .integer(now.secondsSinceEpoch), .integer(now.secondsSinceEpoch), .text(actor),
                ], into: Self.table, ignoringConflicts: false)
        }
        var audit = AuditTrail(editor)
        try audit.append(
            action: "reject_duplicate", subject: AuditEntry.customer(pair.first), details: ["other": String(pair.second)],
            actor: actor, at: now)
    }

    static func item(_ row: [StoredValue]) -> ReviewItem {
        let evidence = SurvivorshipRules.text(row[3]).flatMap { try? JSONDecoder().decode([MatchEvidence].self, from: Data($0.utf8)) }
        var score = 0.0
        if case .real(let value) = row[2] { score = value } else if case .integer(let value) = row[2] { score = Double(value) }
        return ReviewItem(
            pair: CustomerPair(SurvivorshipRules.integer(row[0]), SurvivorshipRules.integer(row[1])), score: score,
            evidence: evidence ?? [], status: SurvivorshipRules.text(row[4]) ?? "",
            foundAt: Instant(secondsSinceEpoch: SurvivorshipRules.integer(row[5])),
            decidedAt: row[6] == .null ? nil : Instant(secondsSinceEpoch: SurvivorshipRules.integer(row[6])),
            decidedBy: SurvivorshipRules.text(row[7]))
    }
}
