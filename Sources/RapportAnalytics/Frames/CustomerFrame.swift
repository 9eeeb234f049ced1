public import RapportCore

/// The customers of a knowledge base as columns, interned to dense indexes `0..<count` in ascending
/// store-id order, so that every per-customer array of an analysis is indexed the same way.
public struct CustomerFrame: Sendable {
    /// The store id of each dense index, ascending.
    public internal(set) var ids: [Int64] = []
    public internal(set) var kinds: [CustomerKind] = []
    /// Day number (days since 1970-01-01 UTC) on which the customer became known.
    public internal(set) var createdDays: [Int32] = []
    public internal(set) var referred: [Bool] = []
    public internal(set) var reachable: [Bool] = []

    public init() {}

    public var count: Int { ids.count }

    /// The dense index of the customer with store id `id`, or nil.
    public func index(of id: Int64) -> Int? { ids.position(ofAscending: id) }

    mutating func append(_ fact: CustomerFact) {
        ids.append(fact.id)
        kinds.append(fact.kind)
        createdDays.append(Int32(clamping: fact.createdAt.dayNumber))
        referred.append(fact.referred)
        reachable.append(fact.reachable)
    }
}
