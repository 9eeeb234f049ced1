import Logging
import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: RecordEditing {
    public func editingRecords<Result>(_ body: (any RecordEditor) throws -> Result) throws -> Result {
        try inLeasedTransaction(holdingWriterLock: true) { lease in
            try body(PostgresRecordEditor(lease: lease, logger: logger, location: location))
        }
    }
}

/// ``RecordEditor`` on one PostgreSQL transaction of a leased connection.
final class PostgresRecordEditor: RecordEditor {
    private let lease: LeasedConnection
    private let logger: Logger
    private let location: PostgresLocation

    init(lease: LeasedConnection, logger: Logger, location: PostgresLocation) {
        self.lease = lease
        self.logger = logger
        self.location = location
    }

    private static func bind(_ value: StoredValue, as kind: StoredColumn.Kind, to bindings: inout PostgresBindings) {
        switch value {
        case .null: bindings.appendNull()
        case .integer(let integer) where kind == .boolean: bindings.append(integer != 0)
        case .integer(let integer) where kind == .real: bindings.append(Double(integer))
        case .integer(let integer): bindings.append(integer)
        case .real(let real) where kind == .integer: bindings.append(Int64(real))
        case .real(let real): bindings.append(real)
        case .text(let text): bindings.append(text)
        case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
        }
    }

    /// `a = $1 AND b IS NULL …`, binding the values after those already in `bindings`.
    private static func condition(_ matching: [ColumnMatch], of table: StoredTable, bindings: inout PostgresBindings) -> String {
        guard !matching.isEmpty else { return "true" }
        return matching.map { match in
            if match.value == .null { return "\(match.column) IS NULL" }
            bind(match.value, as: table.columns[table.index(of: match.column)].kind, to: &bindings)
            return "\(match.column) \(match.comparison.rawValue) $\(bindings.count)"
        }.joined(separator: " AND ")
    }

    private func changes(_ sql: String, _ bindings: PostgresBindings) throws -> Int {
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        let logger = logger
        do {
            return try lease.run { connection in try await connection.changes(query, logger: logger) }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    func rows(of table: StoredTable, matching: [ColumnMatch]) throws -> [[StoredValue]] {
        var bindings = PostgresBindings()
        let condition = Self.condition(matching, of: table, bindings: &bindings)
        let ordering = table.key.map { key in table.columns[table.index(of: key)].kind == .text ? "\(key) COLLATE \"C\"" : key }
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT \(table.columns.map(PostgresKnowledgeBase.selected).joined(separator: ", ")) FROM \(table.name)
                WHERE \(condition) ORDER BY \(ordering.joined(separator: ", "))
                """, binds: bindings)
        let kinds = table.columns.map(\.kind)
        let logger = logger
        do {
            return try lease.run { connection in
                try await connection.all(query, logger: logger) { row in
                    try zip(row, kinds).map { cell, kind in try PostgresKnowledgeBase.storedValue(cell, kind) }
                }
            }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    func insert(_ row: [StoredValue], into table: StoredTable, ignoringConflicts: Bool) throws -> Bool {
        var bindings = PostgresBindings()
        for (value, column) in zip(row, table.columns) { Self.bind(value, as: column.kind, to: &bindings) }
        let placeholders = (1...table.columns.count).map { "$\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", "))) VALUES (\(placeholders))"
            + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : "")
        return try changes(sql, bindings) > 0
    }

    /// Many rows per statement: PostgreSQL takes up to 65,535 parameters, and each statement is a
    /// round trip.
    func insert(rows: [[StoredValue]], into table: StoredTable) throws {
        let width = table.columns.count
        let perStatement = Swift.max(1, 30_000 / width)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<Swift.min(rows.count, start + perStatement)]
            var bindings = PostgresBindings()
            var tuples: [String] = []
            tuples.reserveCapacity(batch.count)
            for row in batch {
                let first = bindings.count
                for (value, column) in zip(row, table.columns) { Self.bind(value, as: column.kind, to: &bindings) }
                tuples.append("(" + (1...width).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            _ = try changes(sql, bindings)
            start += batch.count
        }
    }

    func update(_ table: StoredTable, setting values: [ColumnMatch], matching: [ColumnMatch]) throws -> Int {
        guard !values.isEmpty else { return 0 }
        var bindings = PostgresBindings()
        let assignments = values.map { value in
            Self.bind(value.value, as: table.columns[table.index(of: value.column)].kind, to: &bindings)
            return "\(value.column) = $\(bindings.count)"
        }
        let condition = Self.condition(matching, of: table, bindings: &bindings)
        return try changes("UPDATE \(table.name) SET \(assignments.joined(separator: ", ")) WHERE \(condition)", bindings)
    }

    func delete(from table: StoredTable, matching: [ColumnMatch]) throws -> Int {
        var bindings = PostgresBindings()
        let condition = Self.condition(matching, of: table, bindings: &bindings)
        return try changes("DELETE FROM \(table.name) WHERE \(condition)", bindings)
    }

    func nextID(of table: StoredTable) throws -> Int64 {
        let logger = logger
        let sql = "SELECT coalesce(max(id), 0) + 1 FROM \(table.name)"
        do {
            return try lease.run { connection in
                try await connection.all(PostgresQuery(unsafeSQL: sql), logger: logger) { try $0.decode(Int64.self) }.first ?? 1
            }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }
}
