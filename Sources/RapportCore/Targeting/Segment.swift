/// A saved target: a dynamic segment keeps a definition that is evaluated again on demand or on
/// its schedule; a static list keeps the members it was given.
public struct SegmentRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case dynamic
        case `static`
    }

    public var id: Int64
    /// Unique, chosen by the user: what `in segment "…"` and the command line name.
    public var name: String
    public var kind: Kind
    /// The definition in the segment language (dynamic segments; for a list saved from a segment,
    /// the definition it was saved from, for the record).
    public var definition: String?
    public var description: String?
    /// Minutes between scheduled evaluations of a dynamic segment; nil when only on demand.
    public var everyMinutes: Int?
    public var createdAt: Instant
    public var updatedAt: Instant
    /// The last evaluation (or, for a static list, the last change of its members).
    public var evaluatedAt: Instant?
    /// Members after that evaluation.
    public var size: Int

    public init(
        id: Int64 = 0, name: String, kind: Kind, definition: String? = nil, description: String? = nil,
        everyMinutes: Int? = nil, createdAt: Instant, updatedAt: Instant, evaluatedAt: Instant? = nil, size: Int = 0
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.definition = definition
        self.description = description
        self.everyMinutes = everyMinutes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.evaluatedAt = evaluatedAt
        self.size = size
    }

    /// True when the segment is dynamic, has a schedule, and its last evaluation is older than it.
    public func isDue(at now: Instant) -> Bool {
        guard kind == .dynamic, let everyMinutes else { return false }
        guard let evaluatedAt else { return true }
        return now.secondsSinceEpoch - evaluatedAt.secondsSinceEpoch >= Int64(everyMinutes) * 60
    }
}

/// One evaluation of a segment: how many were in, and how many came and went since the previous.
public struct SegmentSnapshot: Sendable, Hashable {
    public var segmentID: Int64
    public var at: Instant
    public var size: Int
    /// Members that were not in the previous snapshot (every member at the first).
    public var entries: Int
    /// Members of the previous snapshot that are no longer in.
    public var exits: Int

    public init(segmentID: Int64, at: Instant, size: Int, entries: Int, exits: Int) {
        self.segmentID = segmentID
        self.at = at
        self.size = size
        self.entries = entries
        self.exits = exits
    }

    /// Entries and exits over the previous size: 0 when nothing moved, 1 when as many moved as there
    /// were members. Nil at the first snapshot or after an empty one.
    public var churn: Double? {
        let previous = size - entries + exits
        guard previous > 0 else { return nil }
        return Double(entries + exits) / Double(previous)
    }
}

/// The contact details of one customer, for exports to call centres and direct mail.
public struct ContactRow: Sendable, Hashable {
    public var id: Int64
    public var externalID: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var postcode: String?
    public var city: String?
    public var country: String?

    public init(
        id: Int64, externalID: String, firstName: String? = nil, lastName: String? = nil, email: String? = nil,
        phone: String? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil
    ) {
        self.id = id
        self.externalID = externalID
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.postcode = postcode
        self.city = city
        self.country = country
    }
}

/// Why a segment could not be saved or found.
public enum SegmentStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicateName(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .duplicateName(let name):
            "a segment named \"\(name)\" already exists; choose another name or delete it first"
        case .notFound(let name):
            "no segment named \"\(name)\"; `rapport segment list` shows the saved ones"
        }
    }
}

/// Where segments, their members and their snapshots are kept.
public protocol SegmentStore: Sendable {
    /// Saves a new segment with no members; throws `duplicateName` when the name is taken.
    func createSegment(_ segment: SegmentRecord) throws -> SegmentRecord
    /// Replaces a segment's definition, description and schedule.
    func updateSegment(_ segment: SegmentRecord) throws
    /// Deletes a segment with its members and snapshots; throws `notFound`.
    func deleteSegment(named name: String) throws
    func segment(named name: String) throws -> SegmentRecord?
    /// Every segment, by name.
    func segments() throws -> [SegmentRecord]
    /// The members' customer ids, ascending.
    func members(ofSegment id: Int64) throws -> [Int64]
    /// The saved segments a customer is in as of their last evaluation, by name.
    func segments(ofCustomer customerID: Int64) throws -> [SegmentRecord]
    /// Replaces the members with `members` (ascending, distinct), records the snapshot (entries and
    /// exits against the previous members) and the evaluation time; all or nothing.
    @discardableResult
    func saveEvaluation(ofSegment id: Int64, members: [Int64], at: Instant) throws -> SegmentSnapshot
    /// The snapshots of a segment, newest first.
    func snapshots(ofSegment id: Int64, limit: Int) throws -> [SegmentSnapshot]
    /// The ids of the customers with these external ids, and the external ids that match no one.
    func customerIDs(externalIDs: [String]) throws -> (found: [Int64], unknown: [String])
    /// Contact details of these customers, in the order of `ids`.
    func contactRows(ids: [Int64]) throws -> [ContactRow]
}
