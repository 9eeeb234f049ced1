public import RapportCore

/// What recording a batch of reactions did.
public struct RecordedReactions: Sendable, Hashable {
    /// Reactions written (a repeat of one already kept is not counted).
    public var recorded = 0
    /// Reactions whose contact no longer exists (its customer was erased): dropped.
    public var unknownContact = 0
    /// Consents revoked by unsubscribes and complaints.
    public var revokedConsents = 0
    /// Survey answers refused because the contact already answered that survey.
    public var alreadyAnswered = 0

    public init() {}
}

/// Writes reactions into `responses`, each linked to its contact, inside the caller's
/// transaction. An unsubscribe or a complaint also revokes the consent on the contact's channel
/// at that moment, so no marketing message is planned or sent there any more.
public struct ReactionLedger {
    static let responses = StoredTable.named("responses")
    static let contacts = StoredTable.named("contacts")
    static let consents = StoredTable.named("consents")

    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    public func record(_ reactions: [Reaction], now: Instant) throws -> RecordedReactions {
        var result = RecordedReactions()
        for reaction in reactions {
            // The contact's campaign and channel (two columns: this runs for every pixel and click).
            var found: (campaign: Int64?, channel: String?)?
            try editor.scanRows(
                of: Self.contacts, columns: ["campaign_id", "channel"],
                matching: [ColumnMatch("customer_id", .integer(reaction.customerID)), ColumnMatch("id", .integer(reaction.contactID))]
            ) { row in found = (row[0].integerValue, row[1].textValue) }
            guard let contact = found, contact.campaign == reaction.campaignID else {
                result.unknownContact += 1
                continue
            }
            let channel = reaction.channel ?? contact.channel.flatMap(ContactChannel.init(rawValue:))
            if reaction.kind == .answered, let answer = SurveyAnswer.decode(reaction.detail),
                try hasAnswered(answer.survey, customerID: reaction.customerID, contactID: reaction.contactID)
            {
                result.alreadyAnswered += 1
                continue
            }
            let inserted = try editor.insert(
                [
                    .integer(reaction.customerID), .integer(reaction.contactID), .text(reaction.kind.rawValue),
                    .integer(reaction.at.secondsSinceEpoch), .integer(reaction.campaignID), channel.map { .text($0.rawValue) } ?? .null,
                    reaction.detail.map { .text($0) } ?? .null,
                ], into: Self.responses, ignoringConflicts: true)
            guard inserted else { continue }
            result.recorded += 1
            let stored = try CustomerFeedback.load(reaction.customerID, editor: editor)
            var feedback = stored ?? CustomerFeedback(customerID: reaction.customerID, at: reaction.at)
            feedback.fold(reaction)
            try feedback.save(editor, isStored: stored != nil, now: now)
            if reaction.kind == .unsubscribed || reaction.kind == .complained, let channel {
                let source = reaction.kind == .unsubscribed ? "unsubscribe link" : "complaint"
                if try editor.insert(
                    [
                        .integer(reaction.customerID), .text(channel.rawValue), .integer(reaction.at.secondsSinceEpoch),
                        .text(ConsentStatus.revoked.rawValue), .text(source), .integer(now.secondsSinceEpoch),
                    ], into: Self.consents, ignoringConflicts: true)
                {
                    result.revokedConsents += 1
                }
            }
        }
        return result
    }

    /// Whether the contact already carries an answer to `survey` (one answer per contact).
    public func hasAnswered(_ survey: SurveyKind, customerID: Int64, contactID: Int64) throws -> Bool {
        try editor.rows(
            of: Self.responses,
            matching: [
                ColumnMatch("customer_id", .integer(customerID)), ColumnMatch("contact_id", .integer(contactID)),
                ColumnMatch("kind", .text(ReactionKind.answered.rawValue)),
            ]
        ).contains { SurveyAnswer.decode($0[Self.responses.index(of: "detail")].textValue)?.survey == survey }
    }

    /// The contact whose idempotency key is `key` (`customer:campaign:wave`), as a provider's
    /// delivery report names it: (customer, contact, campaign, channel), or nil.
    public func contact(idempotencyKey key: String) throws -> (customerID: Int64, contactID: Int64, campaignID: Int64, channel: ContactChannel?)? {
        guard let customer = key.split(separator: ":").first.flatMap({ Int64($0) }) else { return nil }
        guard
            let row = try editor.rows(
                of: Self.contacts, matching: [ColumnMatch("customer_id", .integer(customer)), ColumnMatch("idempotency_key", .text(key))]
            ).first, let contactID = row[1].integerValue, let campaignID = row[Self.contacts.index(of: "campaign_id")].integerValue
        else { return nil }
        return (customer, contactID, campaignID, row[Self.contacts.index(of: "channel")].textValue.flatMap(ContactChannel.init(rawValue:)))
    }
}
