import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: RecordEditing {
    public func editingRecords<Result>(_ body: (any RecordEditor) throws -> Result) throws -> Result {
        do {
            return try pool.write { db in try body(SQLiteRecordEditor(db)) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw SQLiteStoreError.busy(path: path)
        }
    }
}

/// ``RecordEditor`` on one SQLite write transaction; statements are prepared once per shape.
final class SQLiteRecordEditor: RecordEditor {
    private let db: Database
    private var statements: [String: RawStatement] = [:]

    init(_ db: Database) {
        self.db = db
    }

    private func statement(_ sql: String) throws -> RawStatement {
        if let known = statements[sql] { return known }
        let made = try RawStatement(db, sql)
        statements[sql] = made
        return made
    }

    /// `a = ? AND b IS NULL …`, and the values to bind in order.
    private static func condition(_ matching: [ColumnMatch]) -> (sql: String, values: [StoredValue]) {
        guard !matching.isEmpty else { return ("1", []) }
        var parts: [String] = []
        var values: [StoredValue] = []
        for match in matching {
            if match.value == .null {
                parts.append("\(match.column) IS NULL")
            } else {
                parts.append("\(match.column) \(match.comparison.rawValue) ?")
                values.append(match.value)
            }
        }
        return (parts.joined(separator: " AND "), values)
    }

    func rows(of table: StoredTable, matching: [ColumnMatch]) throws -> [[StoredValue]] {
        let (condition, values) = Self.condition(matching)
        let rows = try statement(
            "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.name) WHERE \(condition) ORDER BY \(table.key.joined(separator: ", "))")
        defer { rows.reset() }
        for (index, value) in values.enumerated() { rows.bind(Int32(index + 1), value) }
        var found: [[StoredValue]] = []
        let count = Int32(table.columns.count)
        while try rows.step() {
            found.append((0..<count).map { rows.storedValue($0) })
        }
        return found
    }

    func scanRows(
        of table: StoredTable, columns: [String], matching: [ColumnMatch], _ body: ([StoredValue]) throws -> Void
    ) throws {
        let (condition, values) = Self.condition(matching)
        let rows = try statement("SELECT \(columns.joined(separator: ", ")) FROM \(table.name) WHERE \(condition)")
        defer { rows.reset() }
        for (index, value) in values.enumerated() { rows.bind(Int32(index + 1), value) }
        let count = Int32(columns.count)
        var row = [StoredValue](repeating: .null, count: columns.count)
        while try rows.step() {
            for column in 0..<count { row[Int(column)] = rows.storedValue(column) }
            try body(row)
        }
    }

    func insert(_ row: [StoredValue], into table: StoredTable, ignoringConflicts: Bool) throws -> Bool {
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let insert = try statement(
            "INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", "))) VALUES (\(placeholders))"
                + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : ""))
        for (index, value) in row.enumerated() { insert.bind(Int32(index + 1), value) }
        try insert.run()
        return db.changesCount > 0
    }

    func update(_ table: StoredTable, setting values: [ColumnMatch], matching: [ColumnMatch]) throws -> Int {
        guard !values.isEmpty else { return 0 }
        let (condition, conditionValues) = Self.condition(matching)
        let update = try statement(
            "UPDATE \(table.name) SET \(values.map { "\($0.column) = ?" }.joined(separator: ", ")) WHERE \(condition)")
        for (index, value) in (values.map(\.value) + conditionValues).enumerated() { update.bind(Int32(index + 1), value) }
        try update.run()
        return db.changesCount
    }

    func delete(from table: StoredTable, matching: [ColumnMatch]) throws -> Int {
        let (condition, values) = Self.condition(matching)
        let delete = try statement("DELETE FROM \(table.name) WHERE \(condition)")
        for (index, value) in values.enumerated() { delete.bind(Int32(index + 1), value) }
        try delete.run()
        return db.changesCount
    }

    func nextID(of table: StoredTable) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM \(table.name)") ?? 1
    }
}
