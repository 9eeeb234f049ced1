public import RapportCore
import GRDB
import Synchronization

/// The knowledge base in one SQLite file: the embedded default.
///
/// Opens the file in WAL mode (readers never wait for the writer), creates or upgrades the schema
/// on open, and runs each import in one write transaction so that a killed process leaves the file
/// as it was before that import.
public final class SQLiteKnowledgeBase: KnowledgeBaseStore, BackgroundCheckpointing {
    let pool: DatabasePool
    public let path: String
    /// Next ids of orders and events between write transactions.
    let nextIDs = NextIDs()
    /// The connection that checkpoints once they are moved off the writer.
    private let checkpointer = Mutex<DatabaseQueue?>(nil)

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    /// A write waits up to `busyTimeout` seconds for another process's write to finish.
    ///
    /// With `durableCommits`, a commit reaches the disk before it returns (`synchronous = FULL`):
    /// what the server acknowledges survives a power cut. Without, a commit survives the process
    /// being killed but may be lost with the machine (`NORMAL`, enough for a batch import that
    /// can be run again).
    public init(path: String, busyTimeout: Double = 10, durableCommits: Bool = false) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // Importers check every reference before writing (unknown customers and products are
        // rejected rows), so SQLite's per-insert foreign-key lookups would only repeat that work;
        // the REFERENCES clauses stay in the schema as documentation and for PostgreSQL.
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            try db.execute(sql: durableCommits ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SQLiteStoreError.cannotOpen(path: path, reason: "\(error)")
        }
        self.path = path
        try KnowledgeBaseSchema.migrator.migrate(pool)
    }

    public func moveCheckpointsOffTheWriter() throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        checkpointer.withLock { $0 = queue }
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }

    public func checkpoint() throws {
        guard let queue = checkpointer.withLock({ $0 }) else { return }
        try queue.writeWithoutTransaction { _ = try $0.checkpoint(.passive) }
    }

    public func importing<Result>(_ body: (any ImportTransaction) throws -> Result) throws -> Result {
        do {
            let (result, learned) = try pool.write { db in
                let transaction = SQLiteImportTransaction(db, nextIDs: nextIDs)
                let result = try body(transaction)
                try transaction.finish()
                return (result, try transaction.learnedNextIDs())
            }
            // Committed: the ids it used are taken.
            if let learned { nextIDs.committed(dataVersion: learned.dataVersion, known: learned.known, inserted: learned.inserted) }
            return result
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw SQLiteStoreError.busy(path: path)
        }
    }

    public func customerID(matching reference: String) throws -> Int64? {
        try pool.read { db in try Self.customerID(matching: reference, in: db) }
    }

    static func customerID(matching reference: String, in db: Database) throws -> Int64? {
        if let id = try db.cachedValue(Int64.self, sql: "SELECT id FROM customers WHERE external_id = ?", arguments: [reference]) {
            return id
        }
        if let id = try db.cachedValue(
            Int64.self, sql: "SELECT customer_id FROM identities WHERE value = ? AND kind IN ('email', 'phone') LIMIT 1",
            arguments: [reference])
        {
            return id
        }
        return try db.cachedValue(
            Int64.self, sql: "SELECT customer_id FROM customer_aliases WHERE external_id = ?", arguments: [reference])
    }

    public func customer360(id: Int64, recentLimit: Int) throws -> Customer360? {
        try pool.read { db in try Customer360Reader(db: db).read(id: id, recentLimit: recentLimit) }
    }

    public func importJournal(limit: Int) throws -> [ImportJournalEntry] {
        try pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM imports ORDER BY id DESC LIMIT ?", arguments: [limit], Self.journalEntry)
        }
    }

    public func importJournalEntry(id: Int64) throws -> ImportJournalEntry? {
        try pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM imports WHERE id = ?", arguments: [id], Self.journalEntry)
        }
    }

    private static func journalEntry(_ row: Row) -> ImportJournalEntry {
        ImportJournalEntry(
            id: row["id"],
            record: ImportRecord(
                kind: row["kind"], file: row["file"], bytes: row["bytes"],
                startedAt: Instant(secondsSinceEpoch: row["started_at"]), finishedAt: Instant(secondsSinceEpoch: row["finished_at"]),
                counts: ImportCounts(inserted: row["inserted"], updated: row["updated"], unchanged: row["unchanged"], rejected: row["rejected"])))
    }

    public func summary() throws -> KnowledgeBaseSummary {
        try pool.read { db in try SummaryReader(db: db).read() }
    }

    /// Runs `sql` and returns the first column of the first row: for tests and checks.
    public func scalar(_ sql: String) throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: sql) }
    }

    /// Runs `sql` and returns the first column of every row: for tests and checks.
    public func int64s(_ sql: String) throws -> [Int64] {
        try pool.read { db in try Int64.fetchAll(db, sql: sql) }
    }

    /// Every row of `table`, each as one line of SQL literals in column order, ordered by the
    /// table's key: for checks that a table is exactly as it was.
    public func dump(_ table: String) throws -> [String] {
        try pool.read { db in
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
            let keys = try String.fetchAll(
                db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
            let line = columns.map { "quote(\($0))" }.joined(separator: " || ',' || ")
            let order = (keys.isEmpty ? columns : keys).joined(separator: ", ")
            return try String.fetchAll(db, sql: "SELECT \(line) FROM \(table) ORDER BY \(order)")
        }
    }
}
