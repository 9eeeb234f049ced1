import RapportCore

/// Reads the segment language. Keywords are case-insensitive; `and` binds tighter than `or`;
/// parentheses group. Every error names the line and column and says what would fit there.
///
///     country = "FR" and clv > 200
///     bought category "shoes" at least 2 times in last 90 days
///     spent since 2025-01-01 > 200 or (rfm_segment in ("champions", "loyal") and not consent sms)
///     event "cart_abandoned" in last 3 days without order after
public struct SegmentParser {
    private let source: [Character]
    private let tokens: [SegmentToken]
    private var position = 0

    /// Parses a whole definition; fields and values are checked against the field catalogue.
    public static func parse(_ text: String) throws(SegmentSyntaxError) -> SegmentCondition {
        var parser = try SegmentParser(text)
        guard parser.current.kind != .end else {
            throw parser.error("the definition is empty: write a condition such as country = \"FR\"")
        }
        let condition = try parser.parseOr()
        guard parser.current.kind == .end else {
            if parser.current.kind == .symbol(")") {
                throw parser.error("this `)` closes no `(`: remove it or add the `(` it closes")
            }
            throw parser.error("expected `and`, `or` or the end of the definition, found \(parser.current.shown)")
        }
        return condition
    }

    private init(_ text: String) throws(SegmentSyntaxError) {
        source = Array(text)
        tokens = try SegmentLexer.tokens(source)
    }

    private var current: SegmentToken { tokens[position] }
    private func peek(_ ahead: Int = 1) -> SegmentToken { tokens[min(position + ahead, tokens.count - 1)] }

    private func error(_ message: String, at token: SegmentToken? = nil) -> SegmentSyntaxError {
        SegmentSyntaxError(message, at: (token ?? current).offset, in: source)
    }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func accept(_ keyword: String) -> Bool {
        guard current.keyword == keyword else { return false }
        advance()
        return true
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ keyword: String, _ why: String) throws(SegmentSyntaxError) {
        guard accept(keyword) else { throw error("expected `\(keyword)` \(why), found \(current.shown)") }
    }

    // MARK: Logic

    private mutating func parseOr() throws(SegmentSyntaxError) -> SegmentCondition {
        var items = [try parseAnd()]
        while accept("or") { items.append(try parseAnd()) }
        return items.count == 1 ? items[0] : .any(items)
    }

    private mutating func parseAnd() throws(SegmentSyntaxError) -> SegmentCondition {
        var items = [try parseNot()]
        while accept("and") { items.append(try parseNot()) }
        return items.count == 1 ? items[0] : .all(items)
    }

    private mutating func parseNot() throws(SegmentSyntaxError) -> SegmentCondition {
        if accept("not") { return .not(try parseNot()) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(SegmentSyntaxError) -> SegmentCondition {
        let start = current
        if accept(symbol: "(") {
            let inner = try parseOr()
            guard accept(symbol: ")") else {
                throw error(
                    "expected `)` to close the `(` at column \(SegmentSyntaxError("", at: start.offset, in: source).column), found \(current.shown)")
            }
            return inner
        }
        switch current.keyword {
        case "everyone":
            advance()
            return .all([])
        case "in" where peek().keyword == "segment":
            advance()
            advance()
            return .inSegment(try parseName("the segment's name in quotes, e.g. in segment \"vip\""))
        case "consent":
            advance()
            _ = accept("to") || accept("on") || accept("by")
            return .consent(try parseChannel())
        case "orders", "bought":
            let keyword = current.keyword
            advance()
            var measure = PurchaseMeasure(quantity: .orders, test: .atLeastOne)
            if keyword == "bought" { try parseProductFilter(into: &measure) }
            var test: ValueTest? = nil
            var unused = false
            try parseClauses(window: &measure.window, test: &test, withoutOrder: &unused, allowWithout: false)
            measure.test = test ?? .atLeastOne
            return .purchases(measure)
        case "spent":
            advance()
            var measure = PurchaseMeasure(quantity: .spent, test: .atLeastOne)
            if accept("on") { try parseProductFilter(into: &measure, required: true) }
            var test: ValueTest? = nil
            var unused = false
            try parseClauses(window: &measure.window, test: &test, withoutOrder: &unused, allowWithout: false)
            guard let test else {
                throw error("say how much: e.g. spent in last 12 months > 200, found \(current.shown)")
            }
            measure.test = test
            return .purchases(measure)
        case "event":
            advance()
            var measure = EventMeasure(type: try parseName("the event type in quotes, e.g. event \"cart_abandoned\""))
            var test: ValueTest? = nil
            var withoutOrder = false
            try parseClauses(window: &measure.window, test: &test, withoutOrder: &withoutOrder, allowWithout: true)
            measure.test = test ?? .atLeastOne
            measure.withoutOrderAfter = withoutOrder
            return .event(measure)
        default:
            break
        }
        guard case .word(let name) = current.kind else {
            throw error(
                "expected a condition (a field such as country or clv, orders, spent, bought, event, consent, "
                    + "in segment, not, or a `(`), found \(current.shown)")
        }
        guard let field = SegmentField.named(name) else {
            let names = SegmentField.builtIn.map(\.name)
            let hint = Suggestion.closest(to: name, in: names + Array(SegmentField.aliases.keys)).map { "did you mean `\($0)`? " } ?? ""
            throw error(
                "unknown field `\(name)`: \(hint)fields are \(names.joined(separator: ", ")) and attributes.NAME; "
                    + "conditions on purchases start with orders, spent or bought")
        }
        advance()
        let testStart = current
        let test = try parseValueTest(field: name)
        if let problem = field.problem(with: test) { throw error(problem, at: testStart) }
        return .field(field.name, test)
    }

    // MARK: Tests and values

    private mutating func parseValueTest(field: String) throws(SegmentSyntaxError) -> ValueTest {
        if accept("is") {
            let negated = accept("not")
            guard accept("set") || accept("known") else {
                throw error("expected `set` after `is\(negated ? " not" : "")` (\(field) is set, \(field) is not set)")
            }
            return negated ? .isNotSet : .isSet
        }
        if accept("between") {
            let low = try parseValue()
            try expect("and", "between the two bounds (\(field) between 1 and 5)")
            return .between(low, try parseValue())
        }
        let negated = accept("not")
        if accept("in") {
            let values = try parseList()
            return negated ? .noneOf(values) : .oneOf(values)
        }
        if negated { throw error("expected `in (…)` after `not` (\(field) not in (\"a\", \"b\"))") }
        guard let comparison = parseComparison() else {
            throw error(
                "expected a comparison after \(field): = != < <= > >=, between … and …, in (…), not in (…), "
                    + "is set or is not set; found \(current.shown)")
        }
        return .compare(comparison, try parseValue())
    }

    private mutating func parseComparison() -> Comparison? {
        guard case .symbol(let symbol) = current.kind, let comparison = Comparison(rawValue: symbol) else { return nil }
        advance()
        return comparison
    }

    private mutating func parseList() throws(SegmentSyntaxError) -> [SegmentValue] {
        guard accept(symbol: "(") else { throw error("expected `(` to open the list of values, e.g. in (\"FR\", \"BE\")") }
        var values = [try parseValue()]
        while accept(symbol: ",") { values.append(try parseValue()) }
        guard accept(symbol: ")") else { throw error("expected `,` or `)` in the list of values, found \(current.shown)") }
        return values
    }

    private mutating func parseValue() throws(SegmentSyntaxError) -> SegmentValue {
        let token = current
        switch token.kind {
        case .text(let text):
            advance()
            return .text(text)
        case .date(let date):
            advance()
            return .date(date)
        case .number(let number):
            advance()
            if let unit = Self.unit(current.keyword) {
                advance()
                guard accept("ago") else { throw error("expected `ago` after the unit (30 days ago)") }
                guard let whole = Int(exactly: number), whole >= 0 else {
                    throw error("a relative date counts whole units: write e.g. 3 months ago", at: token)
                }
                return .ago(whole, unit)
            }
            return .number(number)
        case .word(let word):
            switch word.lowercased() {
            case "today": advance(); return .ago(0, .days)
            case "yesterday": advance(); return .ago(1, .days)
            case "true": advance(); return .boolean(true)
            case "false": advance(); return .boolean(false)
            default:
                throw error("`\(word)` is not a value: quote text (\"\(word)\"), or write a number, a date or true/false")
            }
        case .symbol, .end:
            throw error(
                "expected a value (a number, a \"quoted text\", a date like 2025-01-31, `30 days ago` or `today`), found \(token.shown)")
        }
    }

    private static func unit(_ keyword: String?) -> CalendarUnit? {
        switch keyword {
        case "day", "days": .days
        case "week", "weeks": .weeks
        case "month", "months": .months
        case "year", "years": .years
        default: nil
        }
    }

    private mutating func parseName(_ what: String) throws(SegmentSyntaxError) -> String {
        guard case .text(let name) = current.kind else { throw error("expected \(what), found \(current.shown)") }
        advance()
        return name
    }

    private mutating func parseChannel() throws(SegmentSyntaxError) -> ContactChannel {
        let token = current
        let written: String
        switch token.kind {
        case .word(let word): written = word
        case .text(let text): written = text
        default: throw error("expected a channel after consent: email, sms, phone, mail or push")
        }
        guard let channel = try? ContactChannel(written) else {
            throw error("`\(written)` is not a channel: write email, sms, phone, mail or push")
        }
        advance()
        return channel
    }

    private mutating func parseProductFilter(into measure: inout PurchaseMeasure, required: Bool = false) throws(SegmentSyntaxError) {
        if accept("category") {
            measure.category = try parseName("the category in quotes, e.g. category \"shoes\"")
        } else if accept("product") {
            measure.product = try parseName("the product's sku in quotes, e.g. product \"SKU-042\"")
        } else if required {
            throw error("expected `category \"…\"` or `product \"…\"` after `spent on`")
        }
    }

    /// Reads the optional window and test of a measure, in either order, and `without order after`
    /// for events.
    private mutating func parseClauses(
        window: inout TimeWindow?, test: inout ValueTest?, withoutOrder: inout Bool, allowWithout: Bool
    ) throws(SegmentSyntaxError) {
        while true {
            let start = current
            if let parsed = try parseWindow() {
                guard window == nil else { throw error("this measure already has a time window", at: start) }
                window = parsed
            } else if let parsed = try parseMeasureTest() {
                guard test == nil else { throw error("this measure already has a test", at: start) }
                test = parsed
            } else if allowWithout, accept("without") {
                guard accept("order") || accept("orders") else { throw error("expected `order after` after `without`") }
                guard accept("after") || accept("since") else { throw error("expected `after` (without order after)") }
                withoutOrder = true
            } else {
                return
            }
        }
    }

    private mutating func parseWindow() throws(SegmentSyntaxError) -> TimeWindow? {
        if accept("ever") { return nil }
        let isWindowStart =
            (current.keyword == "in" || current.keyword == "over" || current.keyword == "during")
            && (peek().keyword == "last" || peek().keyword == "the")
        if isWindowStart || current.keyword == "last" {
            if isWindowStart { advance() }
            _ = accept("the")
            try expect("last", "(in last 90 days)")
            guard case .number(let number) = current.kind, let count = Int(exactly: number), count > 0 else {
                throw error("expected a whole number of days, weeks, months or years after `last`, found \(current.shown)")
            }
            advance()
            guard let unit = Self.unit(current.keyword) else {
                throw error("expected days, weeks, months or years after \(count), found \(current.shown)")
            }
            advance()
            return .last(count, unit)
        }
        if accept("since") {
            return .since(try parseDateValue())
        }
        if current.keyword == "between", isDateStart(peek(), peek(2)) {
            advance()
            let from = try parseDateValue()
            try expect("and", "between the first and the last day")
            return .between(from, try parseDateValue())
        }
        return nil
    }

    private func isDateStart(_ token: SegmentToken, _ next: SegmentToken) -> Bool {
        switch token.kind {
        case .date: true
        case .number: Self.unit(next.keyword) != nil
        case .word(let word): ["today", "yesterday"].contains(word.lowercased())
        default: false
        }
    }

    private mutating func parseDateValue() throws(SegmentSyntaxError) -> SegmentValue {
        let token = current
        let value = try parseValue()
        switch value {
        case .date, .ago: return value
        default: throw error("expected a day (2025-01-31, 30 days ago, today), found \(token.shown)", at: token)
        }
    }

    private mutating func parseMeasureTest() throws(SegmentSyntaxError) -> ValueTest? {
        if accept("at") {
            let bound: Comparison
            if accept("least") { bound = .greaterOrEqual } else if accept("most") { bound = .lessOrEqual } else {
                throw error("expected `least` or `most` after `at`")
            }
            let count = try parseCount()
            _ = accept("times") || accept("time")
            return .compare(bound, .number(count))
        }
        if accept("exactly") {
            let count = try parseCount()
            _ = accept("times") || accept("time")
            return .compare(.equal, .number(count))
        }
        if current.keyword == "between" {
            advance()
            let low = try parseNumber()
            try expect("and", "between the two bounds (between 2 and 5)")
            return .between(.number(low), .number(try parseNumber()))
        }
        guard let comparison = parseComparison() else { return nil }
        return .compare(comparison, .number(try parseNumber()))
    }

    private mutating func parseCount() throws(SegmentSyntaxError) -> Double {
        switch current.keyword {
        case "once": advance(); return 1
        case "twice": advance(); return 2
        default: return try parseNumber()
        }
    }

    private mutating func parseNumber() throws(SegmentSyntaxError) -> Double {
        guard case .number(let number) = current.kind else { throw error("expected a number, found \(current.shown)") }
        advance()
        return number
    }
}
