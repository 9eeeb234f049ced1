import Foundation
import PostgresNIO

/// Where a PostgreSQL knowledge base is: what a `postgres://user:password@host:port/database`
/// URL names. Its description never contains the password.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, from the URL's `sslmode` (`disable`, `prefer`, `require`).
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Reads a `postgres://` or `postgresql://` URL. The user defaults to `postgres`, the port to
    /// 5432, the database to the user's name; `sslmode` defaults to `prefer`, or `disable` on loopback.
    public init(url: String) throws(PostgresStoreError) {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), let components = URLComponents(string: url),
            let host = components.host, !host.isEmpty
        else {
            throw .invalidURL(
                Self.redacted(url),
                reason: "expected postgres://user:password@host:port/database, for example postgres://rapport@localhost:5432/rapport")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.drop { $0 == "/" }
        database = path.isEmpty ? user : String(path)
        let loopback = Self.isLoopback(host)
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value
        switch mode {
        case nil: tls = loopback ? .disable : .prefer
        case let value?:
            guard let parsed = TLSMode(rawValue: value) else {
                throw .invalidURL(Self.redacted(url), reason: "sslmode must be disable, prefer or require, not \(value)")
            }
            tls = parsed
        }
    }

    /// Whether `reference` names a PostgreSQL base rather than a SQLite file.
    public static func isPostgresURL(_ reference: String) -> Bool {
        reference.hasPrefix("postgres://") || reference.hasPrefix("postgresql://")
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The URL again, password included: for handing the location to another process or store.
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        if tls != (Self.isLoopback(host) ? .disable : .prefer) {
            components.queryItems = [URLQueryItem(name: "sslmode", value: tls.rawValue)]
        }
        return components.string ?? description
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "127.0.0.1" || host == "::1"
    }

    /// `url` with any password replaced by `***`, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    /// The configuration of one connection made outside the pool: the first one, which tells at
    /// once why the server cannot be reached where the pool would retry for a minute.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tlsConfiguration: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable: tlsConfiguration = .disable
        case .prefer: tlsConfiguration = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tlsConfiguration = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tlsConfiguration)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tlsConfiguration: PostgresClient.Configuration.TLS
        switch tls {
        case .disable: tlsConfiguration = .disable
        case .prefer: tlsConfiguration = .prefer(.makeClientConfiguration())
        case .require: tlsConfiguration = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tlsConfiguration)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = 32
        return configuration
    }
}
