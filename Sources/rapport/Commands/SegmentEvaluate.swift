import ArgumentParser
import Foundation
import RapportCore
import RapportEngine
import RapportIngest

extension SegmentCommand {
    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate dynamic segments again and record a snapshot of each.",
            discussion: "With --due, only the segments whose schedule (--every) has elapsed: run it from cron every few minutes.")

        @Argument(help: "Segments to refresh; all dynamic segments when none is named.")
        var names: [String] = []

        @Flag(help: "Only the segments whose schedule is due.")
        var due = false

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let now = SystemClock().now
                var segments = try store.segments().filter { $0.kind == .dynamic }
                if !names.isEmpty {
                    for name in names where !segments.contains(where: { $0.name == name }) {
                        throw CommandFailure("no dynamic segment named \"\(name)\"; `rapport segment list` shows them.")
                    }
                    segments = segments.filter { names.contains($0.name) }
                }
                if due { segments = segments.filter { $0.isDue(at: now) } }
                guard !segments.isEmpty else {
                    print(due ? "No segment is due." : "No dynamic segment to refresh.")
                    return
                }
                // A definition that no longer reads is reported and skipped: it must not stop the others.
                var failed = 0
                for (segment, outcome) in try SavedSegments.refresh(segments, store: store, today: try day.today, now: now) {
                    switch outcome {
                    case .success(let snapshot): print("\(segment.name): \(SegmentCommand.describe(snapshot))")
                    case .failure(let error):
                        Terminal.error("\(error)")
                        failed += 1
                    }
                }
                if failed > 0 { throw CommandFailure("\(failed) segment(s) not refreshed: see above.") }
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Why one customer is in or out of a segment: each condition, whether it holds, and their value.")

        @Argument(help: "The segment's name (or use --definition).")
        var name: String?

        @Option(help: "The customer: id, external id or e-mail.")
        var customer: String

        @Option(help: "Explain this definition instead of a saved segment.")
        var definition: String?

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard (name == nil) != (definition == nil) else { throw ValidationError("Name a segment or give --definition, not both.") }
        }

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let id = try SegmentCommand.customerID(customer, in: store)
                let condition: SegmentCondition
                if let definition {
                    condition = try SegmentDefinition.parse(definition)
                } else {
                    let segment = try SegmentCommand.segment(named: name!, in: store)
                    condition = segment.kind == .dynamic ? try SegmentCommand.definition(of: segment) : .inSegment(segment.name)
                }
                let workspace = try SegmentWorkspace.prepare([condition], store: store, today: try day.today)
                guard let index = workspace.frame.index(of: id) else { throw CommandFailure("customer \(id) is not in the base.") }
                let explanation = try SegmentExplanation(condition, customer: index, workspace: workspace)
                print("Customer \(workspace.frame.externalIDs[index]) (id \(id)) is \(explanation.holds ? "IN" : "OUT") as of \(try day.today)")
                for line in explanation.lines {
                    let mark = line.holds ? "✓" : "✗"
                    let indent = String(repeating: "  ", count: line.depth + 1)
                    print("\(indent)\(mark) \(line.condition)\(line.observed.map { "  — \($0)" } ?? "")")
                }
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a definition without saving it: its size and a few members.")

        @Argument(help: "The definition in the segment language, or its JSON form.")
        var definition: String

        @Option(help: "How many members to show.")
        var limit = 10

        @Flag(help: "Print how long loading and evaluating took.")
        var timings = false

        @Option(name: .customLong("repeat"), help: "Evaluate this many times and report the fastest (with --timings).")
        var repetitions = 1

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let condition = try SegmentDefinition.parse(definition)
                let clock = ContinuousClock()
                let started = clock.now
                let workspace = try SegmentWorkspace.prepare([condition], store: store, today: try day.today)
                let loaded = clock.now
                var members = try workspace.evaluate(condition)
                var fastest = clock.now - loaded
                for _ in 1 ..< max(1, repetitions) {
                    let start = clock.now
                    members = try workspace.evaluate(condition)
                    fastest = min(fastest, clock.now - start)
                }
                print("\(SegmentPrinter.text(condition))")
                for hint in SegmentHints.hints(for: condition, in: workspace.frame) { print("  note: \(hint)") }
                print("\(Terminal.count(members.cardinality)) of \(Terminal.count(workspace.frame.count)) customers as of \(try day.today)")
                for row in try store.contactRows(ids: Array(workspace.ids(members).prefix(limit))) {
                    print("  \(row.id)  \(row.externalID)  \(row.email ?? "")")
                }
                if timings {
                    Terminal.writeError(
                        "load_seconds=\(Self.seconds(loaded - started)) evaluate_seconds=\(Self.seconds(fastest)) members=\(members.cardinality)\n")
                }
            }
        }

        static func seconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.4f", Double(seconds) + Double(attoseconds) / 1e18)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a segment's members with their contact details to CSV, for a call centre or a mailing house.",
            discussion: """
                With --channel, only members whose latest consent on that channel is granted and who have \
                the contact point it needs (e-mail, phone, postal address) are written.
                """)

        @Argument(help: "The segment's name.")
        var name: String

        @Option(help: "The CSV file to write.")
        var output: String

        @Option(help: "Keep only members reachable on this channel: email, sms, phone or mail.")
        var channel: String?

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let segment = try SegmentCommand.segment(named: name, in: store)
                var ids = try store.members(ofSegment: segment.id)
                var dropped = 0
                var wanted: ContactChannel?
                if let channel {
                    do { wanted = try ContactChannel(channel) } catch { throw CommandFailure("--channel: \(error)") }
                    let workspace = try SegmentWorkspace.prepare([.consent(wanted!)], store: store, today: try day.today)
                    let reachable = try workspace.evaluate(.consent(wanted!))
                    let before = ids.count
                    ids = ids.filter { id in workspace.frame.index(of: id).map { reachable[$0] } ?? false }
                    dropped = before - ids.count
                }
                let writer = try CSVWriter(
                    path: output,
                    header: ["customer_id", "external_id", "first_name", "last_name", "email", "phone", "postcode", "city", "country"])
                var written = 0
                do {
                    for chunk in stride(from: 0, to: ids.count, by: 10_000) {
                        for row in try store.contactRows(ids: Array(ids[chunk ..< min(ids.count, chunk + 10_000)])) {
                            switch wanted {
                            case .email?: if row.email == nil { dropped += 1; continue }
                            case .sms?, .phone?: if row.phone == nil { dropped += 1; continue }
                            case .mail?: if row.city == nil && row.postcode == nil { dropped += 1; continue }
                            default: break
                            }
                            try writer.write([
                                String(row.id), row.externalID, row.firstName ?? "", row.lastName ?? "", row.email ?? "",
                                row.phone ?? "", row.postcode ?? "", row.city ?? "", row.country ?? "",
                            ])
                            written += 1
                        }
                    }
                    try writer.finish()
                } catch {
                    writer.discard()
                    throw error
                }
                print("Wrote \(Terminal.count(written)) members of \"\(name)\" to \(output)"
                    + (dropped > 0 ? " (\(Terminal.count(dropped)) left out: no consent or no contact point on \(channel ?? ""))" : ""))
            }
        }
    }
}
