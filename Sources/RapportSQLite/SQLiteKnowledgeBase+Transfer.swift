import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: TableTransfer {
    public func readRows(of table: StoredTable, _ body: ([StoredValue]) throws -> Void) throws {
        let sql = "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.key.joined(separator: ", "))"
        try pool.read { db in
            let rows = try RawStatement(db, sql)
            defer { rows.reset() }
            let count = Int32(table.columns.count)
            var values: [StoredValue] = []
            values.reserveCapacity(Int(count))
            while try rows.step() {
                values.removeAll(keepingCapacity: true)
                for index in 0..<count { values.append(rows.storedValue(index)) }
                try body(values)
            }
        }
    }

    public func load(
        _ tables: [StoredTable], from produce: (StoredTable, _ write: ([StoredValue]) throws -> Void) throws -> Void
    ) throws {
        try pool.write { db in
            for table in tables {
                let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                let insert = try RawStatement(
                    db, "INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", "))) VALUES (\(placeholders))")
                try produce(table) { values in
                    for (index, value) in values.enumerated() { insert.bind(Int32(index + 1), value) }
                    try insert.run()
                }
            }
        }
        // SQLite numbers rows from max(id); the remembered next ids must not survive the load.
        nextIDs.forget()
    }

    public func rowCount(of table: StoredTable) throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
    }
}
