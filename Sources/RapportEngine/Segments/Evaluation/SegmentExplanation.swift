import RapportCore

/// Why one customer is in or out of a segment: every condition of the definition with whether it
/// holds for them and the value it looked at.
public struct SegmentExplanation: Sendable {
    public struct Line: Sendable, Hashable {
        /// Nesting level, 0 for the whole definition.
        public var depth: Int
        /// The condition in the segment language.
        public var condition: String
        public var holds: Bool
        /// What the customer has for it ("country: BE", "orders in the window: 1").
        public var observed: String?
    }

    public let lines: [Line]
    public var holds: Bool { lines.first?.holds ?? false }

    /// Explains `definition` for the customer at dense index `customer` of the workspace's frame.
    public init(_ definition: SegmentCondition, customer: Int, workspace: SegmentWorkspace) throws {
        var lines: [Line] = []
        let evaluator = workspace.evaluator
        func visit(_ condition: SegmentCondition, depth: Int) throws {
            let holds = try evaluator.evaluate(condition)[customer]
            var line = Line(depth: depth, condition: SegmentPrinter.text(condition), holds: holds, observed: nil)
            switch condition {
            case .all(let items), .any(let items):
                if items.count > 1 { line.condition = condition.isAll ? "all of:" : "any of:" }
                lines.append(line)
                for item in items { try visit(item, depth: depth + 1) }
                return
            case .not(let inner):
                line.condition = "not:"
                lines.append(line)
                try visit(inner, depth: depth + 1)
                return
            default:
                line.observed = Self.observed(condition, customer: customer, evaluator: evaluator)
                lines.append(line)
            }
        }
        try visit(definition, depth: 0)
        self.lines = lines
    }

    static func observed(_ condition: SegmentCondition, customer: Int, evaluator: SegmentEvaluator) -> String? {
        let frame = evaluator.frame
        switch condition {
        case .field(let name, let test):
            guard let field = SegmentField.named(name) else { return nil }
            let value: String?
            switch field.source {
            case .attribute(let attribute):
                if let text = frame.attributeText[attribute]?.value(at: customer) {
                    value = "\"\(text)\""
                } else if let number = frame.attributeNumbers[attribute]?[customer], !number.isNaN {
                    value = SegmentPrinter.number(number)
                } else {
                    value = nil
                }
            case .targets:
                let mask = frame.targetMasks.isEmpty ? 0 : frame.targetMasks[customer]
                let names = TargetNames.all.enumerated().filter { mask & (1 << UInt16($0.offset)) != 0 }.map(\.element)
                value = names.isEmpty ? nil : names.joined(separator: ", ")
            default:
                if let column = frame.text[field.source] {
                    value = column.value(at: customer).map { "\"\($0)\"" }
                } else if let number = frame.numbers[field.source]?[customer], !number.isNaN {
                    switch field.kind {
                    case .date: value = CalendarDate(dayNumber: Int64(number)).description
                    case .presence: value = "set"
                    default: value = SegmentPrinter.number((number * 10_000).rounded() / 10_000)
                    }
                } else {
                    value = nil
                }
            }
            _ = test
            return "\(field.name): \(value ?? "not set")"
        case .purchases(let measure):
            let kernel = PurchaseKernel(frame: frame, measure: measure, days: evaluator.calendar.days(measure.window))
            let value = kernel.value(customer)
            return measure.quantity == .orders
                ? "\(Int(value)) completed order\(value == 1 ? "" : "s")\(measure.window == nil ? "" : " in the window")"
                : "spent \(SegmentPrinter.number((value * 100).rounded() / 100))\(measure.window == nil ? "" : " in the window")"
        case .event(let measure):
            let kernel = EventKernel(frame: frame, measure: measure, days: evaluator.calendar.days(measure.window))
            let (count, latest) = kernel.value(customer)
            var text = "\(count) \(measure.type) event\(count == 1 ? "" : "s")\(measure.window == nil ? "" : " in the window")"
            if count > 0 { text += ", latest \(Instant(secondsSinceEpoch: latest))" }
            if measure.withoutOrderAfter, frame.orders.lastOrderAt.indices.contains(customer), frame.orders.lastOrderAt[customer] != .min {
                text += "; last order \(Instant(secondsSinceEpoch: frame.orders.lastOrderAt[customer]))"
            }
            return text
        case .consent(let channel):
            return "\(channel.rawValue) consent: \(frame.consents[channel]?[customer] == true ? "granted" : "not granted")"
        case .inSegment(let name):
            return "member of \"\(name)\": \((try? evaluator.segmentMembers(name)[customer]) == true ? "yes" : "no")"
        case .all, .any, .not:
            return nil
        }
    }
}

extension SegmentCondition {
    var isAll: Bool { if case .all = self { true } else { false } }
}
