/// Baskets as sets of item codes in compressed-row form: basket `b` holds
/// `items[offsets[b] ..< offsets[b + 1]]`, ascending and distinct. Support is counted over every
/// basket, empty ones included (as mlxtend counts rows).
public struct Baskets: Sendable {
    public private(set) var offsets: [Int] = [0]
    public private(set) var items: [Int32] = []
    /// Item codes are `0 ..< itemCount`.
    public let itemCount: Int

    public init(itemCount: Int) {
        self.itemCount = itemCount
    }

    /// Baskets from lists of item codes (any order, repeats allowed).
    public init(_ baskets: [[Int32]], itemCount: Int) {
        self.init(itemCount: itemCount)
        for basket in baskets { append(basket) }
    }

    public var count: Int { offsets.count - 1 }

    /// Adds one basket; its items are sorted and de-duplicated.
    public mutating func append(_ basket: [Int32]) {
        let sorted = basket.sorted()
        for (index, item) in sorted.enumerated() where index == 0 || sorted[index - 1] != item {
            precondition(item >= 0 && Int(item) < itemCount, "item code \(item) outside 0..<\(itemCount)")
            items.append(item)
        }
        offsets.append(items.count)
    }

    public func basket(_ index: Int) -> ArraySlice<Int32> { items[offsets[index] ..< offsets[index + 1]] }
}

/// Builds baskets from (basket, item) pairs named by strings, in any order: item codes follow the
/// order of first appearance, baskets too.
public struct BasketBuilder: Sendable {
    private var itemCodes: [String: Int32] = [:]
    public private(set) var itemNames: [String] = []
    private var basketCodes: [String: Int] = [:]
    private var contents: [[Int32]] = []

    public init() {}

    public mutating func add(basket: String, item: String) {
        let code: Int32
        if let known = itemCodes[item] {
            code = known
        } else {
            code = Int32(itemNames.count)
            itemCodes[item] = code
            itemNames.append(item)
        }
        if let index = basketCodes[basket] {
            contents[index].append(code)
        } else {
            basketCodes[basket] = contents.count
            contents.append([code])
        }
    }

    public func build() -> (baskets: Baskets, itemNames: [String]) {
        (Baskets(contents, itemCount: itemNames.count), itemNames)
    }
}
