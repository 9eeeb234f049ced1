public import RapportCore

/// A segment definition: a tree of conditions over one customer, read the same way whether it was
/// written in the segment language or in its JSON form. It names data, never code or SQL: the only
/// things a definition can do are the cases below.
public indirect enum SegmentCondition: Sendable, Hashable {
    /// Every condition holds (an empty list holds for everyone).
    case all([SegmentCondition])
    /// At least one condition holds.
    case any([SegmentCondition])
    case not(SegmentCondition)
    /// A test of a profile field, a custom attribute or a score.
    case field(String, ValueTest)
    /// A test of what the customer bought: completed orders or money spent, optionally restricted to
    /// a category or a product and to a time window.
    case purchases(PurchaseMeasure)
    /// A test of how many events of one type the customer had in a window.
    case event(EventMeasure)
    /// The customer's latest consent on the channel is `granted`.
    case consent(ContactChannel)
    /// The customer is a member of the named saved segment (evaluated now when it is dynamic).
    case inSegment(String)
}

/// A value written in a definition. Dates may be absolute or relative to the evaluation day.
public enum SegmentValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    /// JSON `true`/`false`; compares as the numbers 1 and 0.
    case boolean(Bool)
    case date(CalendarDate)
    /// `n unit ago`; `0 days ago` is the evaluation day (`today`).
    case ago(Int, CalendarUnit)
}

/// A calendar unit of relative dates and windows. Months and years are calendar months: a month
/// before 31 March is 28 or 29 February.
public enum CalendarUnit: String, Sendable, Hashable, CaseIterable {
    case days, weeks, months, years
}

public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// What a value must satisfy. A missing value satisfies only `isNotSet`: every comparison with it is
/// false, so `country != "FR"` leaves out customers whose country is unknown, and
/// `not country = "FR"` keeps them.
public enum ValueTest: Sendable, Hashable {
    case compare(Comparison, SegmentValue)
    /// Both bounds included.
    case between(SegmentValue, SegmentValue)
    case oneOf([SegmentValue])
    /// Set, and none of the values.
    case noneOf([SegmentValue])
    case isSet
    case isNotSet
}

/// A period of days ending on the evaluation day, both ends included.
public enum TimeWindow: Sendable, Hashable {
    /// The last `n` units up to and including the evaluation day (`last 3 days` is today and the two
    /// days before).
    case last(Int, CalendarUnit)
    /// From that day on.
    case since(SegmentValue)
    /// From the first day to the second, both included.
    case between(SegmentValue, SegmentValue)
}

/// A test over the customer's completed orders (cancelled and returned orders never count).
public struct PurchaseMeasure: Sendable, Hashable {
    public enum Quantity: String, Sendable, Hashable {
        /// Completed orders (with a category or product: orders holding at least one such line).
        case orders
        /// Money spent: order totals (with a category or product: the amounts of those lines).
        case spent
    }

    public var quantity: Quantity
    /// Only lines of products in this category.
    public var category: String?
    /// Only lines of this product (sku).
    public var product: String?
    /// Over the whole history when nil.
    public var window: TimeWindow?
    /// The test of the measure; for orders, `at least 1` when the definition gives none.
    public var test: ValueTest

    public init(
        quantity: Quantity, category: String? = nil, product: String? = nil, window: TimeWindow? = nil,
        test: ValueTest
    ) {
        self.quantity = quantity
        self.category = category
        self.product = product
        self.window = window
        self.test = test
    }
}

/// A test over the customer's events of one type.
public struct EventMeasure: Sendable, Hashable {
    public var type: String
    public var window: TimeWindow?
    /// The test of the number of such events in the window; `at least 1` by default.
    public var test: ValueTest
    /// Also requires that no completed order was placed after the latest such event of the window
    /// ("abandoned a cart in the last 3 days and no order since").
    public var withoutOrderAfter: Bool

    public init(type: String, window: TimeWindow? = nil, test: ValueTest = .atLeastOne, withoutOrderAfter: Bool = false) {
        self.type = type
        self.window = window
        self.test = test
        self.withoutOrderAfter = withoutOrderAfter
    }
}

extension ValueTest {
    /// `>= 1`: the default test of counts.
    public static let atLeastOne = ValueTest.compare(.greaterOrEqual, .number(1))
}

extension SegmentCondition {
    /// The saved segments this definition names, in order of appearance, without repeats.
    public var segmentReferences: [String] {
        var names: [String] = []
        func visit(_ condition: SegmentCondition) {
            switch condition {
            case .all(let items), .any(let items): items.forEach(visit)
            case .not(let inner): visit(inner)
            case .inSegment(let name): if !names.contains(name) { names.append(name) }
            case .field, .purchases, .event, .consent: break
            }
        }
        visit(self)
        return names
    }
}
