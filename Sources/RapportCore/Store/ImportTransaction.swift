/// The records an import upserts by external identifier.
public enum KeyedRecord: String, Sendable, CaseIterable {
    case customers, products, orders, events
}

/// What the store holds for one external identifier: the internal id, the fingerprint of the
/// record as last imported, and for orders and events the internal id of their customer.
public struct StoredKey: Sendable, Hashable {
    public var id: Int64
    public var fingerprint: Int64
    public var customerID: Int64
    /// The identifier is that of a customer merged into the one `id` names (a row of
    /// `customer_aliases`): a later import of that record changes nothing, and its orders and
    /// events go to the survivor.
    public var mergedAway: Bool

    public init(id: Int64, fingerprint: Int64, customerID: Int64 = 0, mergedAway: Bool = false) {
        self.id = id
        self.fingerprint = fingerprint
        self.customerID = customerID
        self.mergedAway = mergedAway
    }
}

/// A product as an order line needs it.
public struct CatalogueEntry: Sendable, Hashable {
    public var id: Int64
    public var unitCost: Double?

    public init(id: Int64, unitCost: Double?) {
        self.id = id
        self.unitCost = unitCost
    }
}

/// What an upsert did to one record.
public enum UpsertOutcome: Sendable, Hashable {
    case inserted, updated, unchanged
}

/// The writes of one import, all inside one transaction of the store: when the closure given to
/// ``KnowledgeBaseStore/importing(_:)`` returns, all of them are committed at once; when it throws
/// or the process dies, none is.
///
/// The importer decides insert, update or nothing from ``existingKeys(_:)`` and fingerprints, and
/// hands out ids from ``nextID(_:)``: the store does not read back per row. Every write carries the
/// fingerprint the importer computed to make that decision; the store keeps it as it is.
public protocol ImportTransaction: AnyObject {
    /// Every stored record of `kind`, by external identifier.
    func existingKeys(_ kind: KeyedRecord) throws -> [String: StoredKey]
    /// The stored records of `kind` among `identifiers` (the others are not in the base).
    func existingKeys(_ kind: KeyedRecord, among identifiers: Set<String>) throws -> [String: StoredKey]
    /// The first unused internal id of `kind`.
    func nextID(_ kind: KeyedRecord) throws -> Int64
    /// The catalogue by SKU.
    func catalogue() throws -> [String: CatalogueEntry]

    /// Tells the store that many rows of `kind` follow, so that it may load them the fast way
    /// (for example building secondary indexes once at the end when the table was empty).
    /// ``endBulkLoad(_:)`` is always called before the transaction commits.
    func beginBulkLoad(_ kind: KeyedRecord) throws
    func endBulkLoad(_ kind: KeyedRecord) throws

    /// Inserts a customer; fields not in `fields` take their defaults (kind `prospect`,
    /// `created_at` now).
    func insert(_ customer: Customer, fields: CustomerFields, fingerprint: Int64, id: Int64, now: Instant) throws
    /// Updates the fields in `fields` and nothing else. A prospect who has orders stays a
    /// customer whatever `kind` says; attributes are merged key by key.
    func update(_ customer: Customer, fields: CustomerFields, fingerprint: Int64, id: Int64, now: Instant) throws
    func insert(_ product: Product, fingerprint: Int64, id: Int64, now: Instant) throws
    func update(_ product: Product, fingerprint: Int64, id: Int64, now: Instant) throws
    /// Inserts an order and its lines; `productIDs[i]` is the catalogue id of `order.lines[i]`.
    func insert(_ order: Order, fingerprint: Int64, id: Int64, customerID: Int64, productIDs: [Int64]) throws
    /// Replaces a stored order and all its lines.
    func update(
        _ order: Order, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64, productIDs: [Int64]
    ) throws
    func insert(_ event: Event, fingerprint: Int64, id: Int64, customerID: Int64) throws
    func update(_ event: Event, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64) throws
    /// Records a consent; consents are keyed by (customer, channel, time).
    func record(_ consent: Consent, customerID: Int64, now: Instant) throws -> UpsertOutcome

    /// Turns prospects who have at least one order into customers; returns how many changed.
    func promoteProspectsWithOrders(now: Instant) throws -> Int
    /// The same, looking only at the customers `ids`.
    func promoteProspectsWithOrders(among ids: [Int64], now: Instant) throws -> Int

    /// Writes the journal line of this import.
    func record(_ run: ImportRecord) throws
}
