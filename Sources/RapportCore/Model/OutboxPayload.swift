/// A message in the outbox: who, on which channel, and what, rendered.
public struct OutboxPayload: Sendable, Hashable, Codable {
    public var from: String?
    public var replyTo: String?
    public var subject: String
    public var html: String?
    public var text: String?
    public var sms: String?
    public var script: String?
    /// For files: the columns a call centre or a mailing house needs.
    public var name: String?
    public var postcode: String?
    public var city: String?
    public var country: String?
    public var campaign: String
    public var variant: String?
    /// The one-click unsubscribe address (`List-Unsubscribe`), when tracking is set up.
    public var unsubscribe: String?

    public init(
        from: String? = nil, replyTo: String? = nil, subject: String, html: String? = nil, text: String? = nil, sms: String? = nil,
        script: String? = nil, name: String? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil,
        campaign: String, variant: String? = nil, unsubscribe: String? = nil
    ) {
        self.unsubscribe = unsubscribe
        self.from = from
        self.replyTo = replyTo
        self.subject = subject
        self.html = html
        self.text = text
        self.sms = sms
        self.script = script
        self.name = name
        self.postcode = postcode
        self.city = city
        self.country = country
        self.campaign = campaign
        self.variant = variant
    }
}

