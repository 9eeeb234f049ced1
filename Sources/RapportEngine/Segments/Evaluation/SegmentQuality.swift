public import RapportCore

/// The criteria of a good segment (seed 002: substantial, measurable, differentiable, accessible,
/// stable) checked on one evaluation. A failed check is a warning, never an error: the marketer
/// decides.
public struct SegmentQuality: Sendable {
    public enum Criterion: String, Sendable, Hashable, CaseIterable {
        case substantial, measurable, differentiable, accessible, stable
    }

    public struct Warning: Sendable, Hashable, CustomStringConvertible {
        public var criterion: Criterion
        public var message: String
        public var description: String { "\(criterion.rawValue): \(message)" }
    }

    /// Where each check draws the line.
    public struct Thresholds: Sendable, Hashable {
        /// Fewer members than this is too small to act on or to measure against a control group.
        public var minimumSize = 100
        /// A field unknown for more than this share of the base makes the segment miss people.
        public var maximumMissingShare = 0.5
        /// Two segments sharing more than this share of their union (Jaccard) are not different.
        public var maximumOverlap = 0.8
        /// Less than this share of members reachable on some channel (latest consent granted).
        public var minimumReachableShare = 0.5
        /// Entries plus exits over the previous size above this between two evaluations.
        public var maximumChurn = 0.5

        public init() {}
    }

    public let warnings: [Warning]

    /// Checks a segment's members. `others` are the other saved segments to compare with;
    /// `snapshots` its evaluations, newest first.
    public init(
        members: Bitset, definition: SegmentCondition?, frame: TargetingFrame, others: [(name: String, members: Bitset)],
        snapshots: [SegmentSnapshot], thresholds: Thresholds = Thresholds()
    ) {
        var warnings: [Warning] = []
        let size = members.cardinality
        if size < thresholds.minimumSize {
            warnings.append(
                Warning(
                    criterion: .substantial,
                    message: "\(size) member\(size == 1 ? "" : "s"), under the minimum of \(thresholds.minimumSize): "
                        + "too few to act on or to compare with a control group; widen the conditions"))
        }
        for (name, share) in Self.missingShares(definition, frame: frame) where share > thresholds.maximumMissingShare {
            warnings.append(
                Warning(
                    criterion: .measurable,
                    message: "\(name) is unknown for \(Self.percent(share)) of the base: the segment misses whoever "
                        + "has no value; complete the data or test another field"))
        }
        for other in others {
            let union = members.union(other.members).cardinality
            guard union > 0 else { continue }
            let overlap = Double(members.intersection(other.members).cardinality) / Double(union)
            if overlap > thresholds.maximumOverlap {
                warnings.append(
                    Warning(
                        criterion: .differentiable,
                        message: "shares \(Self.percent(overlap)) of its members with \"\(other.name)\": the two are hardly different"))
            }
        }
        if size > 0, let reachable = Self.reachable(frame) {
            let share = Double(members.intersection(reachable).cardinality) / Double(size)
            if share < thresholds.minimumReachableShare {
                warnings.append(
                    Warning(
                        criterion: .accessible,
                        message: "only \(Self.percent(share)) of members have a granted consent on some channel"))
            }
        }
        if let churn = snapshots.first?.churn, churn > thresholds.maximumChurn {
            warnings.append(
                Warning(
                    criterion: .stable,
                    message: "\(Self.percent(churn)) of its members changed since the previous evaluation: "
                        + "a segment that moves this much is hard to address and to measure"))
        }
        self.warnings = warnings
    }

    /// Mean churn over the snapshots that have one, or nil.
    public static func meanChurn(_ snapshots: [SegmentSnapshot]) -> Double? {
        let churns = snapshots.compactMap(\.churn)
        return churns.isEmpty ? nil : churns.reduce(0, +) / Double(churns.count)
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    private static func reachable(_ frame: TargetingFrame) -> Bitset? {
        guard frame.needs.consents else { return nil }
        var any = Bitset(count: frame.count)
        for set in frame.consents.values { any.formUnion(set) }
        return any
    }

    /// The share of the base with no value, per field the definition tests.
    static func missingShares(_ definition: SegmentCondition?, frame: TargetingFrame) -> [(String, Double)] {
        guard let definition, frame.count > 0 else { return [] }
        var names: [String] = []
        func visit(_ condition: SegmentCondition) {
            switch condition {
            case .all(let items), .any(let items): items.forEach(visit)
            case .not(let inner): visit(inner)
            case .field(let name, _): if !names.contains(name) { names.append(name) }
            default: break
            }
        }
        visit(definition)
        return names.compactMap { name -> (String, Double)? in
            guard let field = SegmentField.named(name), field.kind != .presence else { return nil }
            let missing: Int
            switch field.source {
            case .attribute(let attribute):
                let text = frame.attributeText[attribute]
                let numbers = frame.attributeNumbers[attribute]
                missing = (0 ..< frame.count).count { (text?.codes[$0] ?? -1) < 0 && (numbers?[$0].isNaN ?? true) }
            case .targets:
                return nil
            default:
                if let column = frame.text[field.source] {
                    missing = column.codes.count { $0 < 0 }
                } else if let numbers = frame.numbers[field.source] {
                    missing = numbers.count { $0.isNaN }
                } else {
                    return nil
                }
            }
            return (name, Double(missing) / Double(frame.count))
        }
    }
}

extension Bitset {
    public func union(_ other: Bitset) -> Bitset {
        var result = self
        result.formUnion(other)
        return result
    }
}
