import ArgumentParser
import RapportCore

struct MigrateStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy a whole knowledge base into another store, for example from SQLite to PostgreSQL.",
        discussion: """
            Every table is copied as stored (ids, fingerprints, scores, segments, users and tokens) into \
            an empty base, in one transaction, then each table of the copy is checked against the \
            original: the same number of rows and the same checksum of their values. The original is only read.

              rapport migrate-store --from sqlite:rapport.sqlite --to postgres://rapport@localhost/rapport
            """)

    @Option(help: ArgumentHelp("The base to copy: a SQLite file, sqlite:PATH or postgres://…", valueName: "path-or-url"))
    var from: String

    @Option(help: ArgumentHelp("The empty base to copy into: a SQLite file, sqlite:PATH or postgres://…", valueName: "path-or-url"))
    var to: String

    func run() throws {
        try reportingErrors {
            let sourceOptions = DatabaseOptions(reference: from)
            let targetOptions = DatabaseOptions(reference: to)
            guard sourceOptions.displayName != targetOptions.displayName else {
                throw CommandFailure("--from and --to name the same base (\(sourceOptions.displayName)); give another --to")
            }
            let source = try sourceOptions.open()
            let target = try targetOptions.open()
            let tables = StoredTable.knowledgeBase
            for table in tables {
                let rows = try target.rowCount(of: table)
                guard rows == 0 else {
                    throw CommandFailure(
                        "\(targetOptions.displayName) already holds \(Terminal.count(Int(rows))) rows in \(table.name): "
                            + "migrate-store copies into an empty base; give --to a new database or file")
                }
            }
            let started = ContinuousClock.now
            var copied: [String: Int] = [:]
            try target.load(tables) { table, write in
                var count = 0
                try source.readRows(of: table) { row in
                    try write(row)
                    count += 1
                }
                copied[table.name] = count
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let rows = copied.values.reduce(0, +)
            print(
                "Copied \(Terminal.count(rows)) rows of \(sourceOptions.displayName) into \(targetOptions.displayName) in "
                    + "\(Terminal.decimal(seconds, places: 1)) s; checking every table:")
            var differing: [String] = []
            for table in tables {
                let original = try TableChecksum(of: table, in: source)
                let copy = try TableChecksum(of: table, in: target)
                let same = original == copy
                if !same { differing.append(table.name) }
                let name = table.name.padding(toLength: 18, withPad: " ", startingAt: 0)
                let count = Terminal.count(original.rows)
                let verdict = same ? "same in the copy" : "DIFFERS: the copy has \(Terminal.count(copy.rows)) rows, checksum \(copy.hex)"
                print("  \(name) \(String(repeating: " ", count: max(0, 12 - count.count)))\(count) rows, checksum \(original.hex): \(verdict)")
            }
            guard differing.isEmpty else {
                throw CommandFailure("the copy differs from the original in \(differing.joined(separator: ", ")); do not use it")
            }
            print("The copy is identical to the original: use it with --database \(targetOptions.displayName)")
        }
    }
}
