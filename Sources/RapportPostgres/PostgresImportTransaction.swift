import PostgresNIO
import RapportCore

/// The writes of one import on PostgreSQL, inside the transaction that
/// ``PostgresKnowledgeBase/importing(_:)`` opened on a leased connection, under the writer lock.
///
/// Rows are gathered into ``PendingImportWrites`` and sent with `COPY` in batches of a few MiB;
/// a batch is sent while the importer reads the next rows, and every read or other statement
/// first waits for what is in flight, so the importer sees its own writes.
final class PostgresImportTransaction: ImportTransaction {
    private let lease: LeasedConnection
    private let location: PostgresLocation
    private let logger: Logger
    private var pending = PendingImportWrites()
    private let inFlight = OneInFlight()
    private var droppedIndexes: [String: [(name: String, sql: String)]] = [:]
    private var stagingCreated = false
    /// Next ids this transaction read, and the highest it inserted, by table.
    private var knownNextIDs: [String: Int64] = [:]
    private var highestInserted: [String: Int64] = [:]

    init(lease: LeasedConnection, location: PostgresLocation, logger: Logger) {
        self.lease = lease
        self.location = location
        self.logger = logger
    }

    // MARK: Running

    /// Runs `operation` on the import's connection once what is in flight has landed.
    @discardableResult
    private func run<Value: Sendable>(
        _ operation: @escaping @Sendable (PostgresConnection, Logger) async throws -> Value
    ) throws -> Value {
        try waitForInFlight()
        let logger = logger
        do {
            return try lease.run { connection in try await operation(connection, logger) }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    private func waitForInFlight() throws {
        do {
            try inFlight.wait()
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// Starts sending what is pending, without waiting for it to land.
    private func send() throws {
        guard !pending.isEmpty else { return }
        try waitForInFlight()
        if !stagingCreated {
            stagingCreated = true
            let logger = logger
            do {
                try lease.run { connection in
                    try await connection.query(ImportStaging.create, logger: logger)
                    try await connection.query(ImportStaging.createIdentities, logger: logger)
                }
            } catch {
                throw PostgresStoreError.from(error, location: location)
            }
        }
        let batch = pending.take()
        let connection = lease.connection
        let logger = logger
        try inFlight.start { try await batch.apply(on: connection, logger: logger) }
    }

    /// Sends what is pending and waits for it to land.
    private func flush() throws {
        try send()
        try waitForInFlight()
    }

    private func sendIfFull() throws {
        if pending.byteCount >= CopyRows.batchBytes { try send() }
    }

    func begin() throws {
        try run { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", logger: logger)
            // Indexes rebuilt after a bulk load sort in memory rather than in temporary files.
            try await connection.query("SET LOCAL maintenance_work_mem = '512MB'", logger: logger)
        }
    }

    /// Sends what is left, builds again the indexes a bulk load dropped, records the next ids, and
    /// commits.
    func commit() throws {
        try flush()
        for kind in KeyedRecord.allCases { try endBulkLoad(kind) }
        let counters = highestInserted.map { (kind: $0.key, next: $0.value + 1) }
        try run { connection, logger in
            for counter in counters {
                try await connection.query(
                    """
                    INSERT INTO id_counters (kind, next_id) VALUES (\(counter.kind), \(counter.next))
                    ON CONFLICT (kind) DO UPDATE SET next_id = greatest(id_counters.next_id, excluded.next_id)
                    """, logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        }
    }

    /// Abandons everything: nothing of this import stays.
    func rollBack() {
        try? inFlight.wait()
        _ = try? lease.run { [logger] connection in try await connection.query("ROLLBACK", logger: logger) }
    }

    // MARK: Keys

    /// The stored keys of `kind`, restricted by `condition` on the key column (`external_id` or
    /// `sku`) when given; for customers, the aliases of merged-away customers too.
    private static func keysQuery(_ kind: KeyedRecord, where condition: String = "") -> String {
        let filter = condition.isEmpty ? "" : " WHERE \(keyColumn(kind)) \(condition)"
        return switch kind {
        case .customers:
            "SELECT external_id, id, fingerprint, 0::bigint, false FROM customers\(filter) "
                + "UNION ALL SELECT external_id, customer_id, fingerprint, 0::bigint, true FROM customer_aliases\(filter)"
        case .products: "SELECT sku, id, fingerprint, 0::bigint, false FROM products\(filter)"
        case .orders: "SELECT external_id, id, fingerprint, customer_id, false FROM orders\(filter)"
        case .events: "SELECT external_id, id, fingerprint, customer_id, false FROM events\(filter)"
        }
    }

    private static func keyColumn(_ kind: KeyedRecord) -> String {
        kind == .products ? "sku" : "external_id"
    }

    func existingKeys(_ kind: KeyedRecord) throws -> [String: StoredKey] {
        try flush()
        let sql = Self.keysQuery(kind)
        return try run { connection, logger in
            var keys: [String: StoredKey] = [:]
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            for try await (key, id, fingerprint, customerID, mergedAway) in rows.decode((String, Int64, Int64, Int64, Bool).self) {
                keys[key] = StoredKey(id: id, fingerprint: fingerprint, customerID: customerID, mergedAway: mergedAway)
            }
            return keys
        }
    }

    func existingKeys(_ kind: KeyedRecord, among identifiers: Set<String>) throws -> [String: StoredKey] {
        guard !identifiers.isEmpty else { return [:] }
        try flush()
        var bindings = PostgresBindings()
        bindings.append(Array(identifiers))
        let query = PostgresQuery(unsafeSQL: Self.keysQuery(kind, where: "= ANY($1)"), binds: bindings)
        return try run { connection, logger in
            var keys: [String: StoredKey] = [:]
            for try await (key, id, fingerprint, customerID, mergedAway) in try await connection.query(query, logger: logger)
                .decode((String, Int64, Int64, Int64, Bool).self)
            {
                keys[key] = StoredKey(id: id, fingerprint: fingerprint, customerID: customerID, mergedAway: mergedAway)
            }
            return keys
        }
    }

    /// From `id_counters`, kept by every import under the writer lock; a base that has none yet
    /// (written before the counters, or by hand) is read once with `max(id)`.
    func nextID(_ kind: KeyedRecord) throws -> Int64 {
        let table = kind.rawValue
        let stored: Int64
        if let known = knownNextIDs[table] {
            stored = known
        } else {
            try flush()
            stored = try run { connection, logger in
                let counted = try await connection.all(
                    "SELECT next_id FROM id_counters WHERE kind = \(table)", logger: logger) { try $0.decode(Int64.self) }
                if let next = counted.first { return next }
                return try await connection.all(
                    PostgresQuery(unsafeSQL: "SELECT coalesce(max(id), 0) + 1 FROM \(table)"), logger: logger
                ) { try $0.decode(Int64.self) }.first ?? 1
            }
        }
        let next = max(stored, (highestInserted[table] ?? 0) + 1)
        knownNextIDs[table] = next
        return next
    }

    func catalogue() throws -> [String: CatalogueEntry] {
        try flush()
        return try run { connection, logger in
            var entries: [String: CatalogueEntry] = [:]
            for try await (sku, id, unitCost) in try await connection.query("SELECT sku, id, unit_cost FROM products", logger: logger)
                .decode((String, Int64, Double?).self)
            {
                entries[sku] = CatalogueEntry(id: id, unitCost: unitCost)
            }
            return entries
        }
    }

    // MARK: Bulk loads

    /// Into an empty table, drops its primary key and secondary indexes (and those of its lines
    /// for orders), built again once at the end, sorted, then gathers the table's statistics:
    /// inserting ten million random keys one by one into a B-tree costs several times more than
    /// building it, and a table loaded in this transaction has no statistics for the planner.
    func beginBulkLoad(_ kind: KeyedRecord) throws {
        let table = kind.rawValue
        guard droppedIndexes[table] == nil else { return }
        let tables = kind == .orders ? [table, "order_lines"] : [table]
        try flush()
        let dropped = try run { connection, logger in
            var dropped: [(name: String, sql: String)] = []
            for table in tables {
                let empty = try await connection.all(
                    PostgresQuery(unsafeSQL: "SELECT NOT EXISTS (SELECT 1 FROM \(table))"), logger: logger) { try $0.decode(Bool.self) }
                guard empty.first == true else { continue }
                if let key = PostgresSchema.primaryKeys[table] {
                    try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) DROP CONSTRAINT \(table)_pkey"), logger: logger)
                    dropped.append(("\(table)_pkey", "ALTER TABLE \(table) ADD CONSTRAINT \(table)_pkey PRIMARY KEY (\(key))"))
                }
                for index in PostgresSchema.secondaryIndexes[table] ?? [] {
                    try await connection.query(PostgresQuery(unsafeSQL: "DROP INDEX IF EXISTS \(index.name)"), logger: logger)
                    dropped.append(index)
                }
                dropped.append(("", "ANALYZE \(table)"))
            }
            return dropped
        }
        droppedIndexes[table] = dropped
    }

    func endBulkLoad(_ kind: KeyedRecord) throws {
        guard let statements = droppedIndexes[kind.rawValue] else { return }
        try flush()
        droppedIndexes[kind.rawValue] = nil
        try run { connection, logger in
            for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement.sql), logger: logger) }
        }
    }

    /// Before a write that finds rows by key (an update, a replacement): the key must be there.
    private func restoreKeys(of kind: KeyedRecord) throws {
        if droppedIndexes[kind.rawValue] != nil { try endBulkLoad(kind) }
    }

    // MARK: Customers

    private func noteInserted(_ table: String, _ id: Int64) {
        if id > highestInserted[table, default: 0] { highestInserted[table] = id }
    }

    func insert(_ customer: Customer, fields: CustomerFields, fingerprint: Int64, id: Int64, now: Instant) throws {
        noteInserted("customers", id)
        pending.insert(customer, id: id, fingerprint: fingerprint, now: now)
        try sendIfFull()
    }

    func update(_ customer: Customer, fields: CustomerFields, fingerprint: Int64, id: Int64, now: Instant) throws {
        try restoreKeys(of: .customers)
        if pending.customerIDs.contains(id) { try send() }
        pending.update(customer, fields: fields, id: id, fingerprint: fingerprint, now: now)
        try sendIfFull()
    }

    // MARK: Products (a catalogue is small: one statement per product)

    func insert(_ product: Product, fingerprint: Int64, id: Int64, now: Instant) throws {
        noteInserted("products", id)
        try run { connection, logger in
            try await connection.query(
                """
                INSERT INTO products (id, sku, name, category, price, unit_cost, created_at, updated_at, fingerprint)
                VALUES (\(id), \(product.sku), \(product.name), \(product.category), \(product.price), \(product.unitCost),
                        \(now.secondsSinceEpoch), \(now.secondsSinceEpoch), \(fingerprint))
                """, logger: logger)
        }
    }

    func update(_ product: Product, fingerprint: Int64, id: Int64, now: Instant) throws {
        try run { connection, logger in
            try await connection.query(
                """
                UPDATE products SET sku = \(product.sku), name = \(product.name), category = \(product.category),
                    price = \(product.price), unit_cost = \(product.unitCost), updated_at = \(now.secondsSinceEpoch),
                    fingerprint = \(fingerprint)
                WHERE id = \(id)
                """, logger: logger)
        }
    }

    // MARK: Orders and events

    func insert(_ order: Order, fingerprint: Int64, id: Int64, customerID: Int64, productIDs: [Int64]) throws {
        noteInserted("orders", id)
        pending.insert(order, id: id, fingerprint: fingerprint, customerID: customerID, productIDs: productIDs)
        try sendIfFull()
    }

    func update(
        _ order: Order, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64, productIDs: [Int64]
    ) throws {
        try restoreKeys(of: .orders)
        if pending.orderIDs.contains(id) { try send() }
        pending.replaceOrder(id: id, of: previousCustomerID)
        pending.insert(order, id: id, fingerprint: fingerprint, customerID: customerID, productIDs: productIDs)
        try sendIfFull()
    }

    func insert(_ event: Event, fingerprint: Int64, id: Int64, customerID: Int64) throws {
        noteInserted("events", id)
        pending.insert(event, id: id, fingerprint: fingerprint, customerID: customerID)
        try sendIfFull()
    }

    func update(_ event: Event, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64) throws {
        try restoreKeys(of: .events)
        if pending.eventIDs.contains(id) { try send() }
        pending.replaceEvent(id: id, of: previousCustomerID)
        pending.insert(event, id: id, fingerprint: fingerprint, customerID: customerID)
        try sendIfFull()
    }

    // MARK: Consents

    /// One round trip: the statement reads the consent as stored, writes it when it differs, and
    /// says which of the three it was.
    func record(_ consent: Consent, customerID: Int64, now: Instant) throws -> UpsertOutcome {
        let channel = consent.channel.rawValue
        let status = consent.status.rawValue
        let at = consent.at.secondsSinceEpoch
        let source = consent.source
        let outcome = try run { connection, logger in
            try await connection.all(
                """
                WITH stored AS (
                    SELECT status, source FROM consents WHERE customer_id = \(customerID) AND channel = \(channel) AND at = \(at)
                ), written AS (
                    INSERT INTO consents (customer_id, channel, at, status, source, recorded_at)
                    SELECT \(customerID), \(channel), \(at), \(status), \(source), \(now.secondsSinceEpoch)
                    WHERE NOT EXISTS (SELECT 1 FROM stored WHERE stored.status = \(status) AND stored.source IS NOT DISTINCT FROM \(source))
                    ON CONFLICT (customer_id, channel, at) DO UPDATE
                        SET status = excluded.status, source = excluded.source, recorded_at = excluded.recorded_at
                    RETURNING 1
                )
                SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM stored) THEN 'inserted'
                            WHEN EXISTS (SELECT 1 FROM written) THEN 'updated' ELSE 'unchanged' END
                """, logger: logger
            ) { try $0.decode(String.self) }.first
        }
        switch outcome {
        case "inserted": return .inserted
        case "updated": return .updated
        default: return .unchanged
        }
    }

    // MARK: After an import

    func promoteProspectsWithOrders(now: Instant) throws -> Int {
        try flush()
        return try run { connection, logger in
            try await connection.changes(
                """
                UPDATE customers SET kind = 'customer', updated_at = \(now.secondsSinceEpoch)
                WHERE kind = 'prospect' AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id)
                """, logger: logger)
        }
    }

    func promoteProspectsWithOrders(among ids: [Int64], now: Instant) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        try flush()
        return try run { connection, logger in
            try await connection.changes(
                """
                UPDATE customers SET kind = 'customer', updated_at = \(now.secondsSinceEpoch)
                WHERE id = ANY(\(ids)) AND kind = 'prospect'
                  AND EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id)
                """, logger: logger)
        }
    }

    func record(_ run: ImportRecord) throws {
        try flush()
        try self.run { connection, logger in
            try await connection.query(
                """
                INSERT INTO imports (kind, file, bytes, started_at, finished_at, inserted, updated, unchanged, rejected)
                VALUES (\(run.kind), \(run.file), \(run.bytes), \(run.startedAt.secondsSinceEpoch),
                        \(run.finishedAt.secondsSinceEpoch), \(run.counts.inserted), \(run.counts.updated),
                        \(run.counts.unchanged), \(run.counts.rejected))
                """, logger: logger)
        }
    }
}
