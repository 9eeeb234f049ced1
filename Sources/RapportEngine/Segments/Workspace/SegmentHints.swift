/// Warnings about a definition that reads well but names values no data holds: a category, a
/// product or an event type that appears nowhere, a text no customer has. The usual cause is a typo
/// or a different spelling ("fr" for "FR"); the hint lists values that do exist.
public enum SegmentHints {
    public static func hints(for condition: SegmentCondition, in frame: TargetingFrame) -> [String] {
        var hints: [String] = []
        func existing(_ values: [String]) -> String {
            let shown = values.sorted().prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
            return values.isEmpty ? "there is none" : "there are \(shown)\(values.count > 8 ? ", …" : "")"
        }
        func visit(_ condition: SegmentCondition) {
            switch condition {
            case .all(let items), .any(let items): items.forEach(visit)
            case .not(let inner): visit(inner)
            case .purchases(let measure):
                if let category = measure.category {
                    let values = frame.lines.categories.values
                    if !values.contains(where: { $0.lowercased() == category.lowercased() }) {
                        hints.append("no order line has category \"\(category)\"; \(existing(values))")
                    }
                }
                if let product = measure.product {
                    let values = frame.lines.products.values
                    if !values.contains(where: { $0.lowercased() == product.lowercased() }) {
                        hints.append("no order line has product \"\(product)\"")
                    }
                }
            case .event(let measure):
                if frame.events.types.code(of: measure.type) == nil {
                    hints.append("no event of type \"\(measure.type)\" up to the evaluation day")
                }
            case .field(let name, let test):
                guard let field = SegmentField.named(name), field.vocabulary == nil,
                    let column = field.kind == .text ? frame.text[field.source] : nil
                else { return }
                let written: [SegmentValue]
                switch test {
                case .compare(.equal, let value): written = [value]
                case .oneOf(let values): written = values
                default: written = []
                }
                for case .text(let text) in written where column.code(of: text) == nil {
                    hints.append("no customer has \(name) \"\(text)\"; \(existing(column.values))")
                }
            case .consent, .inSegment: break
            }
        }
        visit(condition)
        return hints
    }
}
