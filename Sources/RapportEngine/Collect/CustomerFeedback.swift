import Foundation
public import RapportCore

/// What reactions taught about one customer, kept up to date as each reaction is recorded (in the
/// same transaction): an engagement score that decays with time, the contacts they responded to
/// per channel, their latest satisfaction, and fatigue signals (unsubscribes and complaints) that
/// the pressure policy honours.
public struct CustomerFeedback: Sendable, Hashable {
    public var customerID: Int64
    /// The decayed sum of reaction weights as of `engagementAt`.
    public var engagement: Double
    public var engagementAt: Instant
    /// Contacts the customer responded to (opened, clicked or answered), per channel.
    public var responsesByChannel: [ContactChannel: Int]
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
        responsesByChannel = [:]
        fatigueSignals = 0
    }

    /// Folds one newly recorded reaction in. `firstResponse` says whether it is the contact's first
    /// open, click or answer (a contact counts once per channel).
    mutating func fold(_ reaction: Reaction, channel: ContactChannel?, firstResponse: Bool) {
        let weight = Self.weight(of: reaction.kind)
        if weight > 0 {
            let days = Double(reaction.at.secondsSinceEpoch - engagementAt.secondsSinceEpoch) / 86_400
            if days >= 0 {
                engagement = engagement * pow(2, -days / Self.halfLifeDays) + weight
                engagementAt = reaction.at
            } else {
                engagement += weight * pow(2, days / Self.halfLifeDays)
            }
            if firstResponse, let channel { responsesByChannel[channel, default: 0] += 1 }
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
        if let json = row[3].textValue, let counts = try? JSONDecoder().decode([String: Int].self, from: Data(json.utf8)) {
            for (name, count) in counts { if let channel = ContactChannel(rawValue: name) { feedback.responsesByChannel[channel] = count } }
        }
        feedback.satisfaction = row[4].numberValue
        feedback.satisfactionAt = row[5].integerValue.map(Instant.init(secondsSinceEpoch:))
        feedback.fatigueSignals = Int(row[6].integerValue ?? 0)
        feedback.lastFatigueAt = row[7].integerValue.map(Instant.init(secondsSinceEpoch:))
        return feedback
    }

    func row(now: Instant) -> [StoredValue] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let counts = Dictionary(uniqueKeysWithValues: responsesByChannel.map { ($0.key.rawValue, $0.value) })
        return [
            .integer(customerID), .real(engagement), .integer(engagementAt.secondsSinceEpoch),
            .text(String(decoding: (try? encoder.encode(counts)) ?? Data("{}".utf8), as: UTF8.self)),
            satisfaction.map { .real($0) } ?? .null, satisfactionAt.map { .integer($0.secondsSinceEpoch) } ?? .null,
            .integer(Int64(fatigueSignals)), lastFatigueAt.map { .integer($0.secondsSinceEpoch) } ?? .null, .integer(now.secondsSinceEpoch),
        ]
    }

    func save(_ editor: any RecordEditor, now: Instant) throws {
        try editor.delete(from: Self.table, matching: [ColumnMatch("customer_id", .integer(customerID))])
        try editor.insert(row(now: now), into: Self.table, ignoringConflicts: false)
    }

    /// Customers with a fatigue signal at or after `since`; empty when `restDays` is 0.
    public static func fatigued(since: Instant, restDays: Double, editor: any RecordEditor) throws -> Set<Int64> {
        guard restDays > 0 else { return [] }
        return Set(
            try editor.rows(of: table, matching: [ColumnMatch("last_fatigue_at", .integer(since.secondsSinceEpoch), .atLeast)])
                .compactMap { $0[0].integerValue })
    }

    /// Reactivity per channel: contacts responded to over contacts sent on the channel, for the
    /// channels with at least `minimumSent` sent contacts; and the channel with the best one.
    public static func reactivity(
        of customerID: Int64, editor: any RecordEditor, minimumSent: Int = 3
    ) throws -> (byChannel: [ContactChannel: Double], preferred: ContactChannel?) {
        let feedback = try load(customerID, editor: editor)
        var sent: [ContactChannel: Int] = [:]
        let contacts = StoredTable.named("contacts")
        for row in try editor.rows(
            of: contacts, matching: [ColumnMatch("customer_id", .integer(customerID)), ColumnMatch("status", .text(ContactStatus.sent.rawValue))])
        {
            if let channel = row[contacts.index(of: "channel")].textValue.flatMap(ContactChannel.init(rawValue:)) { sent[channel, default: 0] += 1 }
        }
        var rates: [ContactChannel: Double] = [:]
        for (channel, count) in sent where count >= minimumSent {
            rates[channel] = Double(min(count, feedback?.responsesByChannel[channel] ?? 0)) / Double(count)
        }
        let preferred = rates.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
        return (rates, rates.isEmpty || preferred.map { rates[$0] == 0 } == true ? nil : preferred)
    }
}
