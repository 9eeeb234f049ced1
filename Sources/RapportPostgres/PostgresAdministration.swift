import Logging
import PostgresNIO

/// Databases on a PostgreSQL server: what the tests need to start each from an empty base.
public enum PostgresAdministration {
    /// Creates the database `name` on the server that `serverURL` names (connecting to the
    /// database in that URL), and returns the URL of the new one. `name` must be a plain
    /// identifier: letters, digits and underscores.
    public static func createDatabase(_ name: String, serverURL: String) throws -> String {
        precondition(name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || ($0 >= 48 && $0 <= 57) })
        let location = try PostgresLocation(url: serverURL)
        try execute("CREATE DATABASE \(name)", at: location)
        var created = location
        created.database = name
        return created.url
    }

    private static func execute(_ sql: String, at location: PostgresLocation) throws {
        var logger = Logger(label: "rapport.postgres.admin")
        logger.logLevel = .critical
        // One connection of its own, not a pool: a pool that is cancelled finishes its run on the
        // cooperative pool, which the blocked callers of a test run may all be holding.
        do {
            let configuration = try location.connectionConfiguration()
            try blocking { [logger] in
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            }
        } catch {
            throw PostgresStoreError.from(error, location: location)
        }
    }
}
