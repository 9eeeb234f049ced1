public import RapportCore

/// The contact-pressure policy: how much marketing may reach one customer, and when. Transactional
/// messages are exempt from every rule here (they only need the customer not to be erased and an
/// address); consent is never part of the policy: marketing always needs it.
///
/// Semantics (docs/interact.md has the table):
/// - a **cap** allows at most `limit` counted contacts in any rolling window `(t - window, t]`, on
///   one channel or on all; a contact exactly one window earlier is outside;
/// - the **minimum gap** separates any two counted contacts of a customer;
/// - **quiet hours** and **allowed days** are read in the customer's time zone (the policy's when the
///   customer has none); a contact that falls in them moves to the next allowed moment, it is not
///   dropped;
/// - **uniqueness**: the same message never reaches a customer twice within the period;
/// - **daily capacity** limits the contacts per channel per day, days in the policy's time zone;
/// - counted contacts are marketing contacts planned or sent; suppressed, control and failed ones
///   are not.
///
/// Every value has a default; a JSON file (`rapport policy set FILE`) may set any of them, and an
/// unknown setting is refused.
public struct PressurePolicy: Sendable, Hashable, Codable {
    public struct Cap: Sendable, Hashable, Codable {
        public var limit: Int
        /// The window's length in hours.
        public var hours: Double
        public var channel: ContactChannel?

        public init(limit: Int, days: Double, channel: ContactChannel? = nil) {
            self.limit = limit
            self.hours = days * 24
            self.channel = channel
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case limit, days, hours, channel }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            limit = try container.decode(Int.self, forKey: .limit)
            channel = try container.decodeIfPresent(ContactChannel.self, forKey: .channel)
            if let days = try container.decodeIfPresent(Double.self, forKey: .days) {
                hours = days * 24
            } else if let hours = try container.decodeIfPresent(Double.self, forKey: .hours) {
                self.hours = hours
            } else {
                throw DecodingError.keyNotFound(
                    CodingKeys.days, .init(codingPath: decoder.codingPath, debugDescription: "a cap needs its window: \"days\" or \"hours\""))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(limit, forKey: .limit)
            if hours.truncatingRemainder(dividingBy: 24) == 0 {
                try container.encode(hours / 24, forKey: .days)
            } else {
                try container.encode(hours, forKey: .hours)
            }
            try container.encodeIfPresent(channel, forKey: .channel)
        }

        public var window: Int64 { Int64((hours * 3600).rounded()) }

        public var description: String {
            func number(_ value: Double) -> String {
                value == value.rounded() ? String(Int(value)) : NumberText.decimal(value)
            }
            let days = hours / 24
            let span = days == days.rounded() ? "\(number(days)) day\(days == 1 ? "" : "s")" : "\(number(hours)) hours"
            return "at most \(limit) \(channel.map { "\($0.rawValue) " } ?? "")contact\(limit == 1 ? "" : "s") in \(span)"
        }
    }

    public var caps: [Cap] = [
        Cap(limit: 3, days: 7), Cap(limit: 8, days: 30), Cap(limit: 1, days: 7, channel: .sms),
    ]
    public var minimumGapHours: Double = 24
    /// Local times `HH:MM` between which no marketing is sent (`from` may be after `to`: the quiet
    /// hours then span midnight); nil for none.
    public var quietHours: QuietHours? = QuietHours(from: TimeOfDay(hour: 21, minute: 0), to: TimeOfDay(hour: 8, minute: 0))
    public var allowedDays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
    public var uniquenessDays: Double = 30
    /// Contacts per day at most, by channel; a channel not listed has no limit.
    public var dailyCapacity: [ContactChannel: Int] = [:]
    /// The time zone of customers who have none, and of capacity days.
    public var timeZone: String = "UTC"
    /// The share of customers (0–1) held out of every marketing campaign, to measure them all.
    public var globalHoldout: Double = 0
    /// How far ahead planning looks for campaigns that will compete for the same customers.
    public var lookaheadDays: Double = 7
    /// Days without marketing on any channel after a customer unsubscribes or complains (a
    /// fatigue signal, collected from reactions); 0 turns the rule off.
    public var fatigueRestDays: Double = 30

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case caps, minimumGapHours, quietHours, allowedDays, uniquenessDays, dailyCapacity, timeZone, globalHoldout,
            lookaheadDays, fatigueRestDays
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&caps, from: .caps)
        try container.update(&minimumGapHours, from: .minimumGapHours)
        if container.contains(.quietHours) { quietHours = try container.decodeIfPresent(QuietHours.self, forKey: .quietHours) }
        try container.update(&allowedDays, from: .allowedDays)
        try container.update(&uniquenessDays, from: .uniquenessDays)
        if let capacities = try container.decodeIfPresent([String: Int].self, forKey: .dailyCapacity) {
            dailyCapacity = [:]
            for (name, limit) in capacities {
                do {
                    dailyCapacity[try ContactChannel(name, field: "dailyCapacity")] = limit
                } catch {
                    throw DecodingError.dataCorruptedError(
                        forKey: .dailyCapacity, in: container, debugDescription: "\(error)")
                }
            }
        }
        try container.update(&timeZone, from: .timeZone)
        try container.update(&globalHoldout, from: .globalHoldout)
        try container.update(&lookaheadDays, from: .lookaheadDays)
        try container.update(&fatigueRestDays, from: .fatigueRestDays)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caps, forKey: .caps)
        try container.encode(minimumGapHours, forKey: .minimumGapHours)
        try container.encode(quietHours, forKey: .quietHours)
        try container.encode(allowedDays.sorted(), forKey: .allowedDays)
        try container.encode(uniquenessDays, forKey: .uniquenessDays)
        try container.encode(
            Dictionary(uniqueKeysWithValues: dailyCapacity.map { ($0.key.rawValue, $0.value) }), forKey: .dailyCapacity)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(globalHoldout, forKey: .globalHoldout)
        try container.encode(lookaheadDays, forKey: .lookaheadDays)
        try container.encode(fatigueRestDays, forKey: .fatigueRestDays)
    }

    /// Problems a person must fix before the policy can be used, each naming its setting.
    public func problems() -> [String] {
        var found: [String] = []
        for (index, cap) in caps.enumerated() {
            if cap.limit < 0 { found.append("caps[\(index)].limit is \(cap.limit): write 0 or more") }
            if !(cap.hours > 0) { found.append("caps[\(index)] has a window of \(cap.hours) hours: write more than 0") }
        }
        if minimumGapHours < 0 { found.append("minimumGapHours is \(minimumGapHours): write 0 or more") }
        if uniquenessDays < 0 { found.append("uniquenessDays is \(uniquenessDays): write 0 or more") }
        if allowedDays.isEmpty { found.append("allowedDays is empty: no day would allow marketing") }
        if let quietHours, quietHours.from == quietHours.to {
            found.append("quietHours from and to are both \(quietHours.from): write two different times, or null for none")
        }
        for (channel, limit) in dailyCapacity where limit < 0 {
            found.append("dailyCapacity.\(channel.rawValue) is \(limit): write 0 or more")
        }
        if LocalTime(identifier: timeZone) == nil {
            found.append("timeZone \"\(timeZone)\" is not a time zone: write an IANA name such as Europe/Paris")
        }
        if !(0...1).contains(globalHoldout) { found.append("globalHoldout is \(globalHoldout): write a share between 0 and 1") }
        if !(lookaheadDays >= 0) { found.append("lookaheadDays is \(lookaheadDays): write 0 or more") }
        if !(fatigueRestDays >= 0) { found.append("fatigueRestDays is \(fatigueRestDays): write 0 or more") }
        return found
    }
}
