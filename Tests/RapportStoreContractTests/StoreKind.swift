import Foundation
import RapportCore
import RapportPostgres
import RapportSQLite
import Testing

/// The stores every contract test runs on: SQLite always; PostgreSQL when
/// `RAPPORT_TEST_POSTGRES_URL` names a server (`.ci/run` starts one), each test in a database of
/// its own.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresServerURL: String? {
        ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The stores to run on; PostgreSQL says once that it is skipped when no server is given.
    static var available: [StoreKind] {
        if postgresServerURL != nil { return [.sqlite, .postgres] }
        PostgresSkipNotice.once
        return [.sqlite]
    }

    /// A new, empty store.
    func make() throws -> any RapportStore {
        switch self {
        case .sqlite:
            return try SQLiteKnowledgeBase(path: NSTemporaryDirectory() + "rapport-contract-\(UUID().uuidString).sqlite")
        case .postgres:
            return try PostgresKnowledgeBase(url: try Self.newPostgresDatabase())
        }
    }

    /// The URL of a new, empty database on the test server.
    static func newPostgresDatabase() throws -> String {
        guard let server = postgresServerURL else { throw SkipReason.noPostgres }
        let name = "rapport_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return try PostgresAdministration.createDatabase(String(name), serverURL: server)
    }

    enum SkipReason: Error { case noPostgres }
}

private enum PostgresSkipNotice {
    static let once: Void = {
        FileHandle.standardError.write(
            Data("PostgreSQL store tests skipped: set RAPPORT_TEST_POSTGRES_URL (see scripts/test-postgres.sh)\n".utf8))
    }()
}
