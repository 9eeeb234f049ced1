public import RapportCore
import PostgresNIO

extension PostgresKnowledgeBase: TableTransfer {
    /// The column as ``StoredValue`` expects it: JSON as text, booleans as 0 or 1.
    static func selected(_ column: StoredColumn) -> String {
        switch column.kind {
        case .json: "\(column.name)::text"
        case .boolean: "\(column.name)::int::bigint"
        default: column.name
        }
    }

    /// Text keys in byte order, as SQLite orders them, whatever the database's collation.
    private static func ordering(_ table: StoredTable) -> String {
        table.key.map { key in
            let kind = table.columns.first { $0.name == key }?.kind
            return kind == .text ? "\(key) COLLATE \"C\"" : key
        }.joined(separator: ", ")
    }

    public func readRows(of table: StoredTable, _ body: ([StoredValue]) throws -> Void) throws {
        let sql = "SELECT \(table.columns.map(Self.selected).joined(separator: ", ")) FROM \(table.name) ORDER BY \(Self.ordering(table))"
        let kinds = table.columns.map(\.kind)
        try stream(PostgresQuery(unsafeSQL: sql), to: body) { row in
            try zip(row, kinds).map { cell, kind in try Self.storedValue(cell, kind) }
        }
    }

    static func storedValue(_ cell: PostgresCell, _ kind: StoredColumn.Kind) throws -> StoredValue {
        switch kind {
        case .integer, .boolean: try cell.decode(Int64?.self).map(StoredValue.integer) ?? .null
        case .real: try cell.decode(Double?.self).map(StoredValue.real) ?? .null
        case .text, .json: try cell.decode(String?.self).map(StoredValue.text) ?? .null
        case .blob: try cell.decode(ByteBuffer?.self).map { StoredValue.blob(Array($0.readableBytesView)) } ?? .null
        }
    }

    public func load(
        _ tables: [StoredTable], from produce: (StoredTable, _ write: ([StoredValue]) throws -> Void) throws -> Void
    ) throws {
        let logger = logger
        try inLeasedTransaction(holdingWriterLock: true) { lease in
            for table in tables {
                var rows = CopyRows(table: table.name, columns: table.columnNames)
                func send() throws {
                    let buffer = rows.take()
                    let name = table.name
                    let columns = table.columnNames
                    try lease.run { connection in try await connection.copy(buffer, into: name, columns: columns, logger: logger) }
                }
                try produce(table) { values in
                    for (value, column) in zip(values, table.columns) { Self.append(value, as: column.kind, to: &rows) }
                    rows.endRow()
                    if rows.byteCount >= CopyRows.batchBytes { try send() }
                }
                try send()
            }
            let numbered = tables.filter(\.numbersItsRows).map(\.name)
            try lease.run { connection in
                for table in numbered {
                    try await connection.query(
                        PostgresQuery(
                            unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)"),
                        logger: logger)
                }
                for kind in KeyedRecord.allCases {
                    try await connection.query(
                        PostgresQuery(
                            unsafeSQL: """
                                INSERT INTO id_counters (kind, next_id) SELECT '\(kind.rawValue)', coalesce(max(id), 0) + 1 FROM \(kind.rawValue)
                                ON CONFLICT (kind) DO UPDATE SET next_id = excluded.next_id
                                """), logger: logger)
                }
            }
        }
    }

    private static func append(_ value: StoredValue, as kind: StoredColumn.Kind, to rows: inout CopyRows) {
        switch value {
        case .null: rows.appendNull()
        case .integer(let integer) where kind == .boolean: rows.append(integer != 0)
        case .integer(let integer): rows.append(integer)
        case .real(let real) where kind == .integer: rows.append(Int64(real))
        case .real(let real): rows.append(real)
        case .text(let text): rows.append(text)
        case .blob(let bytes): rows.appendBytes(bytes)
        }
    }

    public func rowCount(of table: StoredTable) throws -> Int64 {
        try scalar("SELECT count(*) FROM \(table.name)") ?? 0
    }
}
