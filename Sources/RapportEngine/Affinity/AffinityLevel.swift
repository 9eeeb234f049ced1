/// What an item of a basket is: a product (sku) or its category.
public enum AffinityLevel: String, Sendable, Hashable, CaseIterable {
    case product, category
}

extension Baskets {
    /// The completed orders of a frame (loaded with order lines) as baskets of products or
    /// categories; lines without a category are left out at category level.
    public static func orders(of frame: TargetingFrame, level: AffinityLevel) -> (baskets: Baskets, itemNames: [String]) {
        let lines = frame.lines
        let column = level == .product ? lines.products : lines.categories
        var baskets = Baskets(itemCount: column.values.count)
        var basket: [Int32] = []
        for customer in 0 ..< frame.count {
            var currentOrder: Int64? = nil
            for row in lines.start[customer] ..< lines.start[customer + 1] {
                if lines.orders[row] != currentOrder {
                    if currentOrder != nil { baskets.append(basket) }
                    basket.removeAll(keepingCapacity: true)
                    currentOrder = lines.orders[row]
                }
                if column.codes[row] >= 0 { basket.append(column.codes[row]) }
            }
            if currentOrder != nil { baskets.append(basket) }
        }
        return (baskets, column.values)
    }
}
