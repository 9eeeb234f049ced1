/// One condition on a column: `column = value` (a `.null` value matches nulls), `column >= value`
/// or `column < value`.
public struct ColumnMatch: Sendable, Hashable {
    public enum Comparison: String, Sendable, Hashable {
        case equal = "="
        case atLeast = ">="
        case below = "<"
    }

    public var column: String
    public var value: StoredValue
    public var comparison: Comparison

    public init(_ column: String, _ value: StoredValue, _ comparison: Comparison = .equal) {
        self.column = column
        self.value = value
        self.comparison = comparison
    }
}

/// Row-level reads and writes of the knowledge base's tables inside one transaction that holds
/// the writer lock: what merges, unmerges, privacy exports and erasures are written with, once,
/// for every store. Values are as ``TableTransfer`` reads and writes them (JSON as text).
public protocol RecordEditor: AnyObject {
    /// The rows of `table` whose columns equal every condition of `matching`, in key order.
    func rows(of table: StoredTable, matching: [ColumnMatch]) throws -> [[StoredValue]]
    /// Inserts `row` (values in the order of the table's columns). With `ignoringConflicts`, a row
    /// whose key is already taken is skipped and the result is false; otherwise that is an error.
    @discardableResult
    func insert(_ row: [StoredValue], into table: StoredTable, ignoringConflicts: Bool) throws -> Bool
    /// Inserts many rows at once (values in the order of the table's columns); a taken key is an
    /// error. Stores that can send several rows per statement do.
    func insert(rows: [[StoredValue]], into table: StoredTable) throws
    /// Sets `values` on the rows that match (`values` use `.equal`); returns how many changed.
    @discardableResult
    func update(_ table: StoredTable, setting values: [ColumnMatch], matching: [ColumnMatch]) throws -> Int
    /// Deletes the rows that match; returns how many went.
    @discardableResult
    func delete(from table: StoredTable, matching: [ColumnMatch]) throws -> Int
    /// One more than the largest `id` of `table` (1 when it is empty).
    func nextID(of table: StoredTable) throws -> Int64
    /// Calls `body` with the named `columns` of each matching row, in no particular order.
    func scanRows(of table: StoredTable, columns: [String], matching: [ColumnMatch], _ body: ([StoredValue]) throws -> Void) throws
}

extension RecordEditor {
    public func insert(rows: [[StoredValue]], into table: StoredTable) throws {
        for row in rows { try insert(row, into: table, ignoringConflicts: false) }
    }

    /// Calls `body` with the named `columns` of each matching row, in no particular order, without
    /// keeping the rows (reports over a million contacts). Stores that can stream do; this default
    /// reads the rows first.
    public func scanRows(
        of table: StoredTable, columns: [String], matching: [ColumnMatch], _ body: ([StoredValue]) throws -> Void
    ) throws {
        let indexes = columns.map(table.index(of:))
        for row in try rows(of: table, matching: matching) { try body(indexes.map { row[$0] }) }
    }
}

/// A store whose tables can be edited row by row in one transaction.
public protocol RecordEditing: Sendable {
    /// Runs `body` in one transaction under the writer lock (no import runs at the same time):
    /// everything it writes is committed when it returns, nothing when it throws or the process dies.
    func editingRecords<Result>(_ body: (any RecordEditor) throws -> Result) throws -> Result
}
