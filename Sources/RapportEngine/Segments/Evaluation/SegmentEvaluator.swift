public import RapportCore
import RapportAnalytics

/// Evaluates definitions over a `TargetingFrame`, a column at a time: every condition becomes a
/// `Bitset` of customers, combined word by word. Purchase and event measures run over row ranges
/// on every core.
public struct SegmentEvaluator: Sendable {
    public let frame: TargetingFrame
    public let calendar: EvaluationCalendar
    /// The members of a saved segment named in a definition.
    public let segmentMembers: @Sendable (String) throws -> Bitset

    public init(frame: TargetingFrame, segmentMembers: @escaping @Sendable (String) throws -> Bitset = { name in
        throw SegmentStoreError.notFound(name)
    }) {
        self.frame = frame
        self.calendar = EvaluationCalendar(today: CalendarDate(dayNumber: Int64(frame.today)))
        self.segmentMembers = segmentMembers
    }

    public func evaluate(_ condition: SegmentCondition) throws -> Bitset {
        try evaluate(condition, within: nil)
    }

    /// The customers among `candidates` (every customer when nil) that satisfy the condition: the
    /// result never holds a customer outside `candidates`. Within an `and`, column tests run first
    /// and purchase or event measures only visit the customers still in, which is what makes
    /// "country = … and orders in last 365 days >= 3" cost a fraction of a scan of every order.
    func evaluate(_ condition: SegmentCondition, within candidates: Bitset?) throws -> Bitset {
        switch condition {
        case .all(let items):
            var result = candidates ?? Bitset(count: frame.count, full: true)
            for item in items.sorted(by: { $0.evaluationCost < $1.evaluationCost }) {
                result = try evaluate(item, within: result)
            }
            return result
        case .any(let items):
            var result = Bitset(count: frame.count)
            for item in items { result.formUnion(try evaluate(item, within: candidates)) }
            return result
        case .not(let inner):
            return restricted(try evaluate(inner, within: candidates).complement(), to: candidates)
        case .field(let name, let test):
            guard let field = SegmentField.named(name) else { throw SegmentEvaluationError.unknownField(name) }
            return restricted(evaluate(field, test), to: candidates)
        case .purchases(let measure):
            return evaluate(measure, within: candidates)
        case .event(let measure):
            return evaluate(measure, within: candidates)
        case .consent(let channel):
            return restricted(frame.consents[channel] ?? Bitset(count: frame.count), to: candidates)
        case .inSegment(let name):
            let members = try segmentMembers(name)
            precondition(members.count == frame.count, "segment \(name) was evaluated over another frame")
            return restricted(members, to: candidates)
        }
    }

    private func restricted(_ set: Bitset, to candidates: Bitset?) -> Bitset {
        guard let candidates else { return set }
        return set.intersection(candidates)
    }

    // MARK: Fields

    func evaluate(_ field: SegmentField, _ test: ValueTest) -> Bitset {
        switch field.source {
        case .attribute(let name):
            if test.usesText {
                return Self.textTest(frame.attributeText[name] ?? CategoricalColumn(count: frame.count), test)
            }
            let numbers = frame.attributeNumbers[name] ?? [Double](repeating: .nan, count: frame.count)
            switch test {
            case .isSet:
                let text = frame.attributeText[name]
                return Bitset(count: frame.count) { !numbers[$0].isNaN || (text?.codes[$0] ?? -1) >= 0 }
            case .isNotSet:
                let text = frame.attributeText[name]
                return Bitset(count: frame.count) { numbers[$0].isNaN && (text?.codes[$0] ?? -1) < 0 }
            default:
                return numberTest(numbers, test)
            }
        case .targets:
            return targetTest(test)
        default:
            if let column = frame.text[field.source] { return Self.textTest(column, test) }
            return numberTest(frame.numbers[field.source] ?? [Double](repeating: .nan, count: frame.count), test)
        }
    }

    /// Decides the test once per distinct value, then looks codes up.
    static func textTest(_ column: CategoricalColumn, _ test: ValueTest) -> Bitset {
        var accepted = column.values.map { value in test.accepts(text: value) }
        let missing = test == .isNotSet
        accepted.append(missing)  // index -1 maps to the last slot
        let last = Int32(accepted.count - 1)
        return accepted.withUnsafeBufferPointer { accepted in
            column.codes.withUnsafeBufferPointer { codes in
                Bitset(count: codes.count) { accepted[Int(codes[$0] < 0 ? last : codes[$0])] }
            }
        }
    }

    func numberTest(_ numbers: [Double], _ test: ValueTest) -> Bitset {
        let predicate = NumberPredicate(test, calendar: calendar)
        return numbers.withUnsafeBufferPointer { numbers in
            Bitset(count: numbers.count) { predicate.accepts(numbers[$0]) }
        }
    }

    func targetTest(_ test: ValueTest) -> Bitset {
        func mask(_ values: [SegmentValue]) -> UInt16 {
            values.reduce(0) { if case .text(let name) = $1 { $0 | (TargetNames.bits[name] ?? 0) } else { $0 } }
        }
        let masks = frame.targetMasks.isEmpty ? [UInt16](repeating: 0, count: frame.count) : frame.targetMasks
        switch test {
        case .compare(.equal, let value):
            let wanted = mask([value])
            return Bitset(count: frame.count) { masks[$0] & wanted != 0 }
        case .oneOf(let values):
            let wanted = mask(values)
            return Bitset(count: frame.count) { masks[$0] & wanted != 0 }
        case .compare(.notEqual, let value):
            let wanted = mask([value])
            return Bitset(count: frame.count) { masks[$0] != 0 && masks[$0] & wanted == 0 }
        case .noneOf(let values):
            let wanted = mask(values)
            return Bitset(count: frame.count) { masks[$0] != 0 && masks[$0] & wanted == 0 }
        case .isSet: return Bitset(count: frame.count) { masks[$0] != 0 }
        case .isNotSet: return Bitset(count: frame.count) { masks[$0] == 0 }
        default: return Bitset(count: frame.count)
        }
    }

    // MARK: Measures

    func evaluate(_ measure: PurchaseMeasure, within candidates: Bitset? = nil) -> Bitset {
        let predicate = NumberPredicate(measure.test, calendar: calendar)
        let kernel = PurchaseKernel(frame: frame, measure: measure, days: calendar.days(measure.window))
        return Self.parallel(count: frame.count, within: candidates) { customer in predicate.accepts(kernel.value(customer)) }
    }

    func evaluate(_ measure: EventMeasure, within candidates: Bitset? = nil) -> Bitset {
        let predicate = NumberPredicate(measure.test, calendar: calendar)
        let kernel = EventKernel(frame: frame, measure: measure, days: calendar.days(measure.window))
        return Self.parallel(count: frame.count, within: candidates) { customer in
            let (count, latest) = kernel.value(customer)
            guard predicate.accepts(Double(count)) else { return false }
            guard measure.withoutOrderAfter else { return true }
            return count > 0 && frame.orders.lastOrderAt[customer] <= latest
        }
    }

    /// Sets the bits of the customers in `candidates` (all when nil) that satisfy a predicate, over
    /// two halves of the words when the frame is large enough for it to pay.
    static func parallel(
        count: Int, within candidates: Bitset? = nil, _ predicate: @escaping @Sendable (Int) -> Bool
    ) -> Bitset {
        let parts = count >= 65_536 ? 2 : 1
        let wordCount = (count + 63) / 64
        let bounds = (0 ... parts).map { wordCount * $0 / parts }
        let lastWordMask: UInt64 = count % 64 == 0 ? ~0 : (1 << UInt64(count % 64)) - 1
        let pieces = ParallelColumns.map(parts) { part -> [UInt64] in
            let wordRange = bounds[part] ..< bounds[part + 1]
            var words = [UInt64](repeating: 0, count: wordRange.count)
            for wordIndex in wordRange {
                var remaining = candidates?.words[wordIndex] ?? (wordIndex == wordCount - 1 ? lastWordMask : ~0)
                var word: UInt64 = 0
                while remaining != 0 {
                    let bit = remaining.trailingZeroBitCount
                    if predicate(wordIndex << 6 + bit) { word |= 1 << UInt64(bit) }
                    remaining &= remaining - 1
                }
                words[wordIndex - wordRange.lowerBound] = word
            }
            return words
        }
        return Bitset(count: count, words: Array(pieces.joined()))
    }
}

extension ValueTest {
    /// True when the test compares with text values (so a custom attribute is read as text).
    var usesText: Bool {
        func isText(_ value: SegmentValue) -> Bool { if case .text = value { true } else { false } }
        switch self {
        case .compare(_, let value): return isText(value)
        case .between(let low, _): return isText(low)
        case .oneOf(let values), .noneOf(let values): return values.first.map(isText) ?? false
        case .isSet, .isNotSet: return false
        }
    }

    /// The test applied to a present text value.
    func accepts(text: String) -> Bool {
        func string(_ value: SegmentValue) -> String? { if case .text(let text) = value { text } else { nil } }
        switch self {
        case .compare(let comparison, let value):
            guard let other = string(value) else { return false }
            switch comparison {
            case .equal: return text == other
            case .notEqual: return text != other
            case .less: return text < other
            case .lessOrEqual: return text <= other
            case .greater: return text > other
            case .greaterOrEqual: return text >= other
            }
        case .between(let low, let high):
            guard let low = string(low), let high = string(high) else { return false }
            return low <= text && text <= high
        case .oneOf(let values): return values.contains { string($0) == text }
        case .noneOf(let values): return !values.contains { string($0) == text }
        case .isSet: return true
        case .isNotSet: return false
        }
    }
}

/// A numeric test with its bounds resolved to numbers (dates to day numbers); NaN, the missing
/// value, passes only `is not set`.
struct NumberPredicate: Sendable {
    private enum Kind: Sendable {
        case range(lower: Double, lowerIncluded: Bool, upper: Double, upperIncluded: Bool)
        case notEqual(Double)
        case oneOf([Double])
        case noneOf([Double])
        case isSet, isNotSet, never
    }

    private let kind: Kind

    init(_ test: ValueTest, calendar: EvaluationCalendar) {
        func number(_ value: SegmentValue) -> Double? {
            switch value {
            case .number(let number): number
            case .boolean(let flag): flag ? 1 : 0
            case .date, .ago: calendar.dayNumber(value).map(Double.init)
            case .text: nil
            }
        }
        switch test {
        case .compare(let comparison, let value):
            guard let bound = number(value) else {
                kind = .never
                return
            }
            switch comparison {
            case .equal: kind = .range(lower: bound, lowerIncluded: true, upper: bound, upperIncluded: true)
            case .notEqual: kind = .notEqual(bound)
            case .less: kind = .range(lower: -.infinity, lowerIncluded: true, upper: bound, upperIncluded: false)
            case .lessOrEqual: kind = .range(lower: -.infinity, lowerIncluded: true, upper: bound, upperIncluded: true)
            case .greater: kind = .range(lower: bound, lowerIncluded: false, upper: .infinity, upperIncluded: true)
            case .greaterOrEqual: kind = .range(lower: bound, lowerIncluded: true, upper: .infinity, upperIncluded: true)
            }
        case .between(let low, let high):
            guard let low = number(low), let high = number(high) else {
                kind = .never
                return
            }
            kind = .range(lower: low, lowerIncluded: true, upper: high, upperIncluded: true)
        case .oneOf(let values): kind = .oneOf(values.compactMap(number))
        case .noneOf(let values): kind = .noneOf(values.compactMap(number))
        case .isSet: kind = .isSet
        case .isNotSet: kind = .isNotSet
        }
    }

    @inline(__always)
    func accepts(_ value: Double) -> Bool {
        switch kind {
        case .range(let lower, let lowerIncluded, let upper, let upperIncluded):
            // NaN fails every comparison.
            return (lowerIncluded ? value >= lower : value > lower) && (upperIncluded ? value <= upper : value < upper)
        case .notEqual(let bound): return !value.isNaN && value != bound
        case .oneOf(let values): return values.contains(value)
        case .noneOf(let values): return !value.isNaN && !values.contains(value)
        case .isSet: return !value.isNaN
        case .isNotSet: return value.isNaN
        case .never: return false
        }
    }
}

