import ArgumentParser
import RapportCore
import RapportEngine

extension SegmentCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The saved segments: kind, size, last evaluation, schedule.")

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let segments = try options.open().segments()
                guard !segments.isEmpty else {
                    print("No segment yet: rapport segment create NAME --definition '…' (see rapport segment --help).")
                    return
                }
                let width = segments.map(\.name.count).max() ?? 0
                for segment in segments {
                    let schedule = segment.everyMinutes.map { " · every \($0) min" } ?? ""
                    let evaluated = segment.evaluatedAt.map { " · \($0)" } ?? " · never evaluated"
                    print(
                        "\(segment.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(segment.kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  "
                            + "\(Terminal.count(segment.size)) members\(evaluated)\(schedule)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A segment's definition, size, snapshots and stability, and the good-segment checks.")

        @Argument(help: "The segment's name.")
        var name: String

        @Option(help: "How many snapshots to list.")
        var snapshots = 8

        @Option(help: "Warn under this many members (substantial).")
        var minimumSize = 100

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let segment = try SegmentCommand.segment(named: name, in: store)
                print("\(segment.name) (\(segment.kind.rawValue))\(segment.description.map { " — \($0)" } ?? "")")
                if let definition = segment.definition { print("  \(definition)") }
                if let every = segment.everyMinutes { print("  evaluated every \(every) minutes") }
                let history = try store.snapshots(ofSegment: segment.id, limit: snapshots)
                print("Snapshots (newest first):")
                for snapshot in history { print("  \(SegmentCommand.describe(snapshot))") }
                if let churn = SegmentQuality.meanChurn(history) {
                    print("  mean churn between evaluations: \(Terminal.decimal(churn * 100))%")
                }
                var needs = FrameNeeds()
                needs.consents = true
                let others = try store.segments().filter { $0.name != segment.name }
                let references = others.map { SegmentCondition.inSegment($0.name) }
                let definition = segment.kind == .dynamic ? try SegmentCommand.definition(of: segment) : nil
                let workspace = try SegmentWorkspace.prepare(
                    references + [definition ?? .inSegment(segment.name)], store: store, today: try day.today, extraNeeds: needs)
                let members = try workspace.evaluate(definition ?? .inSegment(segment.name))
                print("Now (\(try day.today)): \(Terminal.count(members.cardinality)) of \(Terminal.count(workspace.frame.count)) customers")
                var thresholds = SegmentQuality.Thresholds()
                thresholds.minimumSize = minimumSize
                let quality = SegmentQuality(
                    members: members, definition: definition, frame: workspace.frame,
                    others: others.compactMap { other in workspace.resolved[other.name].map { (other.name, $0) } },
                    snapshots: history, thresholds: thresholds)
                if quality.warnings.isEmpty {
                    print("Checks: substantial, measurable, differentiable, accessible, stable — all passed")
                } else {
                    print("Warnings:")
                    for warning in quality.warnings { print("  \(warning)") }
                }
            }
        }
    }

    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a segment's members (a sample, or the first ones).")

        @Argument(help: "The segment's name.")
        var name: String

        @Option(help: "How many to list.")
        var limit = 20

        @Flag(help: "A random sample instead of the first members by id.")
        var sample = false

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let segment = try SegmentCommand.segment(named: name, in: store)
                var ids = try store.members(ofSegment: segment.id)
                print("\(segment.name): \(Terminal.count(ids.count)) members (as of its last evaluation\(segment.evaluatedAt.map { ", \($0)" } ?? ""))")
                if sample {
                    var random = SystemRandomNumberGenerator()
                    ids.shuffle(using: &random)
                }
                for row in try store.contactRows(ids: Array(ids.prefix(limit))) {
                    let name = [row.firstName, row.lastName].compactMap { $0 }.joined(separator: " ")
                    print("  \(row.id)  \(row.externalID)  \(name)  \(row.email ?? "")  \(row.city ?? "") \(row.country ?? "")")
                }
            }
        }
    }

    struct Overlap: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How much two segments share.")

        @Argument(help: "The first segment.")
        var first: String
        @Argument(help: "The second segment.")
        var second: String

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let workspace = try SegmentWorkspace.prepare(
                    [.inSegment(first), .inSegment(second)], store: store, today: try day.today)
                let a = workspace.resolved[first]!
                let b = workspace.resolved[second]!
                let both = a.intersection(b).cardinality
                let union = a.union(b).cardinality
                print("\(first): \(Terminal.count(a.cardinality)) · \(second): \(Terminal.count(b.cardinality))")
                print("in both: \(Terminal.count(both)) · only \(first): \(Terminal.count(a.cardinality - both)) · only \(second): \(Terminal.count(b.cardinality - both))")
                print("overlap (shared over either): \(union == 0 ? "—" : Terminal.decimal(100 * Double(both) / Double(union)) + "%")")
            }
        }
    }

    struct Fields: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The fields a definition can test.")

        func run() {
            for field in SegmentField.builtIn {
                let values = field.vocabulary.map { ": \($0.joined(separator: ", "))" } ?? ""
                print("\(field.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(field.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(field.summary)\(values)")
            }
            print("attributes.NAME       attribute custom attribute NAME (text, number or true/false)")
            print("")
            print("Measures: orders, bought category|product \"…\", spent [on category|product \"…\"], event \"type\"")
            print("  with a window (in last N days|weeks|months|years, since DATE, between DATE and DATE)")
            print("  and a test (>= 2, at least 2 times, at most once, between 1 and 3); event … without order after")
            print("Other: consent email|sms|phone|mail|push, in segment \"name\", not, and, or, ( )")
        }
    }
}
