public import RapportCore
import Logging
import PostgresNIO

/// The knowledge base in a PostgreSQL database, for a base that no longer fits a file, with the
/// same behaviour as ``SQLiteKnowledgeBase`` (the contract tests check both).
///
/// Connections come from a `PostgresClient` pool run as a service for the life of the store.
/// Opening the store migrates the schema (numbered migrations under an advisory lock, so two
/// processes starting together migrate once). Each import is one transaction under the writer
/// lock: a killed process leaves the base as it was before that import.
public final class PostgresKnowledgeBase: KnowledgeBaseStore {
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let service: ServiceRun

    /// Connects to the database `url` names and migrates it to the current schema.
    public convenience init(url: String) throws {
        try self.init(location: try PostgresLocation(url: url))
    }

    public init(location: PostgresLocation) throws {
        self.location = location
        var logger = Logger(label: "rapport.postgres")
        logger.logLevel = .critical
        self.logger = logger
        try Self.checkReachable(location, logger: logger)
        let client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
        self.client = client
        service = ServiceRun(client)
        do {
            try migrate()
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Connects once and disconnects: a server that is down, a wrong password or a missing
    /// database are told now, in one sentence, rather than after the pool's retries.
    static func checkReachable(_ location: PostgresLocation, logger: Logger) throws {
        do {
            let configuration = try location.connectionConfiguration()
            try blocking {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                try await connection.close()
            }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// Stops the pool; the store must not be used after.
    public func close() {
        service.cancel()
    }

    // MARK: Running statements

    /// Runs `operation` on a connection of the pool, blocking until it ends; errors come back as
    /// ``PostgresStoreError``.
    func withConnection<Value: Sendable>(
        _ operation: @escaping @Sendable (PostgresConnection) async throws -> Value
    ) throws -> Value {
        let client = client
        let location = location
        do {
            return try blocking { try await client.withConnection(operation) }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// A connection of the pool held until ``LeasedConnection/giveBack()``: for the work that spans
    /// many calls of synchronous code (an import, a copy, the scores of an analysis).
    func leaseConnection() throws -> LeasedConnection {
        do {
            return try LeasedConnection(from: client)
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// Runs `operation` in one transaction: committed when it returns, rolled back when it throws.
    func inTransaction<Value: Sendable>(
        readOnly: Bool = false, _ operation: @escaping @Sendable (PostgresConnection) async throws -> Value
    ) throws -> Value {
        let logger = logger
        return try withConnection { connection in
            try await connection.query(readOnly ? "BEGIN READ ONLY" : "BEGIN", logger: logger)
            do {
                let value = try await operation(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Runs `body` in one transaction on a connection leased for its whole length: committed when
    /// it returns, rolled back when it throws. With `holdingWriterLock`, no import or other writer
    /// of importer-numbered rows runs meanwhile.
    func inLeasedTransaction<Result>(holdingWriterLock: Bool, _ body: (LeasedConnection) throws -> Result) throws -> Result {
        let lease = try leaseConnection()
        defer { lease.giveBack() }
        let logger = logger
        do {
            try lease.run { connection in
                try await connection.query("BEGIN", logger: logger)
                if holdingWriterLock {
                    try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", logger: logger)
                }
            }
            let result = try body(lease)
            try lease.run { connection in try await connection.query("COMMIT", logger: logger) }
            return result
        } catch {
            _ = try? lease.run { connection in try await connection.query("ROLLBACK", logger: logger) }
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// Every row of `query`, each turned into a value by `transform`.
    func rows<Value: Sendable>(_ query: PostgresQuery, _ transform: @escaping @Sendable (PostgresRow) throws -> Value) throws -> [Value] {
        let logger = logger
        return try withConnection { connection in try await connection.all(query, logger: logger, transform) }
    }

    /// Runs `query` on a connection of its own and hands each row, made a value by `decode`, to
    /// `body` as it arrives: a scan of ten million rows never waits in memory, and scans run side
    /// by side. The errors of `body` reach the caller as they are, the server's as
    /// ``PostgresStoreError``.
    func stream<Value>(
        _ query: PostgresQuery, to body: (Value) throws -> Void, _ decode: @escaping @Sendable (PostgresRow) throws -> Value
    ) throws {
        let client = client
        let logger = logger
        do {
            try blocking(passing: body) { body in
                try await client.withConnection { connection in
                    for try await row in try await connection.query(query, logger: logger) {
                        try body.value(try decode(row))
                    }
                }
            }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// Runs `query` and returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        let logger = logger
        return try withConnection { connection in try await connection.changes(query, logger: logger) }
    }

    // MARK: Migrations

    private func migrate() throws {
        let logger = logger
        try inTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            let applied = Set(try await connection.all("SELECT version FROM schema_migrations", logger: logger) { try $0.decode(Int.self) })
            for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                // The extended protocol takes one statement at a time; the migrations end each with ";" and a line break.
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
            }
        }
    }

    /// The versions of the migrations applied to the base, ascending.
    public func appliedMigrations() throws -> [Int] {
        try rows("SELECT version FROM schema_migrations ORDER BY version") { try $0.decode(Int.self) }
    }

    // MARK: Checks

    /// Runs `sql` and returns the first column of the first row: for tests and checks.
    public func scalar(_ sql: String) throws -> Int64? {
        try rows(PostgresQuery(unsafeSQL: sql)) { try $0.decode(Int64?.self) }.first ?? nil
    }

    /// Runs `sql` and returns the first column of every row: for tests and checks.
    public func int64s(_ sql: String) throws -> [Int64] {
        try rows(PostgresQuery(unsafeSQL: sql)) { try $0.decode(Int64.self) }
    }
}

/// The pool's run loop, cancelled when the store closes. It runs on the store's executor: the
/// pool must not wait for a cooperative thread that a blocked caller holds.
struct ServiceRun: Sendable {
    private let task: Task<Void, Never>

    init(_ client: PostgresClient) {
        task = Task(executorPreference: BlockingExecutor.shared) { await client.run() }
    }

    func cancel() {
        task.cancel()
    }
}

extension PostgresConnection {
    /// Every row of `query`, each turned into a value by `transform`.
    func all<Value>(_ query: PostgresQuery, logger: Logger, _ transform: (PostgresRow) throws -> Value) async throws -> [Value] {
        var values: [Value] = []
        for try await row in try await self.query(query, logger: logger) {
            values.append(try transform(row))
        }
        return values
    }

    /// Runs `query`, drops its rows, returns how many rows it changed (0 when it says nothing).
    func changes(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        // The future interface is the one that reads the command tag's row count.
        let result: EventLoopFuture<PostgresQueryResult> = self.query(query, logger: logger)
        return try await result.get().metadata.rows ?? 0
    }
}
