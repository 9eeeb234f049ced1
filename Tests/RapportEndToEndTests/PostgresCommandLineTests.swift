import Foundation
import Testing

/// The same commands on PostgreSQL (`--database postgres://…`), when `RAPPORT_TEST_POSTGRES_URL`
/// names a server: each test in a database of its own, created with `psql`.
@Suite("The rapport command on PostgreSQL", .serialized, .enabled(if: PostgresTestServer.url != nil))
struct PostgresCommandLineTests {

    let binary: RapportBinary
    let directory: String
    let database: String

    init() throws {
        binary = try RapportBinary.locate()
        directory = NSTemporaryDirectory() + "rapport-e2e-pg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try Self.createDatabase()
    }

    struct PsqlFailed: Error { let message: String }

    /// A new database on the test server, by `psql`, as an administrator would.
    static func createDatabase() throws -> String {
        let server = try #require(PostgresTestServer.url)
        let name = "rapport_e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", server, "-qc", "CREATE DATABASE \(name)"]
        let error = Pipe()
        psql.standardError = error
        try psql.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        psql.waitUntilExit()
        guard psql.terminationStatus == 0 else { throw PsqlFailed(message: message) }
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        return try #require(components.string)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RapportBinary.Outcome {
        try binary.run(arguments + ["--database", database], environment: environment, in: directory)
    }

    @Test func theDemoGivesTheSameBaseAndScoresAsOnSQLite() throws {
        let demo = ["demo", "--no-serve", "--customers", "300", "--seed", "5"]
        let onPostgres = try run(demo)
        #expect(onPostgres.status == 0, "\(onPostgres.error)")
        #expect(onPostgres.output.contains("Analysis as of"))
        let sqliteDirectory = directory + "/sqlite"
        try FileManager.default.createDirectory(atPath: sqliteDirectory, withIntermediateDirectories: true)
        #expect(try binary.run(demo, in: sqliteDirectory).status == 0)

        // Everything the base says of itself, and of customers with their scores, is the same.
        let summary = try run(["summary"]).output.split(separator: "\n").dropFirst()
        let sqliteSummary = try binary.run(["summary"], in: sqliteDirectory).output.split(separator: "\n").dropFirst()
        #expect(summary == sqliteSummary)
        for reference in ["C000001", "C000002", "C000017", "C000150"] {
            let shown = try run(["customer", "show", reference])
            #expect(shown.status == 0, "\(shown.error)")
            #expect(shown.output == (try binary.run(["customer", "show", reference], in: sqliteDirectory)).output)
        }
        // The same segments with the same members (each line ends with when it was evaluated).
        func withoutTimes(_ output: String) -> [Substring] { output.split(separator: "\n").map { $0.prefix { $0 != "·" } } }
        let segments = try run(["segment", "list"])
        #expect(segments.status == 0, "\(segments.error)")
        #expect(withoutTimes(segments.output) == withoutTimes(try binary.run(["segment", "list"], in: sqliteDirectory).output))
        #expect(segments.output.contains("wake-the-sleepwalkers"))
    }

    @Test func migrateStoreCopiesAWholeBaseAndChecksIt() throws {
        #expect(try binary.run(["demo", "--no-serve", "--customers", "200", "--seed", "9"], in: directory).status == 0)
        let copied = try binary.run(["migrate-store", "--from", "sqlite:rapport.sqlite", "--to", database], in: directory)
        #expect(copied.status == 0, "\(copied.error)")
        #expect(copied.output.contains("checking every table"))
        #expect(copied.output.contains("score_history"))
        #expect(copied.output.contains("The copy is identical to the original"))
        #expect(!copied.output.contains("DIFFERS"))
        for reference in ["C000003", "C000042"] {
            #expect(try run(["customer", "show", reference]).output == (try binary.run(["customer", "show", reference], in: directory)).output)
        }
        // A base that is not empty is refused, and nothing is written to it.
        let again = try binary.run(["migrate-store", "--from", "sqlite:rapport.sqlite", "--to", database], in: directory)
        #expect(again.status == 1)
        #expect(again.error.contains("rows in customers: migrate-store copies into an empty base"))
        // And back, into a new file: the same again.
        let back = try binary.run(["migrate-store", "--from", database, "--to", "back.sqlite"], in: directory)
        #expect(back.status == 0, "\(back.error)")
        #expect(back.output.contains("The copy is identical to the original"))
        #expect(
            try binary.run(["customer", "show", "C000003", "--database", "back.sqlite"], in: directory).output
                == (try binary.run(["customer", "show", "C000003"], in: directory)).output)
        // Ids keep being handed out after the copied ones.
        let more = directory + "/more.csv"
        try "customer_id,first_name\nNEW1,Zoé\n".write(toFile: more, atomically: true, encoding: .utf8)
        #expect(try run(["import", "customers", more]).output.contains("1 new"))
    }

    @Test func aKilledImportLeavesTheBaseAsItWas() throws {
        var text = "customer_id,first_name,email\n"
        for i in 1...20_000 { text += "K\(i),Name\(i),person\(i)@example.fr\n" }
        let file = directory + "/many.csv"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try run(["init"]).status == 0)
        let crashed = try run(["import", "customers", file], environment: ["RAPPORT_FAULT_ABORT_AFTER_RECORDS": "10000"])
        #expect(crashed.reason == .uncaughtSignal)
        #expect(try run(["summary"]).output.contains("people     0:"))
        let resumed = try run(["import", "customers", file])
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.output.contains("20,000 new"))
        let again = try run(["import", "customers", file])
        #expect(again.output.contains("0 new, 0 updated, 20,000 unchanged"))
    }

    @Test func anUnreachableServerIsNamedWithoutItsPassword() throws {
        let outcome = try binary.run(
            ["summary", "--database", "postgres://rapport:hunter2@127.0.0.1:1/crm"], in: directory)
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("cannot connect to PostgreSQL at postgres://rapport@127.0.0.1:1/crm"))
        #expect(!outcome.error.contains("hunter2"))
        let fromEnvironment = try binary.run(
            ["summary"], environment: ["RAPPORT_DATABASE_URL": "postgres://rapport:hunter2@127.0.0.1:1/crm"], in: directory)
        #expect(fromEnvironment.error.contains("cannot connect to PostgreSQL at postgres://rapport@127.0.0.1:1/crm"))
    }
}

/// The server `RAPPORT_TEST_POSTGRES_URL` names, if any.
enum PostgresTestServer {
    static var url: String? {
        ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
