import GRDB

/// Reads through statements prepared once per connection and kept (`cachedStatement`), for the
/// queries the server runs on every request (a customer's 360 view, token checks). Preparing a
/// statement each time costs more than running these indexed lookups: SQLite parses it, and GRDB
/// authorizes every column it reads to track the regions it observes (a third of a 360 request's
/// CPU before). Only for SQL text that does not vary with values: each distinct text stays cached.
extension Database {
    func cachedRows(sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    func cachedRow(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func cachedValue<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type, sql: String, arguments: StatementArguments = StatementArguments()
    ) throws -> Value? {
        try Value.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
