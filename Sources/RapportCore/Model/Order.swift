/// A purchase with its basket. Amounts are non-negative (margin excepted), every line names a
/// product of the catalogue, and `total` is known (given, or the sum of the lines).
public struct Order: Sendable, Hashable {
    public var externalID: String
    public var customerExternalID: String
    public var placedAt: Instant
    public var channel: String?
    public var store: String?
    public var status: OrderStatus
    public var total: Double
    public var margin: Double?
    public var items: Int64?
    public var currency: String?
    public var lines: [OrderLine]

    public init(
        externalID: String, customerExternalID: String, placedAt: Instant, channel: String? = nil,
        store: String? = nil, status: OrderStatus = .completed, total: Double, margin: Double? = nil,
        items: Int64? = nil, currency: String? = nil, lines: [OrderLine] = []
    ) {
        self.externalID = externalID
        self.customerExternalID = customerExternalID
        self.placedAt = placedAt
        self.channel = channel
        self.store = store
        self.status = status
        self.total = total
        self.margin = margin
        self.items = items
        self.currency = currency
        self.lines = lines
    }

    public var fingerprint: Int64 {
        var hasher = Fingerprint()
        hasher.combine(externalID)
        hasher.combine(customerExternalID)
        hasher.combine(placedAt.secondsSinceEpoch)
        hasher.combine(channel)
        hasher.combine(store)
        hasher.combine(status.rawValue)
        hasher.combine(total)
        hasher.combine(margin)
        hasher.combine(items)
        hasher.combine(currency)
        for line in lines {
            hasher.combine(line.sku)
            hasher.combine(line.quantity)
            hasher.combine(line.amount)
        }
        return hasher.value
    }
}

/// One line of a basket: `quantity` (≥ 1) units of `sku` for `amount` in all.
public struct OrderLine: Sendable, Hashable {
    public var sku: String
    public var quantity: Int64
    public var amount: Double

    public init(sku: String, quantity: Int64, amount: Double) {
        self.sku = sku
        self.quantity = quantity
        self.amount = amount
    }
}
