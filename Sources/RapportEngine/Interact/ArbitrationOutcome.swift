/// Why a candidate contact was not kept by the arbitration: the rule that stopped it.
public enum ArbitrationRule: Sendable, Hashable, CustomStringConvertible {
    /// Rolling cap number `index` of the problem (the policy's caps, in order).
    case cap(Int)
    case minimumGap
    case uniqueness
    /// The channel's capacity on that day is used by contacts worth more.
    case capacity
    /// The programme's budget is spent on contacts worth more.
    case budget
    /// Expected value at most its cost: sending it loses money.
    case notWorthItsCost

    public var description: String {
        switch self {
        case .cap(let index): "cap \(index + 1)"
        case .minimumGap: "minimum gap"
        case .uniqueness: "uniqueness"
        case .capacity: "channel capacity"
        case .budget: "budget"
        case .notWorthItsCost: "not worth its cost"
        }
    }

    /// A small code for arrays of decisions: 0 is "kept".
    var code: UInt8 {
        switch self {
        case .notWorthItsCost: 1
        case .uniqueness: 2
        case .minimumGap: 3
        case .capacity: 4
        case .budget: 5
        case .cap(let index): UInt8(10 + index)
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: return nil
        case 1: self = .notWorthItsCost
        case 2: self = .uniqueness
        case 3: self = .minimumGap
        case 4: self = .capacity
        case 5: self = .budget
        default: self = .cap(Int(code) - 10)
        }
    }
}

/// What an arbitration decided: for every candidate of the problem, kept or the rule that
/// stopped it; and the value of the plan.
public struct ArbitrationOutcome: Sendable {
    /// Per candidate: 0 when kept, otherwise the code of its ``ArbitrationRule``.
    let codes: [UInt8]
    /// The sum of the net values of the kept contacts.
    public let objective: Double
    /// Passes over every customer made to price the shared resources.
    public let pricingPasses: Int
    /// The price per contact of each capacity and per unit of money of each budget, at the end.
    public let capacityPrices: [Double]
    public let budgetPrices: [Double]

    public var candidateCount: Int { codes.count }

    public func isKept(_ candidate: Int) -> Bool { codes[candidate] == 0 }

    /// Why candidate `candidate` was not kept; nil when it was.
    public func rule(of candidate: Int) -> ArbitrationRule? { ArbitrationRule(code: codes[candidate]) }

    public var keptCount: Int { codes.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
}
