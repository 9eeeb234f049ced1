import PostgresNIO
import RapportCore

/// The rows an import has written but not yet sent: inserts as `COPY` text straight into their
/// tables (the importer has checked, under the writer lock, that their keys are new), customer
/// updates and identities as `COPY` into temporary staging tables applied by one set-based
/// statement each, and the keys of moved or replaced orders and events, deleted in one statement.
///
/// ``take()`` hands everything over as one ``Batch`` that ``Batch/apply(on:logger:)`` writes in
/// an order that respects dependencies: customers before the identities that name them, deletes
/// of replaced rows before their new versions.
struct PendingImportWrites {
    static let customerColumns = [
        "id", "external_id", "kind", "first_name", "last_name", "email", "phone", "birth_date", "gender", "postcode",
        "city", "country", "timezone", "preferred_channel", "created_at", "updated_at", "attributes", "fingerprint",
    ]
    static let orderColumns = [
        "customer_id", "id", "external_id", "placed_at", "channel", "store", "status", "total", "margin", "items",
        "currency", "fingerprint",
    ]
    static let lineColumns = ["customer_id", "order_id", "line_no", "product_id", "quantity", "amount"]
    static let eventColumns = [
        "customer_id", "id", "external_id", "type", "channel", "at", "campaign", "properties", "fingerprint",
    ]
    static let identityColumns = ["seq", "customer_id", "kind", "value", "created_at"]

    private(set) var customers = CopyRows(table: "customers", columns: customerColumns)
    private(set) var customerUpdates = CopyRows(table: "staging_customer_updates", columns: customerColumns + ["mask"])
    private(set) var identities = CopyRows(table: "staging_identities", columns: identityColumns)
    private(set) var orders = CopyRows(table: "orders", columns: orderColumns)
    private(set) var lines = CopyRows(table: "order_lines", columns: lineColumns)
    private(set) var events = CopyRows(table: "events", columns: eventColumns)
    private var replacedOrders: (customerIDs: [Int64], ids: [Int64]) = ([], [])
    private var replacedEvents: (customerIDs: [Int64], ids: [Int64]) = ([], [])
    private var identitySequence: Int64 = 0

    /// Ids with a write waiting here: a second write to one of them must wait until the first is
    /// applied, as the batch applies writes by kind, not in call order.
    private(set) var customerIDs: Set<Int64> = []
    private(set) var orderIDs: Set<Int64> = []
    private(set) var eventIDs: Set<Int64> = []

    var byteCount: Int {
        customers.byteCount + customerUpdates.byteCount + identities.byteCount + orders.byteCount + lines.byteCount
            + events.byteCount
    }

    var isEmpty: Bool {
        customers.isEmpty && customerUpdates.isEmpty && identities.isEmpty && orders.isEmpty && lines.isEmpty
            && events.isEmpty && replacedOrders.ids.isEmpty && replacedEvents.ids.isEmpty
    }

    // MARK: Customers

    private static func append(_ customer: Customer, id: Int64, fingerprint: Int64, now: Instant, to rows: inout CopyRows) {
        rows.append(id)
        rows.append(customer.externalID)
        rows.append(customer.kind.rawValue)
        rows.append(customer.firstName)
        rows.append(customer.lastName)
        rows.append(customer.email?.value)
        rows.append(customer.phone?.e164)
        rows.append(customer.birthDate?.description)
        rows.append(customer.gender?.rawValue)
        rows.append(customer.postcode)
        rows.append(customer.city)
        rows.append(customer.country?.value)
        rows.append(customer.timezone)
        rows.append(customer.preferredChannel?.rawValue)
        rows.append((customer.createdAt ?? now).secondsSinceEpoch)
        rows.append(now.secondsSinceEpoch)
        rows.append(customer.attributesJSON)
        rows.append(fingerprint)
    }

    mutating func insert(_ customer: Customer, id: Int64, fingerprint: Int64, now: Instant) {
        Self.append(customer, id: id, fingerprint: fingerprint, now: now, to: &customers)
        customers.endRow()
        customerIDs.insert(id)
        addIdentities(of: customer, kinds: [.email, .phone], id: id, now: now)
    }

    mutating func update(_ customer: Customer, fields: CustomerFields, id: Int64, fingerprint: Int64, now: Instant) {
        Self.append(customer, id: id, fingerprint: fingerprint, now: now, to: &customerUpdates)
        customerUpdates.append(Int64(fields.rawValue))
        customerUpdates.endRow()
        customerIDs.insert(id)
        var kinds: [IdentityKind] = []
        if fields.contains(.email) { kinds.append(.email) }
        if fields.contains(.phone) { kinds.append(.phone) }
        addIdentities(of: customer, kinds: kinds, id: id, now: now)
    }

    private mutating func addIdentities(of customer: Customer, kinds: [IdentityKind], id: Int64, now: Instant) {
        for kind in kinds {
            guard let value = kind == .email ? customer.email?.value : customer.phone?.e164 else { continue }
            identitySequence += 1
            identities.append(identitySequence)
            identities.append(id)
            identities.append(kind.rawValue)
            identities.append(value)
            identities.append(now.secondsSinceEpoch)
            identities.endRow()
        }
    }

    // MARK: Orders and events

    mutating func insert(_ order: Order, id: Int64, fingerprint: Int64, customerID: Int64, productIDs: [Int64]) {
        orders.append(customerID)
        orders.append(id)
        orders.append(order.externalID)
        orders.append(order.placedAt.secondsSinceEpoch)
        orders.append(order.channel)
        orders.append(order.store)
        orders.append(order.status.rawValue)
        orders.append(order.total)
        orders.append(order.margin)
        orders.append(order.items)
        orders.append(order.currency)
        orders.append(fingerprint)
        orders.endRow()
        orderIDs.insert(id)
        for (number, line) in order.lines.enumerated() {
            lines.append(customerID)
            lines.append(id)
            lines.append(Int64(number + 1))
            lines.append(productIDs[number])
            lines.append(line.quantity)
            lines.append(line.amount)
            lines.endRow()
        }
    }

    /// The stored order `id` of `customerID` (and its lines) is deleted before the new rows go in.
    mutating func replaceOrder(id: Int64, of customerID: Int64) {
        replacedOrders.customerIDs.append(customerID)
        replacedOrders.ids.append(id)
        orderIDs.insert(id)
    }

    mutating func insert(_ event: Event, id: Int64, fingerprint: Int64, customerID: Int64) {
        events.append(customerID)
        events.append(id)
        events.append(event.externalID)
        events.append(event.type.value)
        events.append(event.channel?.value)
        events.append(event.at.secondsSinceEpoch)
        events.append(event.campaign)
        events.append(event.propertiesJSON)
        events.append(fingerprint)
        events.endRow()
        eventIDs.insert(id)
    }

    mutating func replaceEvent(id: Int64, of customerID: Int64) {
        replacedEvents.customerIDs.append(customerID)
        replacedEvents.ids.append(id)
        eventIDs.insert(id)
    }

    // MARK: Sending

    /// Everything waiting, leaving this empty.
    mutating func take() -> Batch {
        defer {
            replacedOrders = ([], [])
            replacedEvents = ([], [])
            customerIDs.removeAll(keepingCapacity: true)
            orderIDs.removeAll(keepingCapacity: true)
            eventIDs.removeAll(keepingCapacity: true)
        }
        return Batch(
            customers: customers.take(), customerUpdates: customerUpdates.take(), identities: identities.take(),
            replacedOrders: replacedOrders, orders: orders.take(), lines: lines.take(), replacedEvents: replacedEvents,
            events: events.take())
    }

    /// Writes taken from ``PendingImportWrites``, ready to be sent on the import's connection.
    struct Batch: Sendable {
        let customers: ByteBuffer
        let customerUpdates: ByteBuffer
        let identities: ByteBuffer
        let replacedOrders: (customerIDs: [Int64], ids: [Int64])
        let orders: ByteBuffer
        let lines: ByteBuffer
        let replacedEvents: (customerIDs: [Int64], ids: [Int64])
        let events: ByteBuffer

        func apply(on connection: PostgresConnection, logger: Logger) async throws {
            try await connection.copy(customers, into: "customers", columns: customerColumns, logger: logger)
            if customerUpdates.readableBytes > 0 {
                try await connection.copy(
                    customerUpdates, into: "staging_customer_updates", columns: customerColumns + ["mask"], logger: logger)
                try await connection.query(ImportStaging.applyCustomerUpdates, logger: logger)
                try await connection.query(ImportStaging.releaseReplacedIdentities, logger: logger)
                try await connection.query("TRUNCATE staging_customer_updates", logger: logger)
            }
            if identities.readableBytes > 0 {
                try await connection.copy(identities, into: "staging_identities", columns: identityColumns, logger: logger)
                try await connection.query(ImportStaging.insertFreeIdentities, logger: logger)
                try await connection.query("TRUNCATE staging_identities", logger: logger)
            }
            if !replacedOrders.ids.isEmpty {
                let (customerIDs, ids) = replacedOrders
                try await connection.query(
                    """
                    DELETE FROM order_lines WHERE (customer_id, order_id) IN (SELECT * FROM unnest(\(customerIDs)::bigint[], \(ids)::bigint[]))
                    """, logger: logger)
                try await connection.query(
                    "DELETE FROM orders WHERE (customer_id, id) IN (SELECT * FROM unnest(\(customerIDs)::bigint[], \(ids)::bigint[]))",
                    logger: logger)
            }
            try await connection.copy(orders, into: "orders", columns: orderColumns, logger: logger)
            try await connection.copy(lines, into: "order_lines", columns: lineColumns, logger: logger)
            if !replacedEvents.ids.isEmpty {
                let (customerIDs, ids) = replacedEvents
                try await connection.query(
                    "DELETE FROM events WHERE (customer_id, id) IN (SELECT * FROM unnest(\(customerIDs)::bigint[], \(ids)::bigint[]))",
                    logger: logger)
            }
            try await connection.copy(events, into: "events", columns: eventColumns, logger: logger)
        }
    }
}

/// The temporary tables an import stages rows in, and the set-based statements that apply them.
enum ImportStaging {
    /// Created once per import transaction, dropped when it ends.
    static let create: PostgresQuery = """
        CREATE TEMPORARY TABLE staging_customer_updates (
            LIKE customers INCLUDING DEFAULTS, mask bigint NOT NULL) ON COMMIT DROP;
        """
    static let createIdentities: PostgresQuery = """
        CREATE TEMPORARY TABLE staging_identities (
            seq bigint NOT NULL, customer_id bigint NOT NULL, kind text NOT NULL, value text NOT NULL,
            created_at bigint NOT NULL) ON COMMIT DROP;
        """

    /// The mask says which fields the source gave (``CustomerFields``): the others keep their
    /// value. A prospect who has orders stays a customer; attributes are merged key by key, a null
    /// removing the key.
    static let applyCustomerUpdates: PostgresQuery = """
        UPDATE customers c SET external_id = s.external_id,
            kind = CASE WHEN s.mask & 1 = 0 THEN c.kind
                        WHEN s.kind = 'prospect' AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)
                        THEN 'customer' ELSE s.kind END,
            first_name = CASE WHEN s.mask & 2 <> 0 THEN s.first_name ELSE c.first_name END,
            last_name = CASE WHEN s.mask & 4 <> 0 THEN s.last_name ELSE c.last_name END,
            email = CASE WHEN s.mask & 8 <> 0 THEN s.email ELSE c.email END,
            phone = CASE WHEN s.mask & 16 <> 0 THEN s.phone ELSE c.phone END,
            birth_date = CASE WHEN s.mask & 32 <> 0 THEN s.birth_date ELSE c.birth_date END,
            gender = CASE WHEN s.mask & 64 <> 0 THEN s.gender ELSE c.gender END,
            postcode = CASE WHEN s.mask & 128 <> 0 THEN s.postcode ELSE c.postcode END,
            city = CASE WHEN s.mask & 256 <> 0 THEN s.city ELSE c.city END,
            country = CASE WHEN s.mask & 512 <> 0 THEN s.country ELSE c.country END,
            timezone = CASE WHEN s.mask & 1024 <> 0 THEN s.timezone ELSE c.timezone END,
            preferred_channel = CASE WHEN s.mask & 2048 <> 0 THEN s.preferred_channel ELSE c.preferred_channel END,
            created_at = CASE WHEN s.mask & 4096 <> 0 THEN s.created_at ELSE c.created_at END,
            attributes = CASE WHEN s.mask & 8192 <> 0
                              THEN jsonb_strip_nulls(c.attributes::jsonb || s.attributes::jsonb)::text ELSE c.attributes END,
            updated_at = s.updated_at, fingerprint = s.fingerprint
        FROM staging_customer_updates s
        WHERE c.id = s.id
        """

    /// The e-mail and phone identities of updated customers whose source gave those fields: their
    /// new values replace them.
    static let releaseReplacedIdentities: PostgresQuery = """
        DELETE FROM identities i USING staging_customer_updates s
        WHERE i.customer_id = s.id
          AND ((s.mask & 8 <> 0 AND i.kind = 'email') OR (s.mask & 16 <> 0 AND i.kind = 'phone'))
        """

    /// An e-mail or phone already held by a customer stays theirs (which of two customers is the
    /// same person is for identity resolution to decide, not for an import); among new ones, the
    /// first written wins.
    static let insertFreeIdentities: PostgresQuery = """
        INSERT INTO identities (customer_id, kind, value, created_at)
        SELECT DISTINCT ON (s.kind, s.value) s.customer_id, s.kind, s.value, s.created_at
        FROM staging_identities s
        WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.value = s.value AND i.kind = s.kind)
        ORDER BY s.kind, s.value, s.seq
        ON CONFLICT DO NOTHING
        """
}
