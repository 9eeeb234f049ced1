/// The single customer view: identity, consents in force, purchases, interactions and totals.
public struct Customer360: Sendable, Hashable {
    public struct StoredIdentity: Sendable, Hashable {
        public var kind: String
        public var value: String
        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public struct ConsentInForce: Sendable, Hashable {
        public var channel: ContactChannel
        public var status: ConsentStatus
        public var source: String?
        public var at: Instant
        public init(channel: ContactChannel, status: ConsentStatus, source: String?, at: Instant) {
            self.channel = channel
            self.status = status
            self.source = source
            self.at = at
        }
    }

    public struct Totals: Sendable, Hashable {
        public var orders: Int
        public var revenue: Double
        public var margin: Double
        public var firstOrder: Instant?
        public var lastOrder: Instant?
        public var events: Int
        public init(orders: Int, revenue: Double, margin: Double, firstOrder: Instant?, lastOrder: Instant?, events: Int) {
            self.orders = orders
            self.revenue = revenue
            self.margin = margin
            self.firstOrder = firstOrder
            self.lastOrder = lastOrder
            self.events = events
        }

        /// Revenue per order, zero without orders.
        public var averageBasket: Double { orders == 0 ? 0 : revenue / Double(orders) }
    }

    public var id: Int64
    public var customer: Customer
    public var updatedAt: Instant
    public var identities: [StoredIdentity]
    public var consents: [ConsentInForce]
    /// The most recent orders first, with their lines.
    public var recentOrders: [Order]
    /// The most recent events first.
    public var recentEvents: [Event]
    public var totals: Totals
    /// The catalogue name of each SKU in ``recentOrders``.
    public var productNames: [String: String]

    public init(
        id: Int64, customer: Customer, updatedAt: Instant, identities: [StoredIdentity],
        consents: [ConsentInForce], recentOrders: [Order], recentEvents: [Event], totals: Totals,
        productNames: [String: String] = [:]
    ) {
        self.id = id
        self.customer = customer
        self.updatedAt = updatedAt
        self.identities = identities
        self.consents = consents
        self.recentOrders = recentOrders
        self.recentEvents = recentEvents
        self.totals = totals
        self.productNames = productNames
    }
}
