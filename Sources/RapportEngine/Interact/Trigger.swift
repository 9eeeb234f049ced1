import RapportCore

/// What starts an event-triggered scenario for a customer (seed 004), checked at every run over
/// the time since the previous run. A customer who triggers is planned at once (plus `delayHours`)
/// under the pressure policy and arbitrated with every other campaign; the re-entry rule keeps a
/// customer from triggering again within `reentryDays` of their last contact from the scenario.
public struct Trigger: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The customer's birthday (`daysBefore` days ahead of it). 29 February falls on 28
        /// February in other years.
        case birthday
        /// A date held in a custom attribute (`attribute`, `YYYY-MM-DD`), `daysBefore` days ahead.
        case date
        /// An event of type `event` (`cart_abandoned`, `complaint`…); with `unlessOrderWithinHours`,
        /// only when no order follows within that delay (abandoned cart), decided once it has passed.
        case event
        /// The customer's first completed order.
        case firstPurchase = "first-purchase"
        /// `days` days without an order since the last one.
        case inactivity
        /// Member of the saved segment `segment` (once per re-entry period while a member).
        case segmentEntry = "segment-entry"
        /// An analysis moved the customer into lifecycle stage `stage`.
        case lifecycleChange = "lifecycle-change"
        /// An analysis moved the score `score` (`clv` or `p_alive`) from below `above` to it or beyond.
        case scoreCrossing = "score-crossing"
    }

    public var on: Kind
    public var attribute: String?
    public var daysBefore: Int = 0
    public var event: String?
    public var unlessOrderWithinHours: Double?
    public var days: Int?
    public var segment: String?
    public var stage: String?
    public var score: String?
    public var above: Double?
    /// How long after the trigger the message goes (before quiet hours move it).
    public var delayHours: Double = 0
    public var reentryDays: Double = 365

    public init(on: Kind) {
        self.on = on
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case on, attribute, daysBefore, event, unlessOrderWithinHours, days, segment, stage, score, above, delayHours, reentryDays
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .on)
        guard let kind = Kind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .on, in: container,
                debugDescription: "\"\(name)\" is not a trigger: write one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        on = kind
        attribute = try container.decodeIfPresent(String.self, forKey: .attribute)
        try container.update(&daysBefore, from: .daysBefore)
        event = try container.decodeIfPresent(String.self, forKey: .event)
        unlessOrderWithinHours = try container.decodeIfPresent(Double.self, forKey: .unlessOrderWithinHours)
        days = try container.decodeIfPresent(Int.self, forKey: .days)
        segment = try container.decodeIfPresent(String.self, forKey: .segment)
        stage = try container.decodeIfPresent(String.self, forKey: .stage)
        score = try container.decodeIfPresent(String.self, forKey: .score)
        above = try container.decodeIfPresent(Double.self, forKey: .above)
        try container.update(&delayHours, from: .delayHours)
        try container.update(&reentryDays, from: .reentryDays)
    }

    /// Problems a person must fix, each naming its key.
    public func problems() -> [String] {
        var found: [String] = []
        func need(_ value: Any?, _ key: String, _ example: String) {
            if value == nil { found.append("trigger \(on.rawValue) needs \"\(key)\" (\(example))") }
        }
        switch on {
        case .date: need(attribute, "attribute", "a custom attribute holding a date, e.g. \"renewal_date\"")
        case .event: need(event, "event", "an event type, e.g. \"cart_abandoned\"")
        case .inactivity: need(days, "days", "e.g. 90")
        case .segmentEntry: need(segment, "segment", "a saved segment's name")
        case .lifecycleChange: need(stage, "stage", "discovery, exploration, expansion, commitment or dissolution")
        case .scoreCrossing:
            need(score, "score", "clv or p_alive")
            need(above, "above", "the threshold")
            if let score, score != "clv" && score != "p_alive" { found.append("trigger score \"\(score)\" is not kept in history: write clv or p_alive") }
        case .birthday, .firstPurchase: break
        }
        if let days, days < 1 { found.append("trigger days is \(days): write 1 or more") }
        if !(delayHours >= 0) { found.append("trigger delayHours is \(delayHours): write 0 or more") }
        if !(reentryDays >= 0) { found.append("trigger reentryDays is \(reentryDays): write 0 or more") }
        if let hours = unlessOrderWithinHours, !(hours > 0) { found.append("trigger unlessOrderWithinHours is \(hours): write more than 0") }
        return found
    }

    /// How long after its cause a trigger fires: the delay, and for an abandoned cart at least the
    /// time an order had to follow.
    public var firingDelay: Int64 {
        Int64((Swift.max(delayHours, unlessOrderWithinHours ?? 0) * 3600).rounded())
    }
}
