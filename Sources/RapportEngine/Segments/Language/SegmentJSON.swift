import RapportCore

/// The JSON form of a definition, for the API: one object per condition.
///
///     {"all": [{"field": "country", "op": "=", "value": "FR"},
///              {"orders": {"category": "shoes", "window": {"last": 90, "unit": "days"}, "op": ">=", "value": 2}},
///              {"not": {"consent": "sms"}}]}
///
/// Conditions: `all`, `any` (arrays), `not`, `field` (with `op` and `value`), `orders` and `spent`
/// (objects with optional `category`, `product`, `window`, `op`, `value`), `event` (object with
/// `type`, optional `window`, `op`, `value`, `withoutOrderAfter`), `consent` (a channel),
/// `inSegment` (a name). `op` is one of = != < <= > >= between in "not in" "is set" "is not set";
/// `between` takes `[low, high]`, `in` a list. Dates are `{"date": "2025-01-31"}` or
/// `{"ago": 30, "unit": "days"}`; windows `{"last": 90, "unit": "days"}`, `{"since": DATE}` or
/// `{"from": DATE, "to": DATE}`.
public enum SegmentJSON {
    public static func encode(_ condition: SegmentCondition) -> JSONValue {
        switch condition {
        case .all(let items): return .object(["all": .array(items.map(encode))])
        case .any(let items): return .object(["any": .array(items.map(encode))])
        case .not(let inner): return .object(["not": encode(inner)])
        case .field(let name, let test):
            var object: [String: JSONValue] = ["field": .string(name)]
            encode(test, into: &object)
            return .object(object)
        case .purchases(let measure):
            var object: [String: JSONValue] = [:]
            if let category = measure.category { object["category"] = .string(category) }
            if let product = measure.product { object["product"] = .string(product) }
            if let window = measure.window { object["window"] = encode(window) }
            encode(measure.test, into: &object)
            return .object([measure.quantity.rawValue: .object(object)])
        case .event(let measure):
            var object: [String: JSONValue] = ["type": .string(measure.type)]
            if let window = measure.window { object["window"] = encode(window) }
            encode(measure.test, into: &object)
            if measure.withoutOrderAfter { object["withoutOrderAfter"] = .bool(true) }
            return .object(["event": .object(object)])
        case .consent(let channel): return .object(["consent": .string(channel.rawValue)])
        case .inSegment(let name): return .object(["inSegment": .string(name)])
        }
    }

    private static func encode(_ test: ValueTest, into object: inout [String: JSONValue]) {
        switch test {
        case .compare(let comparison, let value):
            object["op"] = .string(comparison.rawValue)
            object["value"] = encode(value)
        case .between(let low, let high):
            object["op"] = .string("between")
            object["value"] = .array([encode(low), encode(high)])
        case .oneOf(let values):
            object["op"] = .string("in")
            object["value"] = .array(values.map(encode))
        case .noneOf(let values):
            object["op"] = .string("not in")
            object["value"] = .array(values.map(encode))
        case .isSet: object["op"] = .string("is set")
        case .isNotSet: object["op"] = .string("is not set")
        }
    }

    private static func encode(_ value: SegmentValue) -> JSONValue {
        switch value {
        case .text(let text): .string(text)
        case .number(let number): .number(number)
        case .boolean(let flag): .bool(flag)
        case .date(let date): .object(["date": .string(date.description)])
        case .ago(let count, let unit): .object(["ago": .number(Double(count)), "unit": .string(unit.rawValue)])
        }
    }

    private static func encode(_ window: TimeWindow) -> JSONValue {
        switch window {
        case .last(let count, let unit): .object(["last": .number(Double(count)), "unit": .string(unit.rawValue)])
        case .since(let day): .object(["since": encode(day)])
        case .between(let from, let to): .object(["from": encode(from), "to": encode(to)])
        }
    }

    // MARK: Decoding

    /// Reads a definition, checking fields and values as the language does; errors name the path.
    public static func decode(_ json: JSONValue) throws(SegmentDefinitionError) -> SegmentCondition {
        try condition(json, at: "$")
    }

    private static func fail(_ path: String, _ message: String) -> SegmentDefinitionError {
        SegmentDefinitionError(path: path, message: message)
    }

    private static func object(_ json: JSONValue, at path: String, keys: Set<String>) throws(SegmentDefinitionError) -> [String: JSONValue] {
        guard case .object(let members) = json else { throw fail(path, "expected an object") }
        for key in members.keys.sorted() where !keys.contains(key) {
            let hint = Suggestion.closest(to: key, in: Array(keys)).map { "did you mean \"\($0)\"? " } ?? ""
            throw fail("\(path).\(key)", "unknown key: \(hint)expected one of \(keys.sorted().joined(separator: ", "))")
        }
        return members
    }

    private static func string(_ json: JSONValue?, at path: String) throws(SegmentDefinitionError) -> String {
        guard case .string(let text)? = json, !text.isEmpty else { throw fail(path, "expected a non-empty string") }
        return text
    }

    private static func condition(_ json: JSONValue, at path: String) throws(SegmentDefinitionError) -> SegmentCondition {
        guard case .object(let members) = json, let kind = members.keys.first(where: conditionKeys.contains) else {
            throw fail(path, "expected a condition: an object with one of \(conditionKeys.sorted().joined(separator: ", "))")
        }
        switch kind {
        case "all", "any":
            _ = try object(json, at: path, keys: [kind])
            guard case .array(let items)? = members[kind] else { throw fail("\(path).\(kind)", "expected an array of conditions") }
            var conditions: [SegmentCondition] = []
            for (index, item) in items.enumerated() { conditions.append(try condition(item, at: "\(path).\(kind)[\(index)]")) }
            return kind == "all" ? .all(conditions) : .any(conditions)
        case "not":
            _ = try object(json, at: path, keys: ["not"])
            return .not(try condition(members["not"]!, at: "\(path).not"))
        case "field":
            _ = try object(json, at: path, keys: ["field", "op", "value"])
            let name = try string(members["field"], at: "\(path).field")
            guard let field = SegmentField.named(name) else {
                let hint = Suggestion.closest(to: name, in: SegmentField.builtIn.map(\.name)).map { "did you mean \"\($0)\"? " } ?? ""
                throw fail("\(path).field", "unknown field \"\(name)\": \(hint)see `rapport segment fields`")
            }
            let test = try valueTest(members, at: path)
            if let problem = field.problem(with: test) { throw fail("\(path).value", problem) }
            return .field(field.name, test)
        case "orders", "spent":
            let inner = try object(members[kind]!, at: "\(path).\(kind)", keys: ["category", "product", "window", "op", "value"])
            let innerPath = "\(path).\(kind)"
            var measure = PurchaseMeasure(quantity: kind == "orders" ? .orders : .spent, test: .atLeastOne)
            if let category = inner["category"] { measure.category = try string(category, at: "\(innerPath).category") }
            if let product = inner["product"] { measure.product = try string(product, at: "\(innerPath).product") }
            if measure.category != nil, measure.product != nil {
                throw fail(innerPath, "give a category or a product, not both")
            }
            if let window = inner["window"] { measure.window = try self.window(window, at: "\(innerPath).window") }
            if inner["op"] != nil {
                measure.test = try countTest(inner, at: innerPath)
            } else if kind == "spent" {
                throw fail("\(innerPath).op", "say how much: e.g. \"op\": \">\", \"value\": 200")
            }
            return .purchases(measure)
        case "event":
            let inner = try object(members["event"]!, at: "\(path).event", keys: ["type", "window", "op", "value", "withoutOrderAfter"])
            let innerPath = "\(path).event"
            var measure = EventMeasure(type: try string(inner["type"], at: "\(innerPath).type"))
            if let window = inner["window"] { measure.window = try self.window(window, at: "\(innerPath).window") }
            if inner["op"] != nil { measure.test = try countTest(inner, at: innerPath) }
            if let flag = inner["withoutOrderAfter"] {
                guard case .bool(let value) = flag else { throw fail("\(innerPath).withoutOrderAfter", "expected true or false") }
                measure.withoutOrderAfter = value
            }
            return .event(measure)
        case "consent":
            _ = try object(json, at: path, keys: ["consent"])
            let written = try string(members["consent"], at: "\(path).consent")
            guard let channel = try? ContactChannel(written) else {
                throw fail("\(path).consent", "\"\(written)\" is not a channel: write email, sms, phone, mail or push")
            }
            return .consent(channel)
        default:
            _ = try object(json, at: path, keys: ["inSegment"])
            return .inSegment(try string(members["inSegment"], at: "\(path).inSegment"))
        }
    }

    private static let conditionKeys: Set<String> = ["all", "any", "not", "field", "orders", "spent", "event", "consent", "inSegment"]

    private static func countTest(_ members: [String: JSONValue], at path: String) throws(SegmentDefinitionError) -> ValueTest {
        let test = try valueTest(members, at: path)
        func isNumber(_ value: SegmentValue) -> Bool { if case .number = value { true } else { false } }
        switch test {
        case .compare(_, let value) where isNumber(value): return test
        case .between(let low, let high) where isNumber(low) && isNumber(high): return test
        default: throw fail("\(path).op", "a measure is compared with numbers: =, !=, <, <=, >, >= or between [low, high]")
        }
    }

    private static func valueTest(_ members: [String: JSONValue], at path: String) throws(SegmentDefinitionError) -> ValueTest {
        let op = try string(members["op"], at: "\(path).op")
        let valuePath = "\(path).value"
        switch op {
        case "is set", "is not set":
            guard members["value"] == nil else { throw fail(valuePath, "`\(op)` takes no value: remove it") }
            return op == "is set" ? .isSet : .isNotSet
        case "between":
            guard case .array(let bounds)? = members["value"], bounds.count == 2 else {
                throw fail(valuePath, "between takes [low, high]")
            }
            return .between(try value(bounds[0], at: "\(valuePath)[0]"), try value(bounds[1], at: "\(valuePath)[1]"))
        case "in", "not in":
            guard case .array(let items)? = members["value"] else { throw fail(valuePath, "`\(op)` takes a list of values") }
            var values: [SegmentValue] = []
            for (index, item) in items.enumerated() { values.append(try value(item, at: "\(valuePath)[\(index)]")) }
            return op == "in" ? .oneOf(values) : .noneOf(values)
        default:
            guard let comparison = Comparison(rawValue: op == "==" ? "=" : op) else {
                throw fail("\(path).op", "unknown operator \"\(op)\": use =, !=, <, <=, >, >=, between, in, not in, is set or is not set")
            }
            guard let written = members["value"] else { throw fail(valuePath, "missing value") }
            return .compare(comparison, try value(written, at: valuePath))
        }
    }

    private static func value(_ json: JSONValue, at path: String) throws(SegmentDefinitionError) -> SegmentValue {
        switch json {
        case .string(let text): return .text(text)
        case .number(let number): return .number(number)
        case .bool(let flag): return .boolean(flag)
        case .object(let members) where members["date"] != nil:
            _ = try object(json, at: path, keys: ["date"])
            guard case .string(let text)? = members["date"], let date = ISO8601Parser.date(text) else {
                throw fail("\(path).date", "expected a day as \"YYYY-MM-DD\"")
            }
            return .date(date)
        case .object(let members) where members["ago"] != nil:
            _ = try object(json, at: path, keys: ["ago", "unit"])
            return .ago(try count(members["ago"], at: "\(path).ago", allowZero: true), try unit(members["unit"], at: "\(path).unit"))
        default:
            throw fail(path, "expected a string, a number, true/false, {\"date\": \"YYYY-MM-DD\"} or {\"ago\": 30, \"unit\": \"days\"}")
        }
    }

    private static func window(_ json: JSONValue, at path: String) throws(SegmentDefinitionError) -> TimeWindow {
        let members = try object(json, at: path, keys: ["last", "unit", "since", "from", "to"])
        func day(_ key: String) throws(SegmentDefinitionError) -> SegmentValue {
            let day = try value(members[key] ?? .null, at: "\(path).\(key)")
            switch day {
            case .date, .ago: return day
            default: throw fail("\(path).\(key)", "expected {\"date\": \"YYYY-MM-DD\"} or {\"ago\": 30, \"unit\": \"days\"}")
            }
        }
        if members["last"] != nil {
            return .last(try count(members["last"], at: "\(path).last", allowZero: false), try unit(members["unit"], at: "\(path).unit"))
        }
        if members["since"] != nil { return .since(try day("since")) }
        if members["from"] != nil, members["to"] != nil { return .between(try day("from"), try day("to")) }
        throw fail(path, "expected {\"last\": 90, \"unit\": \"days\"}, {\"since\": DATE} or {\"from\": DATE, \"to\": DATE}")
    }

    private static func count(_ json: JSONValue?, at path: String, allowZero: Bool) throws(SegmentDefinitionError) -> Int {
        guard case .number(let number)? = json, let whole = Int(exactly: number), whole > 0 || (allowZero && whole == 0) else {
            throw fail(path, "expected a whole number\(allowZero ? "" : " above 0")")
        }
        return whole
    }

    private static func unit(_ json: JSONValue?, at path: String) throws(SegmentDefinitionError) -> CalendarUnit {
        guard case .string(let text)? = json, let unit = CalendarUnit(rawValue: text) else {
            throw fail(path, "expected \"days\", \"weeks\", \"months\" or \"years\"")
        }
        return unit
    }
}
