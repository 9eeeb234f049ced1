import Foundation
import RapportCore
import RapportPostgres
import Testing

/// What only the PostgreSQL store has: its URL, its connection errors, migrations run by several
/// processes at once, and COPY's text format.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    static var server: String? { StoreKind.postgresServerURL }
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)

    @Test func aURLGivesItsPartsAndNeverShowsItsPassword() throws {
        let location = try PostgresLocation(url: "postgres://ann:s3cr%40t@db.example.com:6543/crm?sslmode=require")
        #expect(location.host == "db.example.com" && location.port == 6543 && location.user == "ann")
        #expect(location.password == "s3cr@t" && location.database == "crm" && location.tls == .require)
        #expect(location.description == "postgres://ann@db.example.com:6543/crm")
        let local = try PostgresLocation(url: "postgresql://localhost/crm")
        #expect(local.port == 5432 && local.user == "postgres" && local.tls == .disable)
        #expect(try PostgresLocation(url: local.url) == local)
    }

    @Test func aBadURLSaysWhatIsExpected() {
        #expect {
            _ = try PostgresLocation(url: "postgres://ann:pw@/crm")
        } throws: { error in
            let message = "\(error)"
            return message.contains("postgres://user:password@host:port/database") && !message.contains("pw@")
        }
        #expect {
            _ = try PostgresLocation(url: "postgres://localhost/crm?sslmode=maybe")
        } throws: { error in
            "\(error)".contains("sslmode must be disable, prefer or require, not maybe")
        }
    }

    @Test func noServerNamesHostPortAndDatabaseButNotThePassword() throws {
        // Port 1 on loopback: nothing listens there.
        #expect {
            _ = try PostgresKnowledgeBase(url: "postgres://ann:hunter2@127.0.0.1:1/crm")
        } throws: { error in
            let message = "\(error)"
            return message.contains("cannot connect to PostgreSQL at postgres://ann@127.0.0.1:1/crm")
                && message.contains("Check that the server runs") && !message.contains("hunter2")
        }
    }

    @Test(.enabled(if: server != nil)) func aMissingDatabaseIsTold() throws {
        var location = try PostgresLocation(url: try #require(Self.server))
        location.database = "rapport_no_such_database"
        #expect {
            _ = try PostgresKnowledgeBase(location: location)
        } throws: { error in
            "\(error)".contains("cannot connect to PostgreSQL at") && "\(error)".contains("rapport_no_such_database")
        }
    }

    @Test(.enabled(if: server != nil)) func storesOpenedTogetherMigrateOnce() async throws {
        let url = try StoreKind.newPostgresDatabase()
        try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask { try PostgresKnowledgeBase(url: url).appliedMigrations() }
            }
            for try await applied in group {
                #expect(applied == Array(1...applied.count) && !applied.isEmpty)
            }
        }
    }

    @Test(.enabled(if: server != nil)) func textWithTabsNewlinesAndBackslashesComesBackAsWritten() throws {
        let store = try StoreKind.postgres.make()
        let odd = "tab\there\nnew line \\ backslash \\N not null \r end"
        try store.importing { tx in
            try tx.insert(
                Customer(externalID: "C\t1", firstName: odd, attributesJSON: #"{"note":"a\tb\\c"}"#), fields: .all,
                fingerprint: 1, id: 1, now: Self.now)
        }
        let view = try #require(try store.customer360(id: 1, recentLimit: 5))
        #expect(view.customer.externalID == "C\t1")
        #expect(view.customer.firstName == odd)
        #expect(try store.customerID(matching: "C\t1") == 1)
    }

    @Test(.enabled(if: server != nil)) func aLargeImportIsSentInSeveralBatchesAndStaysOneTransaction() throws {
        let store = try StoreKind.postgres.make()
        struct Stop: Error {}
        // About 12 MiB of rows: more than one COPY batch in flight before the failure.
        #expect(throws: Stop.self) {
            try store.importing { tx in
                for i in 1...60_000 {
                    try tx.insert(
                        Customer(externalID: "C\(i)", firstName: String(repeating: "x", count: 150)), fields: .all,
                        fingerprint: 0, id: Int64(i), now: Self.now)
                }
                throw Stop()
            }
        }
        #expect(try store.summary().customers == 0)
        try store.importing { tx in
            for i in 1...60_000 {
                try tx.insert(Customer(externalID: "C\(i)"), fields: .all, fingerprint: 0, id: Int64(i), now: Self.now)
            }
        }
        #expect(try store.summary().customers == 60_000)
        #expect(try store.importing { tx in try tx.nextID(.customers) } == 60_001)
    }
}
