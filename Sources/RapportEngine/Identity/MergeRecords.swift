public import RapportCore

/// A merge to make: `absorbedID` into `survivorID`, and why.
public struct MergeRequest: Sendable, Hashable {
    public var survivorID: Int64
    public var absorbedID: Int64
    /// `automatic: email+first_name`, `manual`, `review`.
    public var rule: String
    public var score: Double?
    public var evidence: [MatchEvidence]

    public init(survivorID: Int64, absorbedID: Int64, rule: String, score: Double? = nil, evidence: [MatchEvidence] = []) {
        self.survivorID = survivorID
        self.absorbedID = absorbedID
        self.rule = rule
        self.score = score
        self.evidence = evidence
    }
}

/// A merge of the history.
public struct MergeRecord: Sendable, Hashable {
    public var id: Int64
    public var survivorID: Int64
    public var absorbedID: Int64
    public var rule: String
    public var at: Instant
    public var undoneAt: Instant?

    public init(id: Int64, survivorID: Int64, absorbedID: Int64, rule: String, at: Instant, undoneAt: Instant?) {
        self.id = id
        self.survivorID = survivorID
        self.absorbedID = absorbedID
        self.rule = rule
        self.at = at
        self.undoneAt = undoneAt
    }
}

/// Why a merge or an unmerge was refused.
public enum MergeError: Error, Hashable, CustomStringConvertible {
    case sameCustomer(Int64)
    case noSuchCustomer(Int64)
    case noSuchMerge(Int64)
    case alreadyUndone(merge: Int64, at: Instant)
    case survivorGone(merge: Int64, survivor: Int64, laterMerge: Int64?)
    case externalIDTaken(merge: Int64, externalID: String, customer: Int64)
    case erased(merge: Int64)

    public var description: String {
        switch self {
        case .sameCustomer(let id):
            "customer \(id) cannot be merged into itself; name two different customers"
        case .noSuchCustomer(let id):
            "there is no customer \(id) (it may have been merged into another: see `rapport merge --history`)"
        case .noSuchMerge(let id):
            "there is no merge \(id); `rapport merge --history` lists them"
        case .alreadyUndone(let id, let at):
            "merge \(id) was already undone at \(at)"
        case .survivorGone(let id, let survivor, let later):
            if let later {
                "merge \(id) cannot be undone while customer \(survivor) is itself merged away: undo merge \(later) first"
            } else {
                "merge \(id) cannot be undone: its survivor, customer \(survivor), is no longer in the base (erased?)"
            }
        case .externalIDTaken(let id, let externalID, let customer):
            "merge \(id) cannot be undone: external id \(externalID) now belongs to customer \(customer)"
        case .erased(let id):
            "merge \(id) cannot be undone: a customer of it was erased, and with them the merge's history"
        }
    }
}
