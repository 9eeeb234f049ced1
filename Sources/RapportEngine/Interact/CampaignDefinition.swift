public import RapportCore

/// What a campaign is: whom it targets, on which channels, when, what it is worth and costs, and how
/// its results will be measured. Written by people as JSON (`rapport campaign create FILE`); every
/// key but `name`, `target` and `at` has a default, and an unknown key is refused.
public struct CampaignDefinition: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// One wave at `at`.
        case oneShot = "one-shot"
        /// `waves` waves, `everyDays` apart from `at`, each its own message on one theme.
        case cadenced
        /// An event-triggered scenario: from `at` (until `until`), every run contacts the customers
        /// whose `trigger` fired since the previous run.
        case triggered
        /// A lifecycle journey: customers enter when `trigger` fires and move through `steps`.
        case journey
    }

    /// A version of the message, and its share of the non-control contacts (weights are relative);
    /// the parts it sets replace the campaign's.
    public struct Variant: Sendable, Hashable, Codable {
        public var name: String
        public var weight: Double
        public var subject: String?
        public var html: String?
        public var text: String?
        public var sms: String?

        public init(name: String, weight: Double = 1) {
            self.name = name
            self.weight = weight
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case name, weight, subject, html, text, sms }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            weight = try container.value(.weight, or: 1)
            subject = try container.decodeIfPresent(String.self, forKey: .subject)
            html = try container.decodeIfPresent(String.self, forKey: .html)
            text = try container.decodeIfPresent(String.self, forKey: .text)
            sms = try container.decodeIfPresent(String.self, forKey: .sms)
        }
    }

    public var name: String
    /// The programme it belongs to, by name.
    public var programme: String?
    public var kind: Kind = .oneShot
    /// Who is targeted: a segment definition (`in segment "lapsed"`, `rfm_segment = champions and
    /// consent email`…), evaluated when a wave is decided.
    public var target: String
    /// When the first wave is due (ISO 8601; UTC when no offset is written).
    public var at: Instant
    public var everyDays: Double = 7
    public var waves: Int = 1
    /// Channels in order of preference. A customer whose preferred channel is among them is tried
    /// on it first; a channel without consent or data falls back to the next.
    public var channels: [ContactChannel] = [.email]
    public var purpose: ContactPurpose = .marketing
    /// The weight of the campaign's value against other campaigns'.
    public var priority: Double = 1
    /// The probability that a contact gets a response (a purchase, a click…).
    public var expectedResponse: Double = 0.02
    /// A score (0–1) that scales the expected response per customer, such as `p_alive`; none when nil.
    public var responseScore: String?
    /// What a response is worth, in money.
    public var valuePerResponse: Double = 1
    /// What one contact costs, per channel; a channel not listed costs nothing.
    public var costPerContact: [ContactChannel: Double] = [:]
    /// The message key that uniqueness compares (waves of a cadenced series add `#wave`); the
    /// campaign's name when nil.
    public var message: String?
    /// The share (0–1) of the contacts kept that is held out as the control group.
    public var holdout: Double = 0.1
    public var variants: [Variant] = []
    /// What the message says, per part.
    public var content = MessageContent()
    /// What starts the scenario (`kind` triggered).
    public var trigger: Trigger?
    /// When a triggered scenario stops; it runs until set done when nil.
    public var until: Instant?
    /// A journey's steps, the first one first.
    public var steps: [JourneyStep] = []

    public init(name: String, target: String, at: Instant) {
        self.name = name
        self.target = target
        self.at = at
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, programme, kind, target, at, everyDays, waves, channels, purpose, priority, expectedResponse,
            responseScore, valuePerResponse, costPerContact, message, holdout, variants, content, trigger, until, steps
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        target = try container.decode(String.self, forKey: .target)
        let atText = try container.decode(String.self, forKey: .at)
        guard let at = ISO8601Parser.instant(atText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .at, in: container, debugDescription: "\"\(atText)\" is not a date-time: write 2026-12-07T09:00:00Z (or with an offset, +01:00)")
        }
        self.at = at
        programme = try container.decodeIfPresent(String.self, forKey: .programme)
        try container.update(&kind, from: .kind)
        try container.update(&everyDays, from: .everyDays)
        try container.update(&waves, from: .waves)
        if kind == .oneShot && !container.contains(.waves) { waves = 1 }
        if let names = try container.decodeIfPresent([String].self, forKey: .channels) {
            channels = try names.map { name in
                do { return try ContactChannel(name, field: "channels") } catch {
                    throw DecodingError.dataCorruptedError(forKey: .channels, in: container, debugDescription: "\(error)")
                }
            }
        }
        if let purposeText = try container.decodeIfPresent(String.self, forKey: .purpose) {
            guard let purpose = ContactPurpose(rawValue: purposeText) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .purpose, in: container, debugDescription: "\"\(purposeText)\" is not a purpose: write marketing or transactional")
            }
            self.purpose = purpose
        }
        try container.update(&priority, from: .priority)
        try container.update(&expectedResponse, from: .expectedResponse)
        responseScore = try container.decodeIfPresent(String.self, forKey: .responseScore)
        try container.update(&valuePerResponse, from: .valuePerResponse)
        if let costs = try? container.decodeIfPresent(Double.self, forKey: .costPerContact) {
            costPerContact = Dictionary(uniqueKeysWithValues: channels.map { ($0, costs) })
        } else if let costs = try container.decodeIfPresent([String: Double].self, forKey: .costPerContact) {
            costPerContact = [:]
            for (name, cost) in costs {
                do { costPerContact[try ContactChannel(name, field: "costPerContact")] = cost } catch {
                    throw DecodingError.dataCorruptedError(forKey: .costPerContact, in: container, debugDescription: "\(error)")
                }
            }
        }
        message = try container.decodeIfPresent(String.self, forKey: .message)
        try container.update(&holdout, from: .holdout)
        try container.update(&variants, from: .variants)
        try container.update(&content, from: .content)
        trigger = try container.decodeIfPresent(Trigger.self, forKey: .trigger)
        try container.update(&steps, from: .steps)
        if let text = try container.decodeIfPresent(String.self, forKey: .until) {
            guard let until = ISO8601Parser.instant(text) else {
                throw DecodingError.dataCorruptedError(forKey: .until, in: container, debugDescription: "\"\(text)\" is not a date-time")
            }
            self.until = until
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(programme, forKey: .programme)
        try container.encode(kind, forKey: .kind)
        try container.encode(target, forKey: .target)
        try container.encode(at.description, forKey: .at)
        if kind == .cadenced {
            try container.encode(everyDays, forKey: .everyDays)
            try container.encode(waves, forKey: .waves)
        }
        try container.encode(channels, forKey: .channels)
        try container.encode(purpose.rawValue, forKey: .purpose)
        try container.encode(priority, forKey: .priority)
        try container.encode(expectedResponse, forKey: .expectedResponse)
        try container.encodeIfPresent(responseScore, forKey: .responseScore)
        try container.encode(valuePerResponse, forKey: .valuePerResponse)
        try container.encode(Dictionary(uniqueKeysWithValues: costPerContact.map { ($0.key.rawValue, $0.value) }), forKey: .costPerContact)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encode(holdout, forKey: .holdout)
        try container.encode(variants, forKey: .variants)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(trigger, forKey: .trigger)
        if kind == .journey { try container.encode(steps, forKey: .steps) }
        try container.encodeIfPresent(until?.description, forKey: .until)
    }

    /// Problems a person must fix, each naming its key.
    public func problems() -> [String] {
        var found: [String] = []
        if name.trimmingASCIISpaces().isEmpty { found.append("name is empty") }
        if channels.isEmpty { found.append("channels is empty: name at least one of email, sms, phone, mail, push") }
        if waves < 1 { found.append("waves is \(waves): write 1 or more") }
        if kind == .cadenced && !(everyDays > 0) { found.append("everyDays is \(everyDays): write more than 0") }
        if (kind == .triggered || kind == .journey) && trigger == nil {
            found.append("kind \(kind.rawValue) needs a \"trigger\" (docs/interact.md lists them)")
        }
        if kind != .triggered && kind != .journey && trigger != nil { found.append("a trigger needs \"kind\": \"triggered\" or \"journey\"") }
        if kind == .journey { found += steps.problems() }
        if kind != .journey && !steps.isEmpty { found.append("steps need \"kind\": \"journey\"") }
        if let trigger { found += trigger.problems() }
        if !(0...1).contains(expectedResponse) { found.append("expectedResponse is \(expectedResponse): write a probability between 0 and 1") }
        if !(0..<1).contains(holdout) { found.append("holdout is \(holdout): write a share from 0 up to (not including) 1") }
        if !(priority >= 0) { found.append("priority is \(priority): write 0 or more") }
        if !(valuePerResponse >= 0) { found.append("valuePerResponse is \(valuePerResponse): write 0 or more") }
        for (channel, cost) in costPerContact where !(cost >= 0) {
            found.append("costPerContact.\(channel.rawValue) is \(cost): write 0 or more")
        }
        for (index, variant) in variants.enumerated() where !(variant.weight > 0) {
            found.append("variants[\(index)] (\(variant.name)) has weight \(variant.weight): write more than 0")
        }
        if Set(variants.map(\.name)).count != variants.count { found.append("variants have the same name twice") }
        for variant in [nil] + variants.map(Optional.some) {
            do {
                _ = try MessageTemplates(content.overridden(by: variant))
            } catch {
                found.append("\(variant.map { "variants \($0.name): " } ?? "content.")\(error)")
            }
        }
        let needs: [(ContactChannel, String?, String)] = [
            (.email, content.html ?? content.text, "content.html or content.text"), (.sms, content.sms, "content.sms"),
            (.push, content.sms, "content.sms"),
        ]
        for (channel, part, name) in needs where channels.contains(channel) && part == nil && purpose == .marketing {
            if content != MessageContent() { found.append("channel \(channel.rawValue) needs \(name)") }
        }
        if let score = responseScore, !Self.isNumericScore(score) {
            found.append("responseScore \"\(score)\" is not a score: use one `rapport segment fields` lists as a score, such as p_alive")
        }
        return found
    }

    static func isNumericScore(_ name: String) -> Bool {
        guard let field = SegmentField.named(name) else { return false }
        return field.source.isScore && field.kind == .number
    }

    /// When wave `wave` (0-based) is due.
    public func dueTime(ofWave wave: Int) -> Instant {
        Instant(secondsSinceEpoch: at.secondsSinceEpoch + Int64((Double(wave) * everyDays * 86_400).rounded()))
    }

    /// The message key of wave `wave`, which uniqueness compares.
    public func messageKey(ofWave wave: Int) -> String {
        let base = message ?? name
        return kind == .cadenced ? "\(base)#\(wave + 1)" : base
    }

    /// Whether every wave can be planned: a triggered scenario or a journey has as many as it has runs.
    public var hasFixedWaves: Bool { kind != .triggered && kind != .journey }

    /// The message key of a journey's send step.
    public func messageKey(ofStep step: String) -> String { "\(message ?? name)/\(step)" }

    /// The content of the message with this key: a journey step's own content when it has one, the
    /// campaign's otherwise.
    public func content(forMessage key: String) -> MessageContent {
        guard kind == .journey, let slash = key.lastIndex(of: "/") else { return content }
        let id = String(key[key.index(after: slash)...])
        if let step = steps.first(where: { $0.id == id }), case .send(_, let own?) = step.action { return own }
        return content
    }
}
