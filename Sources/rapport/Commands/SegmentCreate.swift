import ArgumentParser
import Foundation
import RapportCore
import RapportEngine
import RapportIngest

extension SegmentCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a dynamic segment (a definition) or a static list (a file, or a segment's members), and evaluate it.")

        @Argument(help: "The segment's name, unique.")
        var name: String

        @Option(help: "The definition in the segment language, or its JSON form.")
        var definition: String?

        @Option(help: "A file holding the definition (language or JSON).")
        var definitionFile: String?

        @Option(help: "A CSV file listing customers by external_id (or customer_id): makes a static list.")
        var list: String?

        @Option(help: "Freeze the current members of this segment into a static list.")
        var from: String?

        @Option(help: "What the segment is for.")
        var description: String?

        @Option(help: "Minutes between scheduled evaluations (dynamic segments; run `segment refresh --due` from cron).")
        var every: Int?

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            let sources = [definition, definitionFile, list, from].compactMap { $0 }.count
            guard sources == 1 else {
                throw ValidationError("Give exactly one of --definition, --definition-file, --list or --from.")
            }
            if let every, every <= 0 { throw ValidationError("--every must be a positive number of minutes.") }
            if every != nil, definition == nil, definitionFile == nil {
                throw ValidationError("--every applies to dynamic segments (--definition or --definition-file).")
            }
        }

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let now = SystemClock().now
                let today = try day.today
                var text = definition
                if let definitionFile {
                    guard let contents = FileManager.default.contents(atPath: definitionFile) else {
                        throw CommandFailure("cannot read \(definitionFile).")
                    }
                    text = String(decoding: contents, as: UTF8.self)
                }
                if let text {
                    let created = try SavedSegments.createDynamic(
                        name: name, definition: text, description: description, everyMinutes: every, store: store,
                        today: today, now: now)
                    print("Saved dynamic segment \"\(name)\": \(created.record.definition ?? "")")
                    for hint in created.hints { print("  note: \(hint)") }
                    print("  \(Terminal.count(created.snapshot.size)) of \(Terminal.count(created.population)) customers as of \(today)")
                    return
                }
                var ids: [Int64]
                var origin: String
                if let list {
                    var externalIDs: [String] = []
                    try PairFile.read(list, columns: [["external_id", "customer_id", "customer", "customer_external_id", "id"]]) { values, _ in
                        externalIDs.append(values[0])
                    }
                    let (found, unknown) = try store.customerIDs(externalIDs: externalIDs)
                    if !unknown.isEmpty {
                        throw CommandFailure(
                            "\(list): \(unknown.count) external id\(unknown.count == 1 ? "" : "s") match no customer "
                                + "(first: \(unknown.prefix(3).joined(separator: ", "))); import them first or remove them from the list. Nothing was saved.")
                    }
                    ids = found
                    origin = "the list \(Terminal.shortPath(list))"
                } else {
                    let source = try SegmentCommand.segment(named: from!, in: store)
                    let (workspace, members, _) = try SegmentCommand.evaluate(source, store: store, today: today)
                    ids = workspace.ids(members)
                    origin = "segment \"\(source.name)\" as of \(today)"
                }
                let record = try store.createSegment(
                    SegmentRecord(
                        name: name, kind: .static, definition: from.flatMap { try? store.segment(named: $0)?.definition } ?? nil,
                        description: description ?? "from \(origin)", createdAt: now, updatedAt: now))
                let snapshot = try store.saveEvaluation(ofSegment: record.id, members: ids, at: now)
                print("Saved static list \"\(name)\" from \(origin): \(Terminal.count(snapshot.size)) customers")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a segment, its members and its snapshots.")

        @Argument(help: "The segment's name.")
        var name: String

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let dependents = try store.segments().filter {
                    $0.name != name && ((try? SegmentDefinition.parse($0.definition ?? ""))?.segmentReferences.contains(name) ?? false)
                        && $0.kind == .dynamic
                }
                guard dependents.isEmpty else {
                    throw CommandFailure(
                        "segment \(dependents.map { "\"\($0.name)\"" }.joined(separator: ", ")) names \"\(name)\"; change or delete it first.")
                }
                try store.deleteSegment(named: name)
                print("Deleted segment \"\(name)\".")
            }
        }
    }
}
