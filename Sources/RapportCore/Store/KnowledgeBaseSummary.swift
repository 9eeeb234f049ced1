/// A description of the whole base in numbers, for `rapport demo` and the dashboard.
public struct KnowledgeBaseSummary: Sendable, Hashable {
    public var customersByKind: [CustomerKind: Int]
    public var withEmail: Int
    public var withPhone: Int
    /// Customers whose e-mail or phone is also another customer's: candidates for de-duplication.
    public var sharedContactDetails: Int
    public var products: Int
    public var categories: Int
    public var orders: Int
    public var orderLines: Int
    public var revenue: Double
    public var margin: Double
    public var firstOrder: Instant?
    public var lastOrder: Instant?
    /// Customers with one order, and with two or more.
    public var oneTimeBuyers: Int
    public var repeatBuyers: Int
    public var eventsByType: [String: Int]
    /// People whose consent in force on a channel is `granted`.
    public var grantedByChannel: [ContactChannel: Int]

    public init(
        customersByKind: [CustomerKind: Int] = [:], withEmail: Int = 0, withPhone: Int = 0,
        sharedContactDetails: Int = 0, products: Int = 0, categories: Int = 0, orders: Int = 0,
        orderLines: Int = 0, revenue: Double = 0, margin: Double = 0, firstOrder: Instant? = nil,
        lastOrder: Instant? = nil, oneTimeBuyers: Int = 0, repeatBuyers: Int = 0,
        eventsByType: [String: Int] = [:], grantedByChannel: [ContactChannel: Int] = [:]
    ) {
        self.customersByKind = customersByKind
        self.withEmail = withEmail
        self.withPhone = withPhone
        self.sharedContactDetails = sharedContactDetails
        self.products = products
        self.categories = categories
        self.orders = orders
        self.orderLines = orderLines
        self.revenue = revenue
        self.margin = margin
        self.firstOrder = firstOrder
        self.lastOrder = lastOrder
        self.oneTimeBuyers = oneTimeBuyers
        self.repeatBuyers = repeatBuyers
        self.eventsByType = eventsByType
        self.grantedByChannel = grantedByChannel
    }

    public var customers: Int { customersByKind.values.reduce(0, +) }
    public var events: Int { eventsByType.values.reduce(0, +) }
}
