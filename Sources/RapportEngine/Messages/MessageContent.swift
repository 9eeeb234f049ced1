/// What a campaign says: Mustache templates over the customer's profile, scores and next best
/// offers (docs/interact.md lists the names). The subject, text, SMS and script are rendered as
/// plain text; the HTML part escapes every value. A value the customer lacks renders as its
/// `fallbacks` entry, or as nothing.
public struct MessageContent: Sendable, Hashable, Codable {
    /// The sender, `Name <address>`; the e-mail channel's default when nil.
    public var from: String?
    public var replyTo: String?
    public var subject: String = ""
    public var html: String?
    public var text: String?
    /// The text of an SMS or a push notification.
    public var sms: String?
    /// What a call-centre agent or a letter says (phone and mail files).
    public var script: String?
    /// Values to use when a customer lacks one: `{"first_name": "friend"}`.
    public var fallbacks: [String: String] = [:]

    public init(subject: String = "", html: String? = nil, text: String? = nil, sms: String? = nil) {
        self.subject = subject
        self.html = html
        self.text = text
        self.sms = sms
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case from, replyTo, subject, html, text, sms, script, fallbacks }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        replyTo = try container.decodeIfPresent(String.self, forKey: .replyTo)
        try container.update(&subject, from: .subject)
        html = try container.decodeIfPresent(String.self, forKey: .html)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        sms = try container.decodeIfPresent(String.self, forKey: .sms)
        script = try container.decodeIfPresent(String.self, forKey: .script)
        try container.update(&fallbacks, from: .fallbacks)
    }

    /// This content with a variant's parts in place of its own.
    public func overridden(by variant: CampaignDefinition.Variant?) -> MessageContent {
        guard let variant else { return self }
        var content = self
        if let subject = variant.subject { content.subject = subject }
        if let html = variant.html { content.html = html }
        if let text = variant.text { content.text = text }
        if let sms = variant.sms { content.sms = sms }
        return content
    }
}
