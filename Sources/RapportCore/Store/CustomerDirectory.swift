/// Which customers a list asks for, one page at a time in ascending id order.
public struct CustomerListQuery: Sendable, Hashable {
    /// Matches an external id, e-mail or phone exactly, or the start of a first name, last name,
    /// city or postcode (ignoring case).
    public var search: String?
    public var kind: CustomerKind?
    public var country: CountryCode?
    /// Only members of this saved segment.
    public var segmentID: Int64?
    /// Only customers whose id is greater: the cursor of the previous page.
    public var afterID: Int64?
    public var limit: Int

    public init(
        search: String? = nil, kind: CustomerKind? = nil, country: CountryCode? = nil, segmentID: Int64? = nil,
        afterID: Int64? = nil, limit: Int = 50
    ) {
        self.search = search
        self.kind = kind
        self.country = country
        self.segmentID = segmentID
        self.afterID = afterID
        self.limit = limit
    }
}

/// One line of a customer list.
public struct CustomerListEntry: Sendable, Hashable {
    public var id: Int64
    public var customer: Customer
    public var updatedAt: Instant

    public init(id: Int64, customer: Customer, updatedAt: Instant) {
        self.id = id
        self.customer = customer
        self.updatedAt = updatedAt
    }
}

/// A page of customers; `nextAfterID` is set when more may follow.
public struct CustomerPage: Sendable, Hashable {
    public var entries: [CustomerListEntry]
    public var nextAfterID: Int64?

    public init(entries: [CustomerListEntry], nextAfterID: Int64?) {
        self.entries = entries
        self.nextAfterID = nextAfterID
    }
}

/// Lists customers for the pages and the API.
public protocol CustomerDirectory: Sendable {
    /// A page of the customers the query selects, ascending by id; never more than `limit`.
    func listCustomers(_ query: CustomerListQuery) throws -> CustomerPage
}
