import GRDB
import RapportCore
import GRDBSQLite

/// A prepared statement driven through SQLite's C interface, for the bulk paths where GRDB's
/// `StatementArguments` (an array of existentials per row) would cost more than the insert itself.
/// Lives inside one GRDB write access and is finalized with it.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw SQLiteStoreError.closed }
        var statement: OpaquePointer?
        let code = sql.withCString { sqlite3_prepare_v3(connection, $0, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) }
        guard code == SQLITE_OK, let statement else {
            throw SQLiteStoreError.sqlite(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), rawStatementTransient)
        }
    }

    /// Runs a statement that returns no row, then resets it for the next bindings.
    func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw SQLiteStoreError.sqlite(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }

    /// Steps once; returns true while a row is available (read it with `int64`, `text`, …).
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw SQLiteStoreError.sqlite(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }

    func reset() {
        sqlite3_reset(handle)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }
    /// An order status from its stored text without making a String: `completed`, `cancelled` and
    /// `returned` differ in their first two bytes.
    func orderStatus(_ column: Int32) -> OrderStatus {
        guard let pointer = sqlite3_column_text(handle, column), sqlite3_column_bytes(handle, column) >= 2 else {
            return .completed
        }
        switch (pointer[0], pointer[1]) {
        case (UInt8(ascii: "c"), UInt8(ascii: "a")): return .cancelled
        case (UInt8(ascii: "r"), _): return .returned
        default: return .completed
        }
    }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column as stored, whatever its type.
    func storedValue(_ column: Int32) -> StoredValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(text(column) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let pointer = sqlite3_column_blob(handle, column), count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }

    func bind(_ index: Int32, _ value: StoredValue) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let integer): sqlite3_bind_int64(handle, index, integer)
        case .real(let real): sqlite3_bind_double(handle, index, real)
        case .text(let text): bind(index, text)
        case .blob(let bytes):
            bytes.withUnsafeBytes { buffer in
                _ = sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), rawStatementTransient)
            }
        }
    }
}

/// SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.
nonisolated(unsafe) let rawStatementTransient = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// Failures of the SQLite store, with SQLite's own message and the statement.
public enum SQLiteStoreError: Error, CustomStringConvertible {
    case closed
    case sqlite(code: Int32, message: String, sql: String)
    case cannotOpen(path: String, reason: String)
    case busy(path: String)

    public var description: String {
        switch self {
        case .closed: return "the database connection is closed"
        case .sqlite(let code, let message, let sql):
            return "SQLite error \(code): \(message) (in: \(sql.prefix(120)))"
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path) (\(reason)); check that its folder exists and that you may write there"
        case .busy(let path):
            return "\(path) is busy: another import or command is writing to it; run this again when it has finished"
        }
    }
}
