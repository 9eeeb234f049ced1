import RapportCore

/// A saved segment as the API returns it, with its recent snapshots when asked for one segment.
struct SegmentBody: Codable, Sendable {
    struct Snapshot: Codable, Sendable {
        var at: String
        var size: Int
        var entries: Int
        var exits: Int
        var churn: Double?

        init(_ snapshot: SegmentSnapshot) {
            at = snapshot.at.description
            size = snapshot.size
            entries = snapshot.entries
            exits = snapshot.exits
            churn = snapshot.churn
        }
    }

    var name: String
    var kind: String
    var definition: String?
    var description: String?
    var everyMinutes: Int?
    var size: Int
    var createdAt: String
    var updatedAt: String
    var evaluatedAt: String?
    var snapshots: [Snapshot]?
    /// Remarks on the definition, when it was just created.
    var notes: [String]?

    init(_ record: SegmentRecord, snapshots: [SegmentSnapshot]? = nil, notes: [String]? = nil) {
        name = record.name
        kind = record.kind.rawValue
        definition = record.definition
        description = record.description
        everyMinutes = record.everyMinutes
        size = record.size
        createdAt = record.createdAt.description
        updatedAt = record.updatedAt.description
        evaluatedAt = record.evaluatedAt?.description
        self.snapshots = snapshots?.map(Snapshot.init)
        self.notes = notes
    }
}

/// `POST /api/v1/segments`: a dynamic segment to save.
struct NewSegmentBody: Codable, Sendable {
    var name: String
    /// The segment language, or its JSON form as a string.
    var definition: String
    var description: String?
    var everyMinutes: Int?
}

/// The list of saved segments.
struct SegmentListBody: Codable, Sendable {
    var items: [SegmentBody]
}
