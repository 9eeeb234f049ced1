public import RapportCore

/// Creating and refreshing saved dynamic segments, as the command line and the API both do it:
/// the whole definition (named segments included) is checked and evaluated before anything is
/// saved, and a refresh evaluates every segment from one frame.
public enum SavedSegments {
    /// What creating a segment did.
    public struct Created: Sendable {
        public var record: SegmentRecord
        public var snapshot: SegmentSnapshot
        /// The customers the definition was evaluated over.
        public var population: Int
        /// Remarks on the definition (a window that selects nobody, a field no one has…).
        public var hints: [String]
    }

    /// Parses `text` (language or JSON), evaluates it as of `today`, saves the segment with its
    /// definition printed canonically, and records its first snapshot.
    public static func createDynamic(
        name: String, definition text: String, description: String?, everyMinutes: Int?,
        store: some TargetingStore & SegmentStore, today: CalendarDate, now: Instant
    ) throws -> Created {
        let condition = try SegmentDefinition.parse(text)
        let workspace = try SegmentWorkspace.prepare([condition], store: store, today: today)
        let members = try workspace.evaluate(condition)
        let record = try store.createSegment(
            SegmentRecord(
                name: name, kind: .dynamic, definition: SegmentPrinter.text(condition), description: description,
                everyMinutes: everyMinutes, createdAt: now, updatedAt: now))
        let snapshot = try store.saveEvaluation(ofSegment: record.id, members: workspace.ids(members), at: now)
        return Created(
            record: record, snapshot: snapshot, population: workspace.frame.count,
            hints: SegmentHints.hints(for: condition, in: workspace.frame))
    }

    /// The stored definition of a dynamic segment, read again; a definition this version no longer
    /// reads names its segment.
    public static func definition(of segment: SegmentRecord) throws -> SegmentCondition {
        do {
            return try SegmentDefinition.parse(segment.definition ?? "")
        } catch {
            throw SegmentEvaluationError.invalidSavedDefinition(
                segment: segment.name, reason: "\(error); delete it and create it again")
        }
    }

    /// Evaluates `segments` (dynamic ones) as of `today` from one frame and records a snapshot of
    /// each; a segment whose definition no longer reads gets its error and does not stop the others.
    public static func refresh(
        _ segments: [SegmentRecord], store: some TargetingStore & SegmentStore, today: CalendarDate, now: Instant
    ) throws -> [(segment: SegmentRecord, outcome: Result<SegmentSnapshot, any Error>)] {
        var readable: [(SegmentRecord, SegmentCondition)] = []
        var outcomes: [(segment: SegmentRecord, outcome: Result<SegmentSnapshot, any Error>)] = []
        for segment in segments {
            do {
                readable.append((segment, try definition(of: segment)))
            } catch {
                outcomes.append((segment, .failure(error)))
            }
        }
        guard !readable.isEmpty else { return outcomes }
        let workspace = try SegmentWorkspace.prepare(readable.map(\.1), store: store, today: today)
        for (segment, condition) in readable {
            let members = try workspace.evaluate(condition)
            let snapshot = try store.saveEvaluation(ofSegment: segment.id, members: workspace.ids(members), at: now)
            outcomes.append((segment, .success(snapshot)))
        }
        return outcomes
    }
}
