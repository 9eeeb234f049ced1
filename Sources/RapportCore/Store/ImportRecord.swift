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

/// One line of the import journal as stored, with its id.
public struct ImportJournalEntry: Sendable, Hashable {
    public var id: Int64
    public var record: ImportRecord

    public init(id: Int64, record: ImportRecord) {
        self.id = id
        self.record = record
    }
}
