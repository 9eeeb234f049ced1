import Foundation
public import RapportCore

/// What reactions taught about one customer, kept up to date as each reaction is recorded (in the
/// same transaction): an engagement score that decays with time, their latest satisfaction, and
/// fatigue signals (unsubscribes and complaints) that the pressure policy honours. Reactivity per
/// channel is read from the contacts and responses when asked (``reactivity(of:editor:minimumSent:)``).
public struct CustomerFeedback: Sendable, Hashable {
    public var customerID: Int64
    /// The decayed sum of reaction weights as of `engagementAt`.
    public var engagement: Double
    public var engagementAt: Instant
    /// The latest survey answer, as satisfaction in 0–1.
    public var satisfaction: Double?
    public var satisfactionAt: Instant?
    /// Unsubscribes and complaints.
    public var fatigueSignals: Int
    public var lastFatigueAt: Instant?

    static let table = StoredTable.named("customer_feedback")
    /// Engagement halves every 30 days without reactions.
    public static let halfLifeDays = 30.0
    /// The rule recorded on contacts the fatigue rest suppresses.
    public static let fatigueRule = "fatigue: unsubscribed or complained recently"

    /// What a reaction adds to engagement: a click says more than an open.
    public static func weight(of kind: ReactionKind) -> Double {
        switch kind {
        case .opened: 1
        case .clicked: 3
        case .answered: 2
        case .delivered, .bounced, .unsubscribed, .complained: 0
        }
    }

    /// Engagement decayed to `now`, mapped to 0–1 (1 − e^(−score/5): five recent clicks ≈ 0.95).
    public func engagementScore(at now: Instant) -> Double {
        let days = Double(now.secondsSinceEpoch - engagementAt.secondsSinceEpoch) / 86_400
        let decayed = engagement * pow(2, -max(0, days) / Self.halfLifeDays)
        return 1 - exp(-decayed / 5)
    }

    public init(customerID: Int64, at: Instant) {
        self.customerID = customerID
        engagement = 0
        engagementAt = at
        fatigueSignals = 0
    }

    /// Folds one newly recorded reaction in.
    mutating func fold(_ reaction: Reaction) {
        let weight = Self.weight(of: reaction.kind)
        if weight > 0 {
            let days = Double(reaction.at.secondsSinceEpoch - engagementAt.secondsSinceEpoch) / 86_400
            if days >= 0 {
                engagement = engagement * pow(2, -days / Self.halfLifeDays) + weight
                engagementAt = reaction.at
            } else {
                engagement += weight * pow(2, days / Self.halfLifeDays)
            }
        }
        if reaction.kind == .answered, let answer = SurveyAnswer.decode(reaction.detail),
            satisfactionAt.map({ reaction.at >= $0 }) ?? true
        {
            satisfaction = answer.survey.satisfaction(answer.score)
            satisfactionAt = reaction.at
        }
        if reaction.kind == .unsubscribed || reaction.kind == .complained {
            fatigueSignals += 1
            lastFatigueAt = max(lastFatigueAt ?? reaction.at, reaction.at)
        }
    }

    // MARK: Storage

    /// The customer's feedback, or nil when no reaction was recorded yet.
    public static func load(_ customerID: Int64, editor: any RecordEditor) throws -> CustomerFeedback? {
        try editor.rows(of: table, matching: [ColumnMatch("customer_id", .integer(customerID))]).first.map(decode)
    }

    static func decode(_ row: [StoredValue]) -> CustomerFeedback {
        var feedback = CustomerFeedback(
            customerID: row[0].integerValue ?? 0, at: Instant(secondsSinceEpoch: row[2].integerValue ?? 0))
        feedback.engagement = row[1].numberValue ?? 0
        feedback.satisfaction = row[3].numberValue
        feedback.satisfactionAt = row[4].integerValue.map(Instant.init(secondsSinceEpoch:))
        feedback.fatigueSignals = Int(row[5].integerValue ?? 0)
        feedback.lastFatigueAt = row[6].integerValue.map(Instant.init(secondsSinceEpoch:))
        return feedback
    }

    func row(now: Instant) -> [StoredValue] {
        [
            .integer(customerID), .real(engagement), .integer(engagementAt.secondsSinceEpoch),
            satisfaction.map { .real($0) } ?? .null, satisfactionAt.map { .integer($0.secondsSinceEpoch) } ?? .null,
            .integer(Int64(fatigueSignals)), lastFatigueAt.map { .integer($0.secondsSinceEpoch) } ?? .null, .integer(now.secondsSinceEpoch),
        ]
    }

    /// Writes the row: an update when one is stored (`isStored`), an insert otherwise.
    func save(_ editor: any RecordEditor, isStored: Bool, now: Instant) throws {
        let row = row(now: now)
        if isStored {
            let columns = Self.table.columnNames
            try editor.update(
                Self.table, setting: (1..<columns.count).map { ColumnMatch(columns[$0], row[$0]) },
                matching: [ColumnMatch("customer_id", .integer(customerID))])
        } else {
            try editor.insert(row, into: Self.table, ignoringConflicts: false)
        }
    }

    /// Customers with a fatigue signal at or after `since`; empty when `restDays` is 0.
    public static func fatigued(since: Instant, restDays: Double, editor: any RecordEditor) throws -> Set<Int64> {
        guard restDays > 0 else { return [] }
        return Set(
            try editor.rows(of: table, matching: [ColumnMatch("last_fatigue_at", .integer(since.secondsSinceEpoch), .atLeast)])
                .compactMap { $0[0].integerValue })
    }

    /// Reactivity per channel: sent contacts with an open, click or answer over contacts sent on the
    /// channel, for the channels with at least `minimumSent` sent contacts; and the channel with the
    /// best one (nil when no channel drew a response).
    public static func reactivity(
        of customerID: Int64, editor: any RecordEditor, minimumSent: Int = 3
    ) throws -> (byChannel: [ContactChannel: Double], preferred: ContactChannel?) {
        let byCustomer = [ColumnMatch("customer_id", .integer(customerID))]
        var responded = Set<Int64>()
        for row in try editor.rows(of: StoredTable.named("responses"), matching: byCustomer) {
            if let kind = row[2].textValue.flatMap(ReactionKind.init(rawValue:)), weight(of: kind) > 0, let contact = row[1].integerValue {
                responded.insert(contact)
            }
        }
        var sent: [ContactChannel: Int] = [:]
        var answered: [ContactChannel: Int] = [:]
        let contacts = StoredTable.named("contacts")
        for row in try editor.rows(of: contacts, matching: byCustomer + [ColumnMatch("status", .text(ContactStatus.sent.rawValue))]) {
            guard let channel = row[contacts.index(of: "channel")].textValue.flatMap(ContactChannel.init(rawValue:)) else { continue }
            sent[channel, default: 0] += 1
            if let id = row[1].integerValue, responded.contains(id) { answered[channel, default: 0] += 1 }
        }
        var rates: [ContactChannel: Double] = [:]
        for (channel, count) in sent where count >= minimumSent {
            rates[channel] = Double(answered[channel] ?? 0) / Double(count)
        }
        let preferred = rates.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
        return (rates, rates.isEmpty || preferred.map { rates[$0] == 0 } == true ? nil : preferred)
    }
}
