import ArgumentParser
import RapportCore
import RapportSQLite

/// `--database`, shared by every command, and the one place that turns it into a store.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The knowledge base: a SQLite file path or sqlite:PATH.", valueName: "path-or-url"))
    var database: String = "rapport.sqlite"

    /// The SQLite file named by `--database`.
    var sqlitePath: String {
        get throws {
            if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
                throw CommandFailure(
                    "PostgreSQL is not available in this version yet; use a SQLite file (the default, rapport.sqlite).")
            }
            if database.hasPrefix("sqlite://") { return String(database.dropFirst("sqlite://".count)) }
            if database.hasPrefix("sqlite:") { return String(database.dropFirst("sqlite:".count)) }
            return database
        }
    }

    /// The store; `durableCommits` for a server, whose acknowledged writes must survive a power cut.
    func open(durableCommits: Bool = false) throws -> SQLiteKnowledgeBase {
        try SQLiteKnowledgeBase(path: try sqlitePath, durableCommits: durableCommits)
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
