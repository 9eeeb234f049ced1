import RapportCore

/// Lifecycle and score triggers, read from the dated score history that every saved analysis
/// appends to: a customer whose newest entry in the window has the stage (or the score at or above
/// the threshold) while their entry before it did not.
enum ScoreHistoryTriggers {
    static let table = StoredTable.named("score_history")

    static func customers(for trigger: Trigger, from: Instant, to: Instant, editor: any RecordEditor) throws -> Set<Int64> {
        let column: Int
        switch trigger.on {
        case .lifecycleChange: column = table.index(of: "lifecycle_stage")
        case .scoreCrossing: column = table.index(of: trigger.score == "p_alive" ? "p_alive" : "clv")
        default: return []
        }
        let recent = try editor.rows(
            of: table,
            matching: [
                ColumnMatch("computed_at", .integer(from.secondsSinceEpoch + 1), .atLeast),
                ColumnMatch("computed_at", .integer(to.secondsSinceEpoch + 1), .below),
            ])
        var newest: [Int64: [StoredValue]] = [:]
        for row in recent {
            guard let customer = row[0].integerValue else { continue }
            if let known = newest[customer], (known[1].integerValue ?? 0) >= (row[1].integerValue ?? 0) { continue }
            newest[customer] = row
        }
        func holds(_ value: StoredValue) -> Bool {
            switch trigger.on {
            case .lifecycleChange: value.textValue == trigger.stage
            default: value.numberValue.map { $0 >= trigger.above ?? .infinity } ?? false
            }
        }
        var found = Set<Int64>()
        for (customer, row) in newest where holds(row[column]) {
            let before = try editor.rows(
                of: table,
                matching: [ColumnMatch("customer_id", .integer(customer)), ColumnMatch("computed_at", row[1], .below)])
            if let previous = before.last, holds(previous[column]) { continue }
            found.insert(customer)
        }
        return found
    }
}
