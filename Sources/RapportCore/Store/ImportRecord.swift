/// How many records one import inserted, updated, left unchanged and rejected.
public struct ImportCounts: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, rejected: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
    }

    /// Records read, whatever became of them.
    public var total: Int { inserted + updated + unchanged + rejected }

    public mutating func count(_ outcome: UpsertOutcome) {
        switch outcome {
        case .inserted: inserted += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// The journal line of one import, written in the import's own transaction.
public struct ImportRecord: Sendable, Hashable {
    public var kind: String
    public var file: String
    public var bytes: Int64
    public var startedAt: Instant
    public var finishedAt: Instant
    public var counts: ImportCounts

    public init(kind: String, file: String, bytes: Int64, startedAt: Instant, finishedAt: Instant, counts: ImportCounts) {
        self.kind = kind
        self.file = file
        self.bytes = bytes
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.counts = counts
    }
}
