import RapportAnalytics
import RapportCore
import RapportEngine

/// Random definitions over the fixture's vocabulary: every kind of condition, nested up to three
/// levels, with values that sometimes match nothing.
struct DefinitionGenerator {
    var random: SplitMix64

    private mutating func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    private mutating func number(_ range: ClosedRange<Int>) -> Double {
        Double(range.lowerBound + Int(random.next() % UInt64(range.count)))
    }

    mutating func condition(depth: Int = 0) -> SegmentCondition {
        let roll = random.next() % 10
        if depth < 3 && roll < 3 {
            let count = 2 + Int(random.next() % 2)
            let items = (0 ..< count).map { _ in condition(depth: depth + 1) }
            return roll == 0 ? .any(items) : roll == 1 ? .all(items) : .not(items[0])
        }
        return atom()
    }

    private mutating func comparison() -> Comparison { pick(Comparison.allCases) }

    private mutating func window() -> TimeWindow? {
        switch random.next() % 5 {
        case 0: return nil
        case 1: return .last(1 + Int(random.next() % 120), pick(CalendarUnit.allCases.filter { $0 != .years }))
        case 2: return .since(.ago(Int(random.next() % 200), .days))
        case 3: return .since(.date(CalendarDate(year: 2025, month: 1 + Int(random.next() % 7), day: 1)!))
        default:
            return .between(.ago(Int(random.next() % 5), .months), .ago(Int(random.next() % 30), .days))
        }
    }

    private mutating func countTest(upTo limit: Int) -> ValueTest {
        random.next() % 4 == 0
            ? .between(.number(number(0 ... limit)), .number(number(0 ... limit)))
            : .compare(comparison(), .number(number(0 ... limit)))
    }

    private mutating func textTest(_ values: [String]) -> ValueTest {
        switch random.next() % 6 {
        case 0: return .oneOf([.text(pick(values)), .text(pick(values))])
        case 1: return .noneOf([.text(pick(values))])
        case 2: return .isSet
        case 3: return .isNotSet
        default: return .compare(pick([.equal, .notEqual, .less, .greaterOrEqual]), .text(pick(values)))
        }
    }

    private mutating func numberTest(_ range: ClosedRange<Int>) -> ValueTest {
        switch random.next() % 7 {
        case 0: return .between(.number(number(range)), .number(number(range)))
        case 1: return .oneOf([.number(number(range)), .number(number(range))])
        case 2: return .noneOf([.number(number(range))])
        case 3: return .isSet
        case 4: return .isNotSet
        default: return .compare(comparison(), .number(number(range)))
        }
    }

    private mutating func atom() -> SegmentCondition {
        switch random.next() % 17 {
        case 0: return .field("country", textTest(["FR", "BE", "DE", "IT"]))
        case 1: return .field("city", textTest(["Lyon", "Paris", "Lille", "Namur"]))
        case 2: return .field("kind", textTest(["customer", "prospect", "former"]))
        case 3: return .field("email", pick([.isSet, .isNotSet]))
        case 4:
            let test: ValueTest =
                random.next() % 2 == 0
                ? .compare(comparison(), .ago(Int(random.next() % 700), .days))
                : .compare(comparison(), .date(CalendarDate(year: 2024, month: 1 + Int(random.next() % 12), day: 15)!))
            return .field(pick(["created", "birth_date"]), test)
        case 5: return .field("age", numberTest(16 ... 75))
        case 6: return .field(pick(["clv", "p_alive", "monetary"]), numberTest(0 ... 600).scaled(pick([1, 0.001, 1])))
        case 7: return .field(pick(["r_score", "f_score", "m_score", "cluster"]), numberTest(0 ... 5))
        case 8: return .field("rfm_segment", textTest(TargetingFixture.segments))
        case 9:
            return random.next() % 2 == 0
                ? .field("lifecycle", textTest(LifecycleStage.allCases.map(\.rawValue)))
                : .field("main_target", textTest(TacticalTarget.allCases.map(\.rawValue)))
        case 10:
            let targets = TacticalTarget.allCases.map(\.rawValue)
            let test: ValueTest = pick([
                .compare(.equal, .text(pick(targets))), .compare(.notEqual, .text(pick(targets))),
                .oneOf([.text(pick(targets)), .text(pick(targets))]), .noneOf([.text(pick(targets))]), .isSet, .isNotSet,
            ])
            return .field("target", test)
        case 11:
            switch random.next() % 3 {
            case 0: return .field("attributes.tier", textTest(["gold", "silver", "bronze"]))
            case 1: return .field("attributes.points", numberTest(0 ... 500))
            default: return .field("attributes.vip", pick([.compare(.equal, .boolean(true)), .compare(.notEqual, .boolean(true)), .isSet]))
            }
        case 12, 13:
            let quantity: PurchaseMeasure.Quantity = pick([.orders, .spent])
            var measure = PurchaseMeasure(
                quantity: quantity, window: window(),
                test: quantity == .orders ? countTest(upTo: 4) : countTest(upTo: 300))
            switch random.next() % 3 {
            case 0: measure.category = pick(TargetingFixture.categories + ["none", "Shoes"])
            case 1: measure.product = pick(TargetingFixture.products.map(\.sku))
            default: break
            }
            return .purchases(measure)
        case 14, 15:
            return .event(
                EventMeasure(
                    type: pick(TargetingFixture.eventTypes), window: window(),
                    test: random.next() % 2 == 0 ? .atLeastOne : countTest(upTo: 3), withoutOrderAfter: random.next() % 3 == 0))
        default:
            return .consent(pick([.email, .sms]))
        }
    }
}

extension ValueTest {
    /// The same test with its numbers multiplied by `factor` (for fields on another scale).
    func scaled(_ factor: Double) -> ValueTest {
        func scale(_ value: SegmentValue) -> SegmentValue {
            if case .number(let number) = value { return .number(number * factor) }
            return value
        }
        switch self {
        case .compare(let comparison, let value): return .compare(comparison, scale(value))
        case .between(let low, let high): return .between(scale(low), scale(high))
        case .oneOf(let values): return .oneOf(values.map(scale))
        case .noneOf(let values): return .noneOf(values.map(scale))
        case .isSet, .isNotSet: return self
        }
    }
}
