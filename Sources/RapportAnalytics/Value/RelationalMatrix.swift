import RapportCore

/// What to do with the customers of one relational-matrix cell.
public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Spend the largest budgets: low value today, high potential (new customers who will grow).
    case invest
    /// Grow the relationship: cross-sell and up-sell where potential exceeds current value.
    case develop
    /// Keep what is there: loyalty and service for customers whose value matches their potential.
    case maintain
    /// Serve at lower cost: high current value, little left to come.
    case rationalise
    /// Stop spending: low value and low potential.
    case reduce
}

/// The relational matrix (seed 000): current value tier × potential tier, each cell with the
/// strategy its customers get. Configurable; the default follows the seed: invest in low value
/// with high potential, rationalise high value with low potential, reduce low potential.
///
/// | value \ potential | low | medium | high |
/// | --- | --- | --- | --- |
/// | high | rationalise | maintain | maintain |
/// | medium | reduce | maintain | develop |
/// | low | reduce | develop | invest |
public struct RelationalMatrix: Sendable, Hashable, Codable {
    /// `strategies[value tier][potential tier]`, tiers indexed low, medium, high.
    public var strategies: [[Strategy]]

    public init(strategies: [[Strategy]]) throws(AnalysisConfigurationError) {
        guard strategies.count == 3, strategies.allSatisfy({ $0.count == 3 }) else {
            throw AnalysisConfigurationError(
                setting: "relationalMatrix", value: "\(strategies.count) rows",
                reason: "write 3 rows (value low, medium, high) of 3 strategies (potential low, medium, high)")
        }
        self.strategies = strategies
    }

    public static let standard = RelationalMatrix(uncheckedStrategies: [
        [.reduce, .develop, .invest],
        [.reduce, .maintain, .develop],
        [.rationalise, .maintain, .maintain],
    ])

    init(uncheckedStrategies: [[Strategy]]) {
        self.strategies = uncheckedStrategies
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(strategies: container.decode([[Strategy]].self, forKey: .strategies))
    }

    public func strategy(value: Tier, potential: Tier) -> Strategy {
        strategies[value.rawValue][potential.rawValue]
    }
}

/// One cell of the matrix as measured: how many customers, their current value and potential.
public struct RelationalMatrixCell: Sendable, Hashable, Codable {
    public var value: Tier
    public var potential: Tier
    public var strategy: Strategy
    public var customers: Int
    /// Sum of the customers' current value (revenue or margin of the RFM period).
    public var currentValue: Double
    /// Sum of the customers' potential (CLV over the horizon).
    public var potentialValue: Double
}
