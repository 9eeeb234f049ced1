/// An item of the catalogue. `price` and `unitCost` are non-negative when known.
public struct Product: Sendable, Hashable {
    public var sku: String
    public var name: String
    public var category: String?
    public var price: Double?
    public var unitCost: Double?

    public init(sku: String, name: String, category: String? = nil, price: Double? = nil, unitCost: Double? = nil) {
        self.sku = sku
        self.name = name
        self.category = category
        self.price = price
        self.unitCost = unitCost
    }

    public var fingerprint: Int64 {
        var hasher = Fingerprint()
        hasher.combine(sku)
        hasher.combine(name)
        hasher.combine(category)
        hasher.combine(price)
        hasher.combine(unitCost)
        return hasher.value
    }
}
