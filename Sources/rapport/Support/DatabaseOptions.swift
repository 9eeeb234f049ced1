import ArgumentParser
import Foundation
import RapportCore
import RapportPostgres
import RapportSQLite

/// `--database`, shared by every command, and the one place that turns it into a store.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The knowledge base: a SQLite file path, sqlite:PATH, or postgres://user:password@host:port/database "
                + "(default: $RAPPORT_DATABASE_URL, else rapport.sqlite).",
            valueName: "path-or-url"))
    var database: String?

    init() {}

    /// The options of a base named some other way than `--database` (`migrate-store --from`).
    init(reference: String) {
        database = reference
    }

    /// What `--database` names, or `RAPPORT_DATABASE_URL`, or `rapport.sqlite`.
    var reference: String {
        if let database { return database }
        if let url = ProcessInfo.processInfo.environment["RAPPORT_DATABASE_URL"], !url.isEmpty { return url }
        return "rapport.sqlite"
    }

    var isPostgres: Bool { PostgresLocation.isPostgresURL(reference) }

    /// The SQLite file named by `--database`, or nil for PostgreSQL.
    var sqlitePath: String? {
        let reference = reference
        if isPostgres { return nil }
        if reference.hasPrefix("sqlite://") { return String(reference.dropFirst("sqlite://".count)) }
        if reference.hasPrefix("sqlite:") { return String(reference.dropFirst("sqlite:".count)) }
        return reference
    }

    /// The base as messages name it: the file, or the URL without its password.
    var displayName: String {
        if let sqlitePath { return sqlitePath }
        return (try? PostgresLocation(url: reference).description) ?? "PostgreSQL"
    }

    /// Where the server keeps uploaded files: beside a SQLite file, else in the working directory.
    var uploadsDirectory: String {
        if let sqlitePath { return sqlitePath + ".uploads" }
        return "rapport-uploads"
    }

    /// The store; `durableCommits` for a server, whose acknowledged writes must survive a power cut
    /// (PostgreSQL's commits always are, with its default `synchronous_commit`).
    func open(durableCommits: Bool = false) throws -> any RapportStore {
        if let sqlitePath { return try SQLiteKnowledgeBase(path: sqlitePath, durableCommits: durableCommits) }
        return try PostgresKnowledgeBase(url: reference)
    }
}

/// A failure to report to the user in one sentence, without a stack or a type name.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command body, printing any error as one clear line on standard error and exiting 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        Terminal.error("\(error)")
        throw ExitCode.failure
    }
}
