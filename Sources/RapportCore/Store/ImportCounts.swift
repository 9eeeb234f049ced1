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

    /// Records read, whatever became of them (orders, not their lines).
    public var total: Int { inserted + updated + unchanged + rejected }

    public mutating func count(_ outcome: UpsertOutcome) {
        switch outcome {
        case .inserted: inserted += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}
