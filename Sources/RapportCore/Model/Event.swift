/// Something a person did or that happened to them: a web visit, an abandoned cart, an e-mail
/// opened, a complaint, a survey answer. `properties` is a canonical JSON object.
public struct Event: Sendable, Hashable {
    public var externalID: String
    public var customerExternalID: String
    public var type: Token
    public var channel: Token?
    public var at: Instant
    public var campaign: String?
    public var propertiesJSON: String

    public init(
        externalID: String, customerExternalID: String, type: Token, channel: Token? = nil,
        at: Instant, campaign: String? = nil, propertiesJSON: String = "{}"
    ) {
        self.externalID = externalID
        self.customerExternalID = customerExternalID
        self.type = type
        self.channel = channel
        self.at = at
        self.campaign = campaign
        self.propertiesJSON = propertiesJSON
    }

    /// The hash of everything but the identifier: the identifier of an event whose file gave none.
    public var contentFingerprint: Int64 {
        var hasher = Fingerprint()
        hasher.combine(customerExternalID)
        hasher.combine(type.value)
        hasher.combine(channel?.value)
        hasher.combine(at.secondsSinceEpoch)
        hasher.combine(campaign)
        hasher.combine(propertiesJSON)
        return hasher.value
    }

    public var fingerprint: Int64 {
        var hasher = Fingerprint()
        hasher.combine(externalID)
        hasher.combine(contentFingerprint)
        return hasher.value
    }
}

/// A person's consent to be contacted on a channel, as given at a time. The latest per channel is
/// the one in force.
public struct Consent: Sendable, Hashable {
    public var customerExternalID: String
    public var channel: ContactChannel
    public var status: ConsentStatus
    public var source: String?
    public var at: Instant

    public init(customerExternalID: String, channel: ContactChannel, status: ConsentStatus, source: String? = nil, at: Instant) {
        self.customerExternalID = customerExternalID
        self.channel = channel
        self.status = status
        self.source = source
        self.at = at
    }
}
