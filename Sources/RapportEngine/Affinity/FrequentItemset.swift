/// A set of items bought together in at least the minimum share of baskets.
public struct FrequentItemset: Sendable, Hashable {
    /// Item codes, ascending.
    public var items: [Int32]
    /// Baskets holding every item.
    public var count: Int

    public init(items: [Int32], count: Int) {
        self.items = items
        self.count = count
    }

    /// The share of `total` baskets that hold the set.
    public func support(of total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }
}
