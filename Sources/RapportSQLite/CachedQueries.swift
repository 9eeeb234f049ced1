import GRDB

/// Reads through statements prepared once per connection and kept (`cachedStatement`), for the
/// queries the server runs on every request (a customer's 360 view, token checks). Preparing a
/// statement each time costs more than running these indexed lookups: SQLite parses it, and GRDB
/// authorizes every column it reads to track the regions it observes (a third of a 360 request's
/// CPU before). Only for SQL text that does not vary with values: each distinct text stays cached.
///
/// Rows are handed to `transform` while the statement steps, never kept: such a row finds a column
/// by its (lowercase) name in the statement's index, where a copied row compares the lowercased
/// names of all its columns, one by one, on every access (a tenth of the 360 view's CPU).
extension Database {
    /// Every row of the query, each turned into a value by `transform`.
    func cachedRows<Value>(
        sql: String, arguments: StatementArguments = StatementArguments(), _ transform: (Row) throws -> Value
    ) throws -> [Value] {
        let rows = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        var values: [Value] = []
        while let row = try rows.next() { values.append(try transform(row)) }
        return values
    }

    /// The first row of the query turned into a value by `transform`, or nil when there is none.
    func cachedRow<Value>(
        sql: String, arguments: StatementArguments = StatementArguments(), _ transform: (Row) throws -> Value
    ) throws -> Value? {
        let rows = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        return try rows.next().map(transform)
    }

    func cachedValue<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type, sql: String, arguments: StatementArguments = StatementArguments()
    ) throws -> Value? {
        try Value.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
