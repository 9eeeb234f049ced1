import Foundation
import RapportAnalytics
public import RapportCore

/// Seed 001's customer-journey map: lifecycle stages × channels, with what happens in each cell
/// and the cells that hurt (irritants) or matter most (moments of truth).
///
/// A *touchpoint* is an interaction the base records (an event with a channel: visits, opens,
/// clicks, carts, returns, complaints, survey answers), a campaign contact sent, or a consent
/// revoked on a channel. Its stage is
/// the customer's lifecycle stage at that time (the latest analysis before it, else the latest
/// one). Per cell: touchpoints, campaign contacts and the share that drew a response,
/// satisfaction from survey answers (0–1), complaints, consents revoked, and the share of
/// touchpoints followed by a completed order within 30 days (repurchase).
///
/// Flags: an *irritant* has satisfaction below 0.6 over at least 10 answers, or a complaint or
/// revocation share at least twice the map's with at least 5 of them. A *moment of truth* is, in
/// each stage, the cell whose repurchase share exceeds the rest of the stage's by the most, at
/// least 1.2 times, over at least 30 touchpoints, with a two-proportion z-test p below 0.05.
public struct TouchpointMap: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        public var stage: String
        public var channel: String
        public var touchpoints = 0
        public var contacts = 0
        public var responded = 0
        public var answers = 0
        public var satisfactionSum = 0.0
        public var complaints = 0
        public var unsubscribes = 0
        public var followedByOrder = 0
        public var isIrritant = false
        public var isMomentOfTruth = false
        /// Repurchase share here ÷ in the rest of the stage.
        public var repurchaseLift: Double?

        public var responseRate: Double? { contacts == 0 ? nil : Double(responded) / Double(contacts) }
        public var satisfaction: Double? { answers == 0 ? nil : satisfactionSum / Double(answers) }
        public var repurchaseRate: Double? { touchpoints == 0 ? nil : Double(followedByOrder) / Double(touchpoints) }
    }

    public var stages: [String]
    public var channels: [String]
    public var cells: [Cell]
    public static let repurchaseDays: Int64 = 30

    public func cell(_ stage: String, _ channel: String) -> Cell? { cells.first { $0.stage == stage && $0.channel == channel } }

    /// Touchpoints from `from` (inclusive) to `to` (exclusive).
    public static func compute(from: Instant, to: Instant, editor: any RecordEditor) throws -> TouchpointMap {
        let stageOf = try StageLookup(editor: editor)
        let orderDays = try OrderDays(editor: editor)
        var cells: [String: Cell] = [:]
        func touch(_ customer: Int64, _ channel: String, at: Int64, _ update: (inout Cell) -> Void) {
            let stage = stageOf.stage(of: customer, at: at)
            let key = stage + "\u{1F}" + channel
            var cell = cells[key] ?? Cell(stage: stage, channel: channel)
            cell.touchpoints += 1
            if orderDays.hasOrder(customer, after: at, withinDays: repurchaseDays) { cell.followedByOrder += 1 }
            update(&cell)
            cells[key] = cell
        }
        let range = [ColumnMatch("at", .integer(from.secondsSinceEpoch), .atLeast), ColumnMatch("at", .integer(to.secondsSinceEpoch), .below)]
        let events = StoredTable.named("events")
        let (typeColumn, channelColumn, atColumn, propertiesColumn) = (
            events.index(of: "type"), events.index(of: "channel"), events.index(of: "at"), events.index(of: "properties")
        )
        for row in try editor.rows(of: events, matching: range) {
            guard let customer = row[0].integerValue, let at = row[atColumn].integerValue else { continue }
            let type = row[typeColumn].textValue ?? ""
            touch(customer, row[channelColumn].textValue ?? "unknown", at: at) { cell in
                if type == "complaint" { cell.complaints += 1 }
                if type == "survey_answer", let answer = SurveyAnswer.decode(row[propertiesColumn].textValue) {
                    cell.answers += 1
                    cell.satisfactionSum += answer.survey.satisfaction(answer.score)
                }
            }
        }
        var reactions: [Int64: Set<ReactionKind>] = [:]
        var answers: [Int64: [SurveyAnswer]] = [:]
        for row in try editor.rows(of: StoredTable.named("responses"), matching: []) {
            guard let contact = row[1].integerValue, let kind = row[2].textValue.flatMap(ReactionKind.init(rawValue:)) else { continue }
            reactions[contact, default: []].insert(kind)
            if kind == .answered, let answer = SurveyAnswer.decode(row[6].textValue) { answers[contact, default: []].append(answer) }
        }
        let contacts = StoredTable.named("contacts")
        for row in try editor.rows(
            of: contacts,
            matching: [
                ColumnMatch("status", .text(ContactStatus.sent.rawValue)),
                ColumnMatch("planned_at", .integer(from.secondsSinceEpoch - 86_400 * 62), .atLeast),
                ColumnMatch("planned_at", .integer(to.secondsSinceEpoch), .below),
            ])
        {
            guard let customer = row[0].integerValue, let id = row[1].integerValue, let at = row[contacts.index(of: "sent_at")].integerValue,
                at >= from.secondsSinceEpoch, at < to.secondsSinceEpoch
            else { continue }
            let kinds = reactions[id] ?? []
            touch(customer, row[contacts.index(of: "channel")].textValue ?? "unknown", at: at) { cell in
                cell.contacts += 1
                if !kinds.isDisjoint(with: [.opened, .clicked, .answered]) { cell.responded += 1 }
                if kinds.contains(.complained) { cell.complaints += 1 }
                for answer in answers[id] ?? [] {
                    cell.answers += 1
                    cell.satisfactionSum += answer.survey.satisfaction(answer.score)
                }
            }
        }
        let consents = StoredTable.named("consents")
        for row in try editor.rows(of: consents, matching: [ColumnMatch("status", .text(ConsentStatus.revoked.rawValue))]) {
            guard let customer = row[0].integerValue, let at = row[2].integerValue, at >= from.secondsSinceEpoch, at < to.secondsSinceEpoch
            else { continue }
            touch(customer, row[1].textValue ?? "unknown", at: at) { $0.unsubscribes += 1 }
        }
        var map = TouchpointMap(stages: [], channels: [], cells: Array(cells.values))
        map.flag()
        let stageOrder = ["discovery", "exploration", "expansion", "commitment", "dissolution"]
        map.stages = Set(map.cells.map(\.stage)).sorted { (stageOrder.firstIndex(of: $0) ?? 99, $0) < (stageOrder.firstIndex(of: $1) ?? 99, $1) }
        map.channels = Set(map.cells.map(\.channel)).sorted()
        map.cells.sort { (map.stages.firstIndex(of: $0.stage) ?? 0, $0.channel) < (map.stages.firstIndex(of: $1.stage) ?? 0, $1.channel) }
        return map
    }

    mutating func flag() {
        let touches = cells.reduce(0) { $0 + $1.touchpoints }
        guard touches > 0 else { return }
        let complaintShare = Double(cells.reduce(0) { $0 + $1.complaints }) / Double(touches)
        let revocationShare = Double(cells.reduce(0) { $0 + $1.unsubscribes }) / Double(touches)
        for index in cells.indices {
            let cell = cells[index]
            let share = { (count: Int) in cell.touchpoints == 0 ? Double(count > 0 ? 1 : 0) : Double(count) / Double(cell.touchpoints) }
            cells[index].isIrritant =
                (cell.answers >= 10 && (cell.satisfaction ?? 1) < 0.6)
                || (cell.complaints >= 5 && share(cell.complaints) >= 2 * complaintShare)
                || (cell.unsubscribes >= 5 && share(cell.unsubscribes) >= 2 * revocationShare)
        }
        for stage in Set(cells.map(\.stage)) {
            let inStage = cells.indices.filter { cells[$0].stage == stage }
            let total = inStage.reduce(0) { $0 + cells[$1].touchpoints }
            let ordered = inStage.reduce(0) { $0 + cells[$1].followedByOrder }
            var best: (index: Int, lift: Double)?
            for index in inStage {
                let cell = cells[index]
                let rest = Proportion(successes: ordered - cell.followedByOrder, trials: total - cell.touchpoints)
                guard cell.touchpoints > 0, rest.trials > 0, rest.rate > 0 else { continue }
                let here = Proportion(successes: cell.followedByOrder, trials: cell.touchpoints)
                let lift = here.rate / rest.rate
                cells[index].repurchaseLift = lift
                let test = ProportionComparison(treated: here, control: rest)
                if cell.touchpoints >= 30, lift >= 1.2, test.isSignificant, lift > best?.lift ?? 0 { best = (index, lift) }
            }
            if let best { cells[best.index].isMomentOfTruth = true }
        }
    }
}

/// Each customer's lifecycle stage over time: the analyses' history, then the latest scores.
struct StageLookup {
    private var history: [Int64: [(at: Int64, stage: String)]] = [:]
    private var latest: [Int64: String] = [:]

    init(editor: any RecordEditor) throws {
        let table = StoredTable.named("score_history")
        let stageColumn = table.index(of: "lifecycle_stage")
        for row in try editor.rows(of: table, matching: []) {
            guard let customer = row[0].integerValue, let at = row[1].integerValue, let stage = row[stageColumn].textValue else { continue }
            history[customer, default: []].append((at, stage))
        }
        for key in history.keys { history[key]!.sort { $0.at < $1.at } }
        let scores = StoredTable.named("scores")
        for row in try editor.rows(of: scores, matching: []) {
            if let customer = row[0].integerValue, let stage = row[scores.index(of: "lifecycle_stage")].textValue { latest[customer] = stage }
        }
    }

    func stage(of customer: Int64, at time: Int64) -> String {
        if let past = history[customer]?.last(where: { $0.at <= time }) { return past.stage }
        return latest[customer] ?? "unscored"
    }
}

/// Each customer's completed-order days, sorted, to ask whether an order followed a moment.
struct OrderDays {
    private var days: [Int64: [Int64]] = [:]

    init(editor: any RecordEditor) throws {
        let orders = StoredTable.named("orders")
        let (placed, status) = (orders.index(of: "placed_at"), orders.index(of: "status"))
        for row in try editor.rows(of: orders, matching: [ColumnMatch("status", .text(OrderStatus.completed.rawValue))]) {
            guard let customer = row[0].integerValue, let at = row[placed].integerValue, row[status].textValue == OrderStatus.completed.rawValue
            else { continue }
            days[customer, default: []].append(at)
        }
        for key in days.keys { days[key]!.sort() }
    }

    /// An order strictly after `time` and at most `withinDays` later.
    func hasOrder(_ customer: Int64, after time: Int64, withinDays: Int64) -> Bool {
        guard let list = days[customer] else { return false }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] <= time + withinDays * 86_400
    }
}
