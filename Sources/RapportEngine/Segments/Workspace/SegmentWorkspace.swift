public import RapportCore

/// Why a definition that reads well cannot be evaluated.
public enum SegmentEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownSegment(String, referencedBy: String?)
    case cycle([String])
    case invalidSavedDefinition(segment: String, reason: String)
    /// A field no catalogue entry has (the parser refuses these; a definition built in code may hold one).
    case unknownField(String)

    public var description: String {
        switch self {
        case .unknownSegment(let name, let referrer):
            "\(referrer.map { "segment \"\($0)\" names" } ?? "the definition names") segment \"\(name)\", which does not exist; "
                + "`rapport segment list` shows the saved ones"
        case .cycle(let names):
            "segments name each other in a circle (\(names.joined(separator: " → "))): one of them must stop naming the next"
        case .invalidSavedDefinition(let segment, let reason):
            "the saved definition of segment \"\(segment)\" no longer reads: \(reason)"
        case .unknownField(let name):
            "unknown field `\(name)`: `rapport segment fields` lists them"
        }
    }
}

/// Evaluates definitions against one knowledge base as of one day: resolves the saved segments they
/// name (dynamic ones evaluated first, in dependency order; static lists read), loads one frame with
/// everything all of them read, and keeps the results.
public struct SegmentWorkspace: Sendable {
    public let frame: TargetingFrame
    /// Members of every saved segment the definitions name, directly or not.
    public let resolved: [String: Bitset]
    public let evaluator: SegmentEvaluator

    /// Prepares the evaluation of `definitions` (and `extraNeeds`, for explanations or offers).
    public static func prepare(
        _ definitions: [SegmentCondition], store: some TargetingStore & SegmentStore, today: CalendarDate,
        extraNeeds: FrameNeeds = FrameNeeds()
    ) throws -> SegmentWorkspace {
        var needs = extraNeeds
        var order: [(name: String, record: SegmentRecord, definition: SegmentCondition?)] = []
        var visiting: [String] = []
        var done = Set<String>()
        func visit(_ name: String, from referrer: String?) throws {
            if done.contains(name) { return }
            if let start = visiting.firstIndex(of: name) { throw SegmentEvaluationError.cycle(visiting[start...] + [name]) }
            guard let record = try store.segment(named: name) else {
                throw SegmentEvaluationError.unknownSegment(name, referencedBy: referrer)
            }
            visiting.append(name)
            var definition: SegmentCondition?
            if record.kind == .dynamic {
                do {
                    definition = try SegmentDefinition.parse(record.definition ?? "")
                } catch {
                    throw SegmentEvaluationError.invalidSavedDefinition(segment: name, reason: "\(error)")
                }
                needs.add(definition!)
                for reference in definition!.segmentReferences { try visit(reference, from: name) }
            }
            visiting.removeLast()
            done.insert(name)
            order.append((name, record, definition))
        }
        for definition in definitions {
            needs.add(definition)
            for reference in definition.segmentReferences { try visit(reference, from: nil) }
        }
        let frame = try TargetingFrame.load(from: store, needs: needs, today: today)
        var resolved: [String: Bitset] = [:]
        for (name, record, definition) in order {
            if let definition {
                resolved[name] = try evaluator(frame, resolved).evaluate(definition)
            } else {
                resolved[name] = frame.bitset(ofIDs: try store.members(ofSegment: record.id))
            }
        }
        return SegmentWorkspace(frame: frame, resolved: resolved, evaluator: evaluator(frame, resolved))
    }

    private static func evaluator(_ frame: TargetingFrame, _ known: [String: Bitset]) -> SegmentEvaluator {
        SegmentEvaluator(frame: frame) { name in
            guard let members = known[name] else { throw SegmentStoreError.notFound(name) }
            return members
        }
    }

    /// The members of a definition, as a set over the frame.
    public func evaluate(_ definition: SegmentCondition) throws -> Bitset {
        try evaluator.evaluate(definition)
    }

    /// Store ids of the members, ascending.
    public func ids(_ members: Bitset) -> [Int64] {
        members.indexes.map { frame.ids[$0] }
    }
}
