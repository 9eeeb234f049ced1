import GRDB
import RapportCore

/// The writes of one import on SQLite, inside the GRDB write transaction that
/// ``SQLiteKnowledgeBase/importing(_:)`` opened. Statements are prepared once and bound through
/// SQLite's C interface.
final class SQLiteImportTransaction: ImportTransaction {
    private let db: Database
    private var statements: [String: RawStatement] = [:]
    private var droppedIndexes: [String: [(name: String, sql: String)]] = [:]

    init(_ db: Database) {
        self.db = db
    }

    private func statement(_ sql: String) throws -> RawStatement {
        if let statement = statements[sql] { return statement }
        let statement = try RawStatement(db, sql)
        statements[sql] = statement
        return statement
    }

    // MARK: Keys

    func existingKeys(_ kind: KeyedRecord) throws -> [String: StoredKey] {
        let sql: String
        switch kind {
        case .customers: sql = "SELECT external_id, id, fingerprint, 0 FROM customers"
        case .products: sql = "SELECT sku, id, fingerprint, 0 FROM products"
        case .orders: sql = "SELECT external_id, id, fingerprint, customer_id FROM orders"
        case .events: sql = "SELECT external_id, id, fingerprint, customer_id FROM events"
        }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.rawValue)") ?? 0
        var keys: [String: StoredKey] = [:]
        keys.reserveCapacity(count)
        let rows = try statement(sql)
        defer { rows.reset() }
        while try rows.step() {
            keys[rows.text(0) ?? ""] = StoredKey(id: rows.int64(1), fingerprint: rows.int64(2), customerID: rows.int64(3))
        }
        return keys
    }

    func nextID(_ kind: KeyedRecord) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM \(kind.rawValue)")) ?? 1
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
        let table = kind.rawValue
        guard droppedIndexes[table] == nil, let indexes = KnowledgeBaseSchema.secondaryIndexes[table],
            try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table))") == true
        else { return }
        for index in indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        droppedIndexes[table] = indexes
    }

    func endBulkLoad(_ kind: KeyedRecord) throws {
        guard let indexes = droppedIndexes.removeValue(forKey: kind.rawValue) else { return }
        for index in indexes { try db.execute(sql: index.sql) }
    }

    // MARK: Customers

    private static let customerColumns =
        "external_id, kind, first_name, last_name, email, phone, birth_date, gender, postcode, city, country, timezone, preferred_channel, created_at, updated_at, attributes, fingerprint"

    private func bindCustomer(_ s: RawStatement, _ c: Customer, now: Instant) {
        s.bind(1, c.externalID)
        s.bind(2, c.kind.rawValue)
        s.bind(3, c.firstName)
        s.bind(4, c.lastName)
        s.bind(5, c.email?.value)
        s.bind(6, c.phone?.e164)
        s.bind(7, c.birthDate?.description)
        s.bind(8, c.gender?.rawValue)
        s.bind(9, c.postcode)
        s.bind(10, c.city)
        s.bind(11, c.country?.value)
        s.bind(12, c.timezone)
        s.bind(13, c.preferredChannel?.rawValue)
        s.bind(14, (c.createdAt ?? now).secondsSinceEpoch)
        s.bind(15, now.secondsSinceEpoch)
        s.bind(16, c.attributesJSON)
        s.bind(17, c.fingerprint)
    }

    func insert(_ customer: Customer, id: Int64, now: Instant) throws {
        let s = try statement(
            "INSERT INTO customers (\(Self.customerColumns), id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        bindCustomer(s, customer, now: now)
        s.bind(18, id)
        try s.run()
        try writeIdentities(of: customer, id: id, now: now)
    }

    func update(_ customer: Customer, id: Int64, now: Instant) throws {
        // A prospect who has bought stays a customer whatever the file says.
        let s = try statement(
            """
            UPDATE customers SET external_id = ?1,
                kind = CASE WHEN ?2 = 'prospect' AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = ?18)
                            THEN 'customer' ELSE ?2 END,
                first_name = ?3, last_name = ?4, email = ?5, phone = ?6, birth_date = ?7, gender = ?8,
                postcode = ?9, city = ?10, country = ?11, timezone = ?12, preferred_channel = ?13,
                created_at = ?14, updated_at = ?15, attributes = ?16, fingerprint = ?17
            WHERE id = ?18
            """)
        bindCustomer(s, customer, now: now)
        s.bind(18, id)
        try s.run()
        let clear = try statement("DELETE FROM identities WHERE customer_id = ? AND kind IN ('email', 'phone')")
        clear.bind(1, id)
        try clear.run()
        try writeIdentities(of: customer, id: id, now: now)
    }

    /// An e-mail or phone already held by another customer stays theirs: which of the two is the
    /// same person is for identity resolution to decide, not for an import.
    private func writeIdentities(of customer: Customer, id: Int64, now: Instant) throws {
        let s = try statement(
            "INSERT INTO identities (kind, value, customer_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING")
        for (kind, value) in [(IdentityKind.email, customer.email?.value), (.phone, customer.phone?.e164)] {
            guard let value else { continue }
            s.bind(1, kind.rawValue)
            s.bind(2, value)
            s.bind(3, id)
            s.bind(4, now.secondsSinceEpoch)
            try s.run()
        }
    }

    // MARK: Products

    func insert(_ product: Product, id: Int64, now: Instant) throws {
        let s = try statement(
            "INSERT INTO products (sku, name, category, price, unit_cost, created_at, updated_at, fingerprint, id) VALUES (?,?,?,?,?,?,?,?,?)")
        bindProduct(s, product, id: id, now: now)
        try s.run()
    }

    func update(_ product: Product, id: Int64, now: Instant) throws {
        let s = try statement(
            "UPDATE products SET sku = ?1, name = ?2, category = ?3, price = ?4, unit_cost = ?5, updated_at = ?7, fingerprint = ?8 WHERE id = ?9")
        bindProduct(s, product, id: id, now: now)
        try s.run()
    }

    private func bindProduct(_ s: RawStatement, _ p: Product, id: Int64, now: Instant) {
        s.bind(1, p.sku)
        s.bind(2, p.name)
        s.bind(3, p.category)
        s.bind(4, p.price)
        s.bind(5, p.unitCost)
        s.bind(6, now.secondsSinceEpoch)
        s.bind(7, now.secondsSinceEpoch)
        s.bind(8, p.fingerprint)
        s.bind(9, id)
    }

    // MARK: Orders

    func insert(_ order: Order, id: Int64, customerID: Int64, productIDs: [Int64]) throws {
        let s = try statement(
            "INSERT INTO orders (customer_id, id, external_id, placed_at, channel, store, status, total, margin, items, currency, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        s.bind(1, customerID)
        s.bind(2, id)
        s.bind(3, order.externalID)
        s.bind(4, order.placedAt.secondsSinceEpoch)
        s.bind(5, order.channel)
        s.bind(6, order.store)
        s.bind(7, order.status.rawValue)
        s.bind(8, order.total)
        s.bind(9, order.margin)
        s.bind(10, order.items)
        s.bind(11, order.currency)
        s.bind(12, order.fingerprint)
        try s.run()
        guard !order.lines.isEmpty else { return }
        let l = try statement(
            "INSERT INTO order_lines (customer_id, order_id, line_no, product_id, quantity, amount) VALUES (?,?,?,?,?,?)")
        for (number, line) in order.lines.enumerated() {
            l.bind(1, customerID)
            l.bind(2, id)
            l.bind(3, Int64(number + 1))
            l.bind(4, productIDs[number])
            l.bind(5, line.quantity)
            l.bind(6, line.amount)
            try l.run()
        }
    }

    func update(_ order: Order, id: Int64, previousCustomerID: Int64, customerID: Int64, productIDs: [Int64]) throws {
        for sql in [
            "DELETE FROM order_lines WHERE customer_id = ? AND order_id = ?",
            "DELETE FROM orders WHERE customer_id = ? AND id = ?",
        ] {
            let s = try statement(sql)
            s.bind(1, previousCustomerID)
            s.bind(2, id)
            try s.run()
        }
        try insert(order, id: id, customerID: customerID, productIDs: productIDs)
    }

    // MARK: Events

    func insert(_ event: Event, id: Int64, customerID: Int64) throws {
        let s = try statement(
            "INSERT INTO events (customer_id, id, external_id, type, channel, at, campaign, properties, fingerprint) VALUES (?,?,?,?,?,?,?,?,?)")
        s.bind(1, customerID)
        s.bind(2, id)
        s.bind(3, event.externalID)
        s.bind(4, event.type.value)
        s.bind(5, event.channel?.value)
        s.bind(6, event.at.secondsSinceEpoch)
        s.bind(7, event.campaign)
        s.bind(8, event.propertiesJSON)
        s.bind(9, event.fingerprint)
        try s.run()
    }

    func update(_ event: Event, id: Int64, previousCustomerID: Int64, customerID: Int64) throws {
        let s = try statement("DELETE FROM events WHERE customer_id = ? AND id = ?")
        s.bind(1, previousCustomerID)
        s.bind(2, id)
        try s.run()
        try insert(event, id: id, customerID: customerID)
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
        try db.execute(
            sql: """
                UPDATE customers SET kind = 'customer', updated_at = ?
                WHERE kind = 'prospect' AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id)
                """, arguments: [now.secondsSinceEpoch])
        return db.changesCount
    }

    func record(_ run: ImportRecord) throws {
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
