public import RapportCore

/// What a customer (or their provider) did with a contact.
public enum ReactionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The provider accepted the message for the mailbox or the phone.
    case delivered
    /// The provider could not deliver it (`detail` holds the reason; `hard` bounces are permanent).
    case bounced
    case opened
    case clicked
    case unsubscribed
    /// A spam complaint (feedback loop) or a complaint by another channel.
    case complained
    /// A survey answer (`detail` holds the survey and the score).
    case answered
}

/// One reaction to one contact, as the `responses` table keeps it: every reaction is a row linked
/// to its contact; the same kind at the same second for the same contact is one reaction (a pixel
/// loaded twice, a webhook delivered twice).
public struct Reaction: Sendable, Hashable {
    public var customerID: Int64
    public var contactID: Int64
    public var campaignID: Int64
    public var kind: ReactionKind
    public var at: Instant
    /// The channel of the contact (e-mail for opens and clicks).
    public var channel: ContactChannel?
    /// JSON details: the link clicked, the bounce's reason, the survey's answer.
    public var detail: String?

    public init(
        customerID: Int64, contactID: Int64, campaignID: Int64, kind: ReactionKind, at: Instant, channel: ContactChannel? = nil,
        detail: String? = nil
    ) {
        self.customerID = customerID
        self.contactID = contactID
        self.campaignID = campaignID
        self.kind = kind
        self.at = at
        self.channel = channel
        self.detail = detail
    }
}
