/// Writes a definition back in the segment language, in a canonical form that parses to the same
/// tree: what `segment show` prints for a definition saved from JSON.
public enum SegmentPrinter {
    public static func text(_ condition: SegmentCondition) -> String {
        switch condition {
        case .all(let items):
            if items.isEmpty { return "everyone" }
            return items.map(grouped).joined(separator: " and ")
        case .any(let items):
            if items.isEmpty { return "not everyone" }
            return items.map(grouped).joined(separator: " or ")
        case .not(let inner):
            return "not " + grouped(inner)
        case .field(let name, let test):
            return "\(name) \(text(test))"
        case .purchases(let measure):
            var parts: [String]
            switch measure.quantity {
            case .orders:
                if let category = measure.category {
                    parts = ["bought category \(quoted(category))"]
                } else if let product = measure.product {
                    parts = ["bought product \(quoted(product))"]
                } else {
                    parts = ["orders"]
                }
            case .spent:
                parts = ["spent"]
                if let category = measure.category { parts.append("on category \(quoted(category))") }
                if let product = measure.product { parts.append("on product \(quoted(product))") }
            }
            if let window = measure.window { parts.append(text(window)) }
            if measure.quantity == .spent || measure.test != .atLeastOne { parts.append(text(measure.test)) }
            return parts.joined(separator: " ")
        case .event(let measure):
            var parts = ["event \(quoted(measure.type))"]
            if let window = measure.window { parts.append(text(window)) }
            if measure.test != .atLeastOne { parts.append(text(measure.test)) }
            if measure.withoutOrderAfter { parts.append("without order after") }
            return parts.joined(separator: " ")
        case .consent(let channel):
            return "consent \(channel.rawValue)"
        case .inSegment(let name):
            return "in segment \(quoted(name))"
        }
    }

    private static func grouped(_ condition: SegmentCondition) -> String {
        switch condition {
        case .all(let items) where !items.isEmpty: "(\(text(condition)))"
        case .any: "(\(text(condition)))"
        default: text(condition)
        }
    }

    static func text(_ test: ValueTest) -> String {
        switch test {
        case .compare(let comparison, let value): "\(comparison.rawValue) \(text(value))"
        case .between(let low, let high): "between \(text(low)) and \(text(high))"
        case .oneOf(let values): "in (\(values.map(text).joined(separator: ", ")))"
        case .noneOf(let values): "not in (\(values.map(text).joined(separator: ", ")))"
        case .isSet: "is set"
        case .isNotSet: "is not set"
        }
    }

    static func text(_ window: TimeWindow) -> String {
        switch window {
        case .last(let count, let unit): "in last \(count) \(unit.rawValue)"
        case .since(let day): "since \(text(day))"
        case .between(let from, let to): "between \(text(from)) and \(text(to))"
        }
    }

    static func text(_ value: SegmentValue) -> String {
        switch value {
        case .text(let text): quoted(text)
        case .number(let number): self.number(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let date): date.description
        case .ago(0, .days): "today"
        case .ago(let count, let unit): "\(count) \(unit.rawValue) ago"
        }
    }

    /// Whole numbers without a decimal point; others in Swift's shortest exact form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func quoted(_ text: String) -> String {
        var escaped = "\""
        for character in text {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "\""
    }
}
