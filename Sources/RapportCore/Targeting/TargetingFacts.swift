/// One person's profile as targeting reads it: the fields a segment may test, with custom
/// attributes as the JSON text the store keeps.
public struct ProfileFact: Sendable, Hashable {
    public var id: Int64
    public var externalID: String
    public var kind: CustomerKind
    public var createdAt: Instant
    public var gender: String?
    public var birthDate: CalendarDate?
    public var postcode: String?
    public var city: String?
    public var country: String?
    public var timezone: String?
    public var preferredChannel: String?
    public var hasEmail: Bool
    public var hasPhone: Bool
    /// A JSON object; `{}` when the customer has none.
    public var attributesJSON: String

    public init(
        id: Int64, externalID: String, kind: CustomerKind, createdAt: Instant, gender: String? = nil,
        birthDate: CalendarDate? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil,
        timezone: String? = nil, preferredChannel: String? = nil, hasEmail: Bool = false, hasPhone: Bool = false,
        attributesJSON: String = "{}"
    ) {
        self.id = id
        self.externalID = externalID
        self.kind = kind
        self.createdAt = createdAt
        self.gender = gender
        self.birthDate = birthDate
        self.postcode = postcode
        self.city = city
        self.country = country
        self.timezone = timezone
        self.preferredChannel = preferredChannel
        self.hasEmail = hasEmail
        self.hasPhone = hasPhone
        self.attributesJSON = attributesJSON
    }
}

/// One line of one order, with what targeting and basket analysis need from its order and product.
public struct OrderLineFact: Sendable, Hashable {
    public var customerID: Int64
    public var orderID: Int64
    public var placedAt: Instant
    public var status: OrderStatus
    public var sku: String
    /// The product's category, or nil when the catalogue gives none.
    public var category: String?
    /// The catalogue price of the product, or nil.
    public var price: Double?
    public var quantity: Int
    public var amount: Double

    public init(
        customerID: Int64, orderID: Int64, placedAt: Instant, status: OrderStatus = .completed, sku: String,
        category: String?, price: Double? = nil, quantity: Int = 1, amount: Double
    ) {
        self.customerID = customerID
        self.orderID = orderID
        self.placedAt = placedAt
        self.status = status
        self.sku = sku
        self.category = category
        self.price = price
        self.quantity = quantity
        self.amount = amount
    }
}

/// One event as targeting reads it: who, what, when.
public struct EventFact: Sendable, Hashable {
    public var customerID: Int64
    public var type: String
    public var at: Instant

    public init(customerID: Int64, type: String, at: Instant) {
        self.customerID = customerID
        self.type = type
        self.at = at
    }
}

/// A customer's latest consent on one channel.
public struct ConsentFact: Sendable, Hashable {
    public var customerID: Int64
    public var channel: ContactChannel
    public var status: ConsentStatus

    public init(customerID: Int64, channel: ContactChannel, status: ConsentStatus) {
        self.customerID = customerID
        self.channel = channel
        self.status = status
    }
}

/// One product of the catalogue as offers read it.
public struct ProductFact: Sendable, Hashable {
    public var sku: String
    public var name: String
    public var category: String?
    public var price: Double?

    public init(sku: String, name: String, category: String?, price: Double?) {
        self.sku = sku
        self.name = name
        self.category = category
        self.price = price
    }
}
