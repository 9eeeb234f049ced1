import RapportCore
import RapportIngest

/// One import as the API shows it: the journal line, and for a fresh upload what it did.
struct ImportBody: Codable, Sendable {
    var id: Int64?
    var kind: String
    var file: String
    var bytes: Int64
    var startedAt: String
    var finishedAt: String
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var rejected: Int
    /// Where to download the rejects (`line,field,value,reason,row`), when there are some.
    var rejectsURL: String?
    var createdCustomers: Int?
    var promotedProspects: Int?
    var seconds: Double?

    init(_ entry: ImportJournalEntry, hasRejects: Bool) {
        let record = entry.record
        id = entry.id
        kind = record.kind
        file = record.file.split(separator: "/").last.map(String.init) ?? record.file
        bytes = record.bytes
        startedAt = record.startedAt.description
        finishedAt = record.finishedAt.description
        inserted = record.counts.inserted
        updated = record.counts.updated
        unchanged = record.counts.unchanged
        rejected = record.counts.rejected
        rejectsURL = hasRejects ? "/api/v1/imports/\(entry.id)/rejects" : nil
    }
}

struct ImportListBody: Codable, Sendable {
    var items: [ImportBody]
}
