import GRDB
import RapportCore

/// The writes of one import on SQLite, inside the GRDB write transaction that
/// ``SQLiteKnowledgeBase/importing(_:)`` opened. Statements are prepared once and bound through
/// SQLite's C interface.
final class SQLiteImportTransaction: ImportTransaction {
    private let db: Database
    private var statements: [String: RawStatement] = [:]
    private var droppedIndexes: [String: [(name: String, sql: String)]] = [:]
    private let nextIDs: NextIDs
    /// Next ids of remembered tables this transaction read or confirmed (``NextIDs``).
    private var knownNextIDs: [String: Int64] = [:]
    /// The highest id this transaction inserted in each remembered table.
    private var highestInserted: [String: Int64] = [:]
    /// The writer connection's `PRAGMA data_version`, read once: no other connection can commit
    /// while this transaction writes.
    private var dataVersion: Int64?

    init(_ db: Database, nextIDs: NextIDs) {
        self.db = db
        self.nextIDs = nextIDs
    }

    private func readDataVersion() throws -> Int64 {
        if let dataVersion { return dataVersion }
        let read = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        dataVersion = read
        return read
    }

    /// What this transaction learned of the next ids of orders and events, for ``NextIDs`` once
    /// it has committed; nil when it neither read nor inserted any.
    func learnedNextIDs() throws -> (dataVersion: Int64, known: [String: Int64], inserted: [String: Int64])? {
        guard !knownNextIDs.isEmpty || !highestInserted.isEmpty else { return nil }
        return (try readDataVersion(), knownNextIDs, highestInserted)
    }

    // Statements run once per row, kept at hand rather than looked up by their SQL text.
    private var insertIdentityStatement: RawStatement?
    private var customerBatch: InsertBatch<(Customer, Int64, Int64, Instant)>?
    private var orderBatch: InsertBatch<(Order, Int64, Int64, Int64)>?
    private var lineBatch: InsertBatch<(Int64, Int64, Int64, Int64, OrderLine)>?
    private var eventBatch: InsertBatch<(Event, Int64, Int64, Int64)>?

    /// Writes what is still batched and rebuilds any index a bulk load dropped: the last step
    /// before the transaction commits.
    func finish() throws {
        try flushBatches()
        for kind in KeyedRecord.allCases { try endBulkLoad(kind) }
    }

    /// Writes every batched row: called before any statement that is not a batched insert.
    private func flushBatches() throws {
        try customerBatch?.flush()
        try orderBatch?.flush()
        try lineBatch?.flush()
        try eventBatch?.flush()
    }

    /// A statement that does not depend on batched rows (identities have no foreign key enforced).
    private func statement(_ slot: inout RawStatement?, _ sql: String) throws -> RawStatement {
        if let statement = slot { return statement }
        let statement = try RawStatement(db, sql)
        slot = statement
        return statement
    }

    private func statement(_ sql: String) throws -> RawStatement {
        try flushBatches()
        if let statement = statements[sql] { return statement }
        let statement = try RawStatement(db, sql)
        statements[sql] = statement
        return statement
    }

    // MARK: Keys

    func existingKeys(_ kind: KeyedRecord) throws -> [String: StoredKey] {
        try flushBatches()
        let sql: String
        switch kind {
        case .customers:
            sql = """
                SELECT external_id, id, fingerprint, 0, 0 FROM customers
                UNION ALL SELECT external_id, customer_id, fingerprint, 0, 1 FROM customer_aliases
                """
        case .products: sql = "SELECT sku, id, fingerprint, 0, 0 FROM products"
        case .orders: sql = "SELECT external_id, id, fingerprint, customer_id, 0 FROM orders"
        case .events: sql = "SELECT external_id, id, fingerprint, customer_id, 0 FROM events"
        }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.rawValue)") ?? 0
        var keys: [String: StoredKey] = [:]
        keys.reserveCapacity(count)
        let rows = try statement(sql)
        defer { rows.reset() }
        while try rows.step() {
            keys[rows.text(0) ?? ""] = StoredKey(
                id: rows.int64(1), fingerprint: rows.int64(2), customerID: rows.int64(3), mergedAway: rows.int64(4) != 0)
        }
        return keys
    }

    func existingKeys(_ kind: KeyedRecord, among identifiers: Set<String>) throws -> [String: StoredKey] {
        let sql: String
        switch kind {
        case .customers:
            sql = """
                SELECT external_id, id, fingerprint, 0, 0 FROM customers WHERE external_id = ?1
                UNION ALL SELECT external_id, customer_id, fingerprint, 0, 1 FROM customer_aliases WHERE external_id = ?1
                """
        case .products: sql = "SELECT sku, id, fingerprint, 0, 0 FROM products WHERE sku = ?"
        case .orders: sql = "SELECT external_id, id, fingerprint, customer_id, 0 FROM orders WHERE external_id = ?"
        case .events: sql = "SELECT external_id, id, fingerprint, customer_id, 0 FROM events WHERE external_id = ?"
        }
        // One indexed lookup per identifier through one prepared statement: a request names a few
        // hundred records at most, against tables of millions.
        let lookup = try statement(sql)
        var keys: [String: StoredKey] = [:]
        keys.reserveCapacity(identifiers.count)
        for identifier in identifiers {
            lookup.bind(1, identifier)
            defer { lookup.reset() }
            if try lookup.step() {
                keys[identifier] = StoredKey(
                    id: lookup.int64(1), fingerprint: lookup.int64(2), customerID: lookup.int64(3), mergedAway: lookup.int64(4) != 0)
            }
        }
        return keys
    }

    func nextID(_ kind: KeyedRecord) throws -> Int64 {
        try flushBatches()
        let table = kind.rawValue
        func afterMaxID() throws -> Int64 {
            try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM \(table)") ?? 1
        }
        guard NextIDs.remembered.contains(table) else { return try afterMaxID() }
        let stored = try knownNextIDs[table] ?? nextIDs.next(of: table, dataVersion: readDataVersion()) ?? afterMaxID()
        let next = max(stored, (highestInserted[table] ?? 0) + 1)
        knownNextIDs[table] = next
        return next
    }

    func catalogue() throws -> [String: CatalogueEntry] {
        var entries: [String: CatalogueEntry] = [:]
        let rows = try statement("SELECT sku, id, unit_cost FROM products")
        defer { rows.reset() }
        while try rows.step() {
            entries[rows.text(0) ?? ""] = CatalogueEntry(id: rows.int64(1), unitCost: rows.double(2))
        }
        return entries
    }

    // MARK: Bulk loads

    func beginBulkLoad(_ kind: KeyedRecord) throws {
        try flushBatches()
        let table = kind.rawValue
        guard droppedIndexes[table] == nil, let indexes = KnowledgeBaseSchema.secondaryIndexes[table],
            try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table))") == true
        else { return }
        for index in indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        droppedIndexes[table] = indexes
    }

    func endBulkLoad(_ kind: KeyedRecord) throws {
        try flushBatches()
        guard let indexes = droppedIndexes.removeValue(forKey: kind.rawValue) else { return }
        for index in indexes { try db.execute(sql: index.sql) }
    }

    // MARK: Customers

    private static let customerColumns =
        "external_id, kind, first_name, last_name, email, phone, birth_date, gender, postcode, city, country, timezone, preferred_channel, created_at, updated_at, attributes, fingerprint"

    private static func bindCustomer(_ s: RawStatement, _ c: Customer, fingerprint: Int64, now: Instant, at o: Int32 = 0) {
        s.bind(o + 1, c.externalID)
        s.bind(o + 2, c.kind.rawValue)
        s.bind(o + 3, c.firstName)
        s.bind(o + 4, c.lastName)
        s.bind(o + 5, c.email?.value)
        s.bind(o + 6, c.phone?.e164)
        s.bind(o + 7, c.birthDate?.description)
        s.bind(o + 8, c.gender?.rawValue)
        s.bind(o + 9, c.postcode)
        s.bind(o + 10, c.city)
        s.bind(o + 11, c.country?.value)
        s.bind(o + 12, c.timezone)
        s.bind(o + 13, c.preferredChannel?.rawValue)
        s.bind(o + 14, (c.createdAt ?? now).secondsSinceEpoch)
        s.bind(o + 15, now.secondsSinceEpoch)
        s.bind(o + 16, c.attributesJSON)
        s.bind(o + 17, fingerprint)
    }

    func insert(_ customer: Customer, fields: CustomerFields, fingerprint: Int64, id: Int64, now: Instant) throws {
        if customerBatch == nil {
            customerBatch = try InsertBatch(
                db, into: "customers", columns: Self.customerColumns.split(separator: ",").map { String($0.drop { $0 == " " }) } + ["id"]
            ) { s, o, row in
                Self.bindCustomer(s, row.0, fingerprint: row.1, now: row.3, at: o)
                s.bind(o + 18, row.2)
            }
        }
        try customerBatch!.add((customer, fingerprint, id, now))
        if customer.email != nil || customer.phone != nil {
            try writeIdentities(of: customer, kinds: [.email, .phone], id: id, now: now)
        }
    }

    func update(_ customer: Customer, fields: CustomerFields, fingerprint: Int64, id: Int64, now: Instant) throws {
        // ?19 is the mask of given fields: a field the source does not give keeps its value.
        let s = try statement(
            """
            UPDATE customers SET external_id = ?1,
                kind = CASE WHEN ?19 & 1 = 0 THEN kind
                            WHEN ?2 = 'prospect' AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = ?18)
                            THEN 'customer' ELSE ?2 END,
                first_name = CASE WHEN ?19 & 2 THEN ?3 ELSE first_name END,
                last_name = CASE WHEN ?19 & 4 THEN ?4 ELSE last_name END,
                email = CASE WHEN ?19 & 8 THEN ?5 ELSE email END,
                phone = CASE WHEN ?19 & 16 THEN ?6 ELSE phone END,
                birth_date = CASE WHEN ?19 & 32 THEN ?7 ELSE birth_date END,
                gender = CASE WHEN ?19 & 64 THEN ?8 ELSE gender END,
                postcode = CASE WHEN ?19 & 128 THEN ?9 ELSE postcode END,
                city = CASE WHEN ?19 & 256 THEN ?10 ELSE city END,
                country = CASE WHEN ?19 & 512 THEN ?11 ELSE country END,
                timezone = CASE WHEN ?19 & 1024 THEN ?12 ELSE timezone END,
                preferred_channel = CASE WHEN ?19 & 2048 THEN ?13 ELSE preferred_channel END,
                created_at = CASE WHEN ?19 & 4096 THEN ?14 ELSE created_at END,
                attributes = CASE WHEN ?19 & 8192 THEN json_patch(attributes, ?16) ELSE attributes END,
                updated_at = ?15, fingerprint = ?17
            WHERE id = ?18
            """)
        Self.bindCustomer(s, customer, fingerprint: fingerprint, now: now)
        s.bind(18, id)
        s.bind(19, fields.rawValue)
        try s.run()
        var kinds: [IdentityKind] = []
        if fields.contains(.email) { kinds.append(.email) }
        if fields.contains(.phone) { kinds.append(.phone) }
        guard !kinds.isEmpty else { return }
        let clear = try statement("DELETE FROM identities WHERE customer_id = ? AND kind = ?")
        for kind in kinds {
            clear.bind(1, id)
            clear.bind(2, kind.rawValue)
            try clear.run()
        }
        try writeIdentities(of: customer, kinds: kinds, id: id, now: now)
    }

    /// An e-mail or phone already held by another customer stays theirs: which of the two is the
    /// same person is for identity resolution to decide, not for an import.
    private func writeIdentities(of customer: Customer, kinds: [IdentityKind], id: Int64, now: Instant) throws {
        let s = try statement(
            &insertIdentityStatement, "INSERT INTO identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING")
        for kind in kinds {
            guard let value = kind == .email ? customer.email?.value : customer.phone?.e164 else { continue }
            s.bind(1, kind.rawValue)
            s.bind(2, value)
            s.bind(3, id)
            s.bind(4, now.secondsSinceEpoch)
            try s.run()
        }
    }

    // MARK: Products

    func insert(_ product: Product, fingerprint: Int64, id: Int64, now: Instant) throws {
        let s = try statement(
            "INSERT INTO products (sku, name, category, price, unit_cost, created_at, updated_at, fingerprint, id) VALUES (?,?,?,?,?,?,?,?,?)")
        bindProduct(s, product, fingerprint: fingerprint, id: id, now: now)
        try s.run()
    }

    func update(_ product: Product, fingerprint: Int64, id: Int64, now: Instant) throws {
        let s = try statement(
            "UPDATE products SET sku = ?1, name = ?2, category = ?3, price = ?4, unit_cost = ?5, updated_at = ?7, fingerprint = ?8 WHERE id = ?9")
        bindProduct(s, product, fingerprint: fingerprint, id: id, now: now)
        try s.run()
    }

    private func bindProduct(_ s: RawStatement, _ p: Product, fingerprint: Int64, id: Int64, now: Instant) {
        s.bind(1, p.sku)
        s.bind(2, p.name)
        s.bind(3, p.category)
        s.bind(4, p.price)
        s.bind(5, p.unitCost)
        s.bind(6, now.secondsSinceEpoch)
        s.bind(7, now.secondsSinceEpoch)
        s.bind(8, fingerprint)
        s.bind(9, id)
    }

    // MARK: Orders

    func insert(_ order: Order, fingerprint: Int64, id: Int64, customerID: Int64, productIDs: [Int64]) throws {
        if id > highestInserted["orders", default: 0] { highestInserted["orders"] = id }
        if orderBatch == nil {
            orderBatch = try InsertBatch(
                db, into: "orders",
                columns: [
                    "customer_id", "id", "external_id", "placed_at", "channel", "store", "status", "total", "margin",
                    "items", "currency", "fingerprint",
                ]
            ) { s, o, row in
                let (order, fingerprint, id, customerID) = row
                s.bind(o + 1, customerID)
                s.bind(o + 2, id)
                s.bind(o + 3, order.externalID)
                s.bind(o + 4, order.placedAt.secondsSinceEpoch)
                s.bind(o + 5, order.channel)
                s.bind(o + 6, order.store)
                s.bind(o + 7, order.status.rawValue)
                s.bind(o + 8, order.total)
                s.bind(o + 9, order.margin)
                s.bind(o + 10, order.items)
                s.bind(o + 11, order.currency)
                s.bind(o + 12, fingerprint)
            }
        }
        try orderBatch!.add((order, fingerprint, id, customerID))
        guard !order.lines.isEmpty else { return }
        if lineBatch == nil {
            lineBatch = try InsertBatch(
                db, into: "order_lines", columns: ["customer_id", "order_id", "line_no", "product_id", "quantity", "amount"]
            ) { s, o, row in
                s.bind(o + 1, row.0)
                s.bind(o + 2, row.1)
                s.bind(o + 3, row.2)
                s.bind(o + 4, row.3)
                s.bind(o + 5, row.4.quantity)
                s.bind(o + 6, row.4.amount)
            }
        }
        for (number, line) in order.lines.enumerated() {
            try lineBatch!.add((customerID, id, Int64(number + 1), productIDs[number], line))
        }
    }

    func update(
        _ order: Order, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64, productIDs: [Int64]
    ) throws {
        for sql in [
            "DELETE FROM order_lines WHERE customer_id = ? AND order_id = ?",
            "DELETE FROM orders WHERE customer_id = ? AND id = ?",
        ] {
            let s = try statement(sql)
            s.bind(1, previousCustomerID)
            s.bind(2, id)
            try s.run()
        }
        try insert(order, fingerprint: fingerprint, id: id, customerID: customerID, productIDs: productIDs)
    }

    // MARK: Events

    func insert(_ event: Event, fingerprint: Int64, id: Int64, customerID: Int64) throws {
        if id > highestInserted["events", default: 0] { highestInserted["events"] = id }
        if eventBatch == nil {
            eventBatch = try InsertBatch(
                db, into: "events",
                columns: ["customer_id", "id", "external_id", "type", "channel", "at", "campaign", "properties", "fingerprint"]
            ) { s, o, row in
                let (event, fingerprint, id, customerID) = row
                s.bind(o + 1, customerID)
                s.bind(o + 2, id)
                s.bind(o + 3, event.externalID)
                s.bind(o + 4, event.type.value)
                s.bind(o + 5, event.channel?.value)
                s.bind(o + 6, event.at.secondsSinceEpoch)
                s.bind(o + 7, event.campaign)
                s.bind(o + 8, event.propertiesJSON)
                s.bind(o + 9, fingerprint)
            }
        }
        try eventBatch!.add((event, fingerprint, id, customerID))
    }

    func update(_ event: Event, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64) throws {
        let s = try statement("DELETE FROM events WHERE customer_id = ? AND id = ?")
        s.bind(1, previousCustomerID)
        s.bind(2, id)
        try s.run()
        try insert(event, fingerprint: fingerprint, id: id, customerID: customerID)
    }

    // MARK: Consents

    func record(_ consent: Consent, customerID: Int64, now: Instant) throws -> UpsertOutcome {
        let find = try statement("SELECT status, source FROM consents WHERE customer_id = ? AND channel = ? AND at = ?")
        find.bind(1, customerID)
        find.bind(2, consent.channel.rawValue)
        find.bind(3, consent.at.secondsSinceEpoch)
        var existing: (status: String?, source: String?)?
        if try find.step() { existing = (find.text(0), find.text(1)) }
        find.reset()
        if let existing, existing.status == consent.status.rawValue, existing.source == consent.source {
            return .unchanged
        }
        let write = try statement(
            """
            INSERT INTO consents (customer_id, channel, at, status, source, recorded_at) VALUES (?,?,?,?,?,?)
            ON CONFLICT (customer_id, channel, at) DO UPDATE SET status = excluded.status, source = excluded.source,
                recorded_at = excluded.recorded_at
            """)
        write.bind(1, customerID)
        write.bind(2, consent.channel.rawValue)
        write.bind(3, consent.at.secondsSinceEpoch)
        write.bind(4, consent.status.rawValue)
        write.bind(5, consent.source)
        write.bind(6, now.secondsSinceEpoch)
        try write.run()
        return existing == nil ? .inserted : .updated
    }

    // MARK: After an import

    func promoteProspectsWithOrders(now: Instant) throws -> Int {
        try flushBatches()
        try db.execute(
            sql: """
                UPDATE customers SET kind = 'customer', updated_at = ?
                WHERE kind = 'prospect' AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id)
                """, arguments: [now.secondsSinceEpoch])
        return db.changesCount
    }

    func promoteProspectsWithOrders(among ids: [Int64], now: Instant) throws -> Int {
        try flushBatches()
        var promoted = 0
        for id in ids {
            try db.execute(
                sql: """
                    UPDATE customers SET kind = 'customer', updated_at = ?
                    WHERE id = ? AND kind = 'prospect' AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id)
                    """, arguments: [now.secondsSinceEpoch, id])
            promoted += db.changesCount
        }
        return promoted
    }

    func record(_ run: ImportRecord) throws {
        try flushBatches()
        try db.execute(
            sql: """
                INSERT INTO imports (kind, file, bytes, started_at, finished_at, inserted, updated, unchanged, rejected)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.kind, run.file, run.bytes, run.startedAt.secondsSinceEpoch, run.finishedAt.secondsSinceEpoch,
                run.counts.inserted, run.counts.updated, run.counts.unchanged, run.counts.rejected,
            ])
    }
}
