import GRDB

/// Rows of one table waiting to be written with a multi-row `INSERT … VALUES (…), (…), …`: one
/// statement execution per `size` rows instead of one per row, which halves the cost of a bulk
/// load. The transaction flushes every batch before it runs any other statement, so reads and
/// updates always see the rows added before them.
final class InsertBatch<Row> {
    private let single: RawStatement
    private let multiple: RawStatement
    private let columns: Int32
    private let size: Int
    private let bind: (RawStatement, Int32, Row) -> Void
    private var pending: [Row] = []

    /// `bind(statement, offset, row)` binds the row's values at parameters `offset + 1 …`.
    init(
        _ db: Database, into table: String, columns: [String], size: Int = 128,
        bind: @escaping (RawStatement, Int32, Row) -> Void
    ) throws {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        single = try RawStatement(db, prefix + tuple)
        multiple = try RawStatement(db, prefix + Array(repeating: tuple, count: size).joined(separator: ","))
        self.columns = Int32(columns.count)
        self.size = size
        self.bind = bind
        pending.reserveCapacity(size)
    }

    func add(_ row: Row) throws {
        pending.append(row)
        if pending.count == size { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        if pending.count == size {
            for (index, row) in pending.enumerated() { bind(multiple, Int32(index) * columns, row) }
            try multiple.run()
        } else {
            for row in pending {
                bind(single, 0, row)
                try single.run()
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
