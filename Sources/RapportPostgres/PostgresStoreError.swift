import PostgresNIO

/// Why the PostgreSQL store could not do what was asked, said so that a person can fix it.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// The `--database` URL cannot be read.
    case invalidURL(String, reason: String)
    /// No connection could be made to the server at `location`.
    case cannotConnect(location: String, reason: String)
    /// The server refused a statement.
    case statementFailed(location: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            "cannot read the database URL \(url): \(reason)"
        case .cannotConnect(let location, let reason):
            "cannot connect to PostgreSQL at \(location): \(reason). Check that the server runs and listens on that "
                + "host and port (listen_addresses, pg_hba.conf), that the database exists (createdb), and the user and password"
        case .statementFailed(let location, let reason):
            "PostgreSQL at \(location) refused a statement: \(reason)"
        }
    }

    /// An error of postgres-nio told as one of these (a server's message with its SQLSTATE, or a
    /// connection failure); any other error as it is: the refusals the store protocols promise
    /// (``UserStoreError``, ``SegmentStoreError``…) reach the caller unchanged, as on SQLite.
    static func from(_ error: any Error, location: PostgresLocation) -> any Error {
        if let error = error as? PostgresDecodingError {
            return PostgresStoreError.statementFailed(location: location.description, reason: "\(error)")
        }
        guard let error = error as? PSQLError else { return error }
        return from(error, location: location)
    }

    private static func from(_ error: PSQLError, location: PostgresLocation) -> PostgresStoreError {
        if let server = error.serverInfo, let message = server[.message] {
            var reason = message
            if let detail = server[.detail] { reason += " (\(detail))" }
            if let state = server[.sqlState] { reason += " [SQLSTATE \(state)]" }
            // 28xxx: authentication; 3D000: no such database; 57P03: the server is starting.
            if let state = server[.sqlState], state.hasPrefix("28") || state == "3D000" || state == "57P03" {
                return .cannotConnect(location: location.description, reason: reason)
            }
            return .statementFailed(location: location.description, reason: reason)
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .sslUnsupported, .failedToAddSSLHandler,
            .poolClosed:
            let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return .cannotConnect(location: location.description, reason: underlying)
        default:
            return .statementFailed(location: location.description, reason: "\(error.code)")
        }
    }
}
