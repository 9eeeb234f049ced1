import RapportCore
import RapportEngine

/// An independent translation of a definition into SQL over the SQLite schema, written from the
/// language's documented semantics (a comparison with a missing value is false; `not` is the
/// complement; measures count completed orders up to the evaluation day), to check the engine.
struct SegmentSQL {
    let calendar: EvaluationCalendar
    var end: Int64 { (calendar.today.dayNumber + 1) * 86_400 }

    func query(_ condition: SegmentCondition) -> String {
        "SELECT c.id FROM customers c LEFT JOIN scores s ON s.customer_id = c.id WHERE \(sql(condition)) ORDER BY c.id"
    }

    func sql(_ condition: SegmentCondition) -> String {
        switch condition {
        case .all(let items): return items.isEmpty ? "1" : "(" + items.map(sql).joined(separator: " AND ") + ")"
        case .any(let items): return items.isEmpty ? "0" : "(" + items.map(sql).joined(separator: " OR ") + ")"
        case .not(let inner): return "NOT \(sql(inner))"
        case .field(let name, let test): return "coalesce(\(field(name, test)), 0)"
        case .purchases(let measure): return "coalesce(\(purchases(measure)), 0)"
        case .event(let measure): return "coalesce(\(event(measure)), 0)"
        case .consent(let channel):
            return """
                coalesce((SELECT status FROM consents k WHERE k.customer_id = c.id AND k.channel = '\(channel.rawValue)' AND k.at < \(end)
                          ORDER BY k.at DESC LIMIT 1) = 'granted', 0)
                """
        case .inSegment: fatalError("not generated")
        }
    }

    private func literal(_ value: SegmentValue) -> String {
        switch value {
        case .text(let text): "'\(text.replacingOccurrences(of: "'", with: "''"))'"
        case .number(let number): "\(number)"
        case .boolean(let flag): flag ? "1" : "0"
        case .date, .ago: "\(calendar.dayNumber(value)!)"
        }
    }

    private func test(_ expression: String, _ test: ValueTest) -> String {
        switch test {
        case .compare(let comparison, let value):
            return "\(expression) \(comparison == .notEqual ? "<>" : comparison.rawValue) \(literal(value))"
        case .between(let low, let high): return "\(expression) BETWEEN \(literal(low)) AND \(literal(high))"
        case .oneOf(let values): return "\(expression) IN (\(values.map(literal).joined(separator: ", ")))"
        case .noneOf(let values): return "\(expression) NOT IN (\(values.map(literal).joined(separator: ", ")))"
        case .isSet: return "\(expression) IS NOT NULL"
        case .isNotSet: return "\(expression) IS NULL"
        }
    }

    private func field(_ name: String, _ valueTest: ValueTest) -> String {
        let columns: [String: String] = [
            "kind": "c.kind", "gender": "c.gender", "city": "c.city", "country": "c.country", "email": "c.email",
            "created": "(c.created_at / 86400)",
            "birth_date": "CAST(julianday(c.birth_date) - 2440587.5 AS INTEGER)",
            "age": """
                (CAST(strftime('%Y', '\(calendar.today)') AS INTEGER) - CAST(substr(c.birth_date, 1, 4) AS INTEGER)
                 - (strftime('%m-%d', '\(calendar.today)') < substr(c.birth_date, 6, 5)))
                """,
            "recency": "s.recency", "frequency": "s.frequency", "monetary": "s.monetary", "r_score": "s.r_score",
            "f_score": "s.f_score", "m_score": "s.m_score", "rfm_segment": "s.rfm_segment", "p_alive": "s.p_alive",
            "clv": "s.clv", "value_tier": "s.value_tier", "lifecycle": "s.lifecycle_stage",
            "main_target": "s.tactical_target", "cluster": "s.cluster",
        ]
        if name.hasPrefix("attributes.") {
            let path = "'$.\(name.dropFirst("attributes.".count))'"
            let value = "json_extract(c.attributes, \(path))"
            let type = "json_type(c.attributes, \(path))"
            switch valueTest {
            case .isSet: return "\(type) IS NOT NULL AND \(type) <> 'null'"
            case .isNotSet: return "(\(type) IS NULL OR \(type) = 'null')"
            default:
                var isText = false
                switch valueTest {
                case .compare(_, .text), .between(.text, _): isText = true
                case .oneOf(let values), .noneOf(let values):
                    if case .text? = values.first { isText = true }
                default: break
                }
                let guardType = isText ? "\(type) = 'text'" : "\(type) IN ('integer', 'real', 'true', 'false')"
                return "(\(guardType) AND \(test(value, valueTest)))"
            }
        }
        if name == "target" {
            let list = "(',' || s.tactical_targets || ',')"
            func has(_ value: SegmentValue) -> String {
                guard case .text(let target) = value else { return "0" }
                return "\(list) LIKE '%,\(target),%'"
            }
            switch valueTest {
            case .compare(.equal, let value): return has(value)
            case .compare(_, let value): return "(s.tactical_targets IS NOT NULL AND NOT \(has(value)))"
            case .oneOf(let values): return "(" + values.map(has).joined(separator: " OR ") + ")"
            case .noneOf(let values): return "(s.tactical_targets IS NOT NULL AND NOT (" + values.map(has).joined(separator: " OR ") + "))"
            case .isSet: return "s.tactical_targets IS NOT NULL"
            case .isNotSet: return "s.tactical_targets IS NULL"
            case .between: return "0"
            }
        }
        return test(columns[name]!, valueTest)
    }

    private func window(_ window: TimeWindow?) -> (first: Int64, last: Int64) {
        let days = calendar.days(window)
        return (days.lowerBound, days.upperBound)
    }

    private func purchases(_ measure: PurchaseMeasure) -> String {
        let (first, last) = window(measure.window)
        let inWindow = "o.status = 'completed' AND o.placed_at / 86400 BETWEEN \(first) AND \(last) AND o.placed_at < \(end)"
        let value: String
        if let category = measure.category ?? measure.product {
            let column = measure.category != nil ? "p.category" : "p.sku"
            let aggregate = measure.quantity == .orders ? "count(DISTINCT l.order_id)" : "coalesce(sum(l.amount), 0)"
            value = """
                (SELECT \(aggregate) FROM order_lines l
                 JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
                 JOIN products p ON p.id = l.product_id
                 WHERE l.customer_id = c.id AND lower(\(column)) = lower('\(category)') AND \(inWindow))
                """
        } else {
            let aggregate = measure.quantity == .orders ? "count(*)" : "coalesce(sum(o.total), 0)"
            value = "(SELECT \(aggregate) FROM orders o WHERE o.customer_id = c.id AND \(inWindow))"
        }
        return test(value, measure.test)
    }

    private func event(_ measure: EventMeasure) -> String {
        let (first, last) = window(measure.window)
        let lower = first == Int64(Int32.min) ? Int64.min / 2 : first * 86_400
        let matching = """
            FROM events e WHERE e.customer_id = c.id AND e.type = '\(measure.type)'
              AND e.at >= \(lower) AND e.at < \(min(end, (last + 1) * 86_400))
            """
        var condition = test("(SELECT count(*) \(matching))", measure.test)
        if measure.withoutOrderAfter {
            condition = """
                (\(condition) AND EXISTS (SELECT 1 \(matching)) AND NOT EXISTS (
                    SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'completed' AND o.placed_at < \(end)
                      AND o.placed_at > (SELECT max(e.at) \(matching))))
                """
        }
        return condition
    }
}
