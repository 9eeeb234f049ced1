import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Define targets, watch how they move, and export them.",
        discussion: """
            A dynamic segment keeps a definition in the segment language and is evaluated again on \
            demand (refresh) or on its schedule (refresh --due, from cron); each evaluation records a \
            snapshot of its size, entries and exits. A static list keeps the customers it was given \
            (a file of external ids, or a segment's members frozen with --from).

            Examples of definitions (docs/segments.md has the grammar):
              country = "FR" and clv > 200
              bought category "garden" at least 2 times in last 90 days
              spent since 2025-01-01 > 200 and consent email
              event "cart_abandoned" in last 3 days without order after
              target = "sleepwalkers" and not in segment "contacted-this-week"
            """,
        subcommands: [
            Create.self, List.self, Show.self, Refresh.self, Explain.self, Members.self, Export.self, Overlap.self,
            Evaluate.self, Delete.self, Fields.self,
        ])
}

/// `--as-of`, shared by the segment commands.
struct EvaluationDay: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The evaluation day of relative dates and windows (YYYY-MM-DD); today by default.", valueName: "date"))
    var asOf: String?

    var today: CalendarDate {
        get throws {
            guard let asOf else { return SystemClock().now.utcDate }
            guard let date = ISO8601Parser.date(asOf) else {
                throw CommandFailure("--as-of '\(asOf)' is not a date; write it as 2026-10-31.")
            }
            return date
        }
    }
}

extension SegmentCommand {
    static func segment(named name: String, in store: any RapportStore) throws -> SegmentRecord {
        guard let segment = try store.segment(named: name) else { throw SegmentStoreError.notFound(name) }
        return segment
    }

    /// The members of a saved segment: evaluated now when dynamic (and saved when `save`), read when
    /// static.
    static func evaluate(
        _ segment: SegmentRecord, store: any RapportStore, today: CalendarDate, extraNeeds: FrameNeeds = FrameNeeds()
    ) throws -> (workspace: SegmentWorkspace, members: Bitset, definition: SegmentCondition?) {
        switch segment.kind {
        case .dynamic:
            let definition = try SegmentCommand.definition(of: segment)
            let workspace = try SegmentWorkspace.prepare([definition], store: store, today: today, extraNeeds: extraNeeds)
            return (workspace, try workspace.evaluate(definition), definition)
        case .static:
            let reference = SegmentCondition.inSegment(segment.name)
            let workspace = try SegmentWorkspace.prepare([reference], store: store, today: today, extraNeeds: extraNeeds)
            return (workspace, try workspace.evaluate(reference), nil)
        }
    }

    static func describe(_ snapshot: SegmentSnapshot) -> String {
        "\(snapshot.at): \(Terminal.count(snapshot.size)) members (+\(Terminal.count(snapshot.entries)) −\(Terminal.count(snapshot.exits)))"
    }

    /// The customer a reference names: an external id, an e-mail or a phone number.
    static func customerID(_ reference: String, in store: any RapportStore) throws -> Int64 {
        guard let id = try store.customerID(lookingUp: reference) else {
            throw CommandFailure("no customer '\(reference)' (tried it as an external id, an e-mail and a phone number).")
        }
        return id
    }

    /// A saved definition read back; an unreadable one names its segment.
    static func definition(of segment: SegmentRecord) throws -> SegmentCondition {
        try SavedSegments.definition(of: segment)
    }
}
