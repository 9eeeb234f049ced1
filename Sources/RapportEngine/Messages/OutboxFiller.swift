import Foundation
public import RapportCore

/// What one fill of the outbox did.
public struct OutboxFill: Sendable, Hashable {
    /// Messages rendered and queued, by channel.
    public var queued: [ContactChannel: Int] = [:]
    /// Contacts dropped at the last moment, by reason (consent withdrawn since planning,
    /// do-not-contact, erased, no address, no content for the channel).
    public var dropped: [String: Int] = [:]

    public var queuedTotal: Int { queued.values.reduce(0, +) }
}

/// Turns planned contacts that are due into rendered messages in the outbox, in batches, each
/// batch one transaction: the outbox rows are written and the contacts become `queued` together,
/// so a contact is rendered once. Consent, do-not-contact and erasure are checked again at this
/// moment: what changed since planning wins, and the contact is dropped with its reason.
public struct OutboxFiller {
    static let contacts = StoredTable.named("contacts")
    static let outbox = StoredTable.named("outbox")
    static let customers = CustomerColumns.table
    static let scores = StoredTable.named("scores")
    static let consents = StoredTable.named("consents")
    static let restrictions = StoredTable.named("contact_restrictions")

    /// Contacts per transaction, and the widest span of customer ids read at once.
    public var batchSize = 2_000
    public var widestSpan: Int64 = 20_000

    public init() {}

    /// Queues every planned contact due by `now`.
    public func fill(store: some RecordEditing & TargetingStore & SegmentStore, now: Instant) throws -> OutboxFill {
        var total = OutboxFill()
        var templates: [String: MessageTemplates] = [:]
        let (campaigns, due, tracking) = try store.editingRecords { editor in
            let campaigns = Dictionary(uniqueKeysWithValues: try CampaignBook(editor).campaigns().map { ($0.id, $0) })
            let settings = try TrackingSettings.load(editor)
            let tracking = try settings.baseURL.map { _ in (settings, TrackingSigner(secret: try TrackingSettings.secret(editor, now: now))) }
            let due = try editor.rows(
                of: Self.contacts,
                matching: [
                    ColumnMatch("status", .text(ContactStatus.planned.rawValue)),
                    ColumnMatch("planned_at", .integer(now.secondsSinceEpoch + 1), .below),
                ])
            return (campaigns, due, tracking)
        }
        let offers = try Self.offersIfNamed(by: Set(due.compactMap { $0[Self.contacts.index(of: "campaign_id")].integerValue }), campaigns, store: store, now: now)
        var start = 0
        while start < due.count {
            let first = due[start][0].integerValue ?? 0
            var end = start
            while end < due.count && end - start < batchSize && (due[end][0].integerValue ?? 0) - first <= widestSpan { end += 1 }
            let batch = Array(due[start..<end])
            let last = (batch.last![0].integerValue ?? 0) + 1
            try store.editingRecords { editor in
                try queue(
                    batch, from: first, to: last, editor: editor, campaigns: campaigns, offers: offers, tracking: tracking,
                    templates: &templates, now: now, into: &total)
            }
            start = end
        }
        return total
    }

    /// Next best offers for every customer, when a due campaign's content names `offers` (building
    /// them reads every basket); nil otherwise.
    static func offersIfNamed(
        by campaignIDs: Set<Int64>, _ campaigns: [Int64: StoredCampaign], store: some TargetingStore & SegmentStore, now: Instant
    ) throws -> (frame: TargetingFrame, offers: NextBestOffers)? {
        let names = campaignIDs.compactMap { campaigns[$0]?.definition }.contains { definition in
            ([definition.content.subject, definition.content.html, definition.content.text, definition.content.sms, definition.content.script]
                + definition.variants.flatMap { [$0.subject, $0.html, $0.text, $0.sms] })
                .contains { $0?.contains("offers") == true }
        }
        guard names else { return nil }
        var needs = FrameNeeds()
        needs.lines = true
        let frame = try SegmentWorkspace.prepare([], store: store, today: now.utcDate, extraNeeds: needs).frame
        let (baskets, categories) = Baskets.orders(of: frame, level: .category)
        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minimumSupport: 0.01, maximumLength: 3)
        let rules = try AssociationRules.derive(from: itemsets, basketCount: baskets.count, minimumConfidence: 0.2, minimumLift: 1.0)
        return (frame, NextBestOffers(frame: frame, categoryRules: rules, categoryNames: categories, products: try store.products()))
    }

    private func queue(
        _ batch: [[StoredValue]], from first: Int64, to end: Int64, editor: any RecordEditor, campaigns: [Int64: StoredCampaign],
        offers: (frame: TargetingFrame, offers: NextBestOffers)?, tracking: (settings: TrackingSettings, signer: TrackingSigner)?,
        templates: inout [String: MessageTemplates], now: Instant,
        into total: inout OutboxFill
    ) throws {
        let range = [ColumnMatch("customer_id", .integer(first), .atLeast), ColumnMatch("customer_id", .integer(end), .below)]
        let customerRows = Dictionary(
            try editor.rows(of: Self.customers, matching: [ColumnMatch("id", .integer(first), .atLeast), ColumnMatch("id", .integer(end), .below)])
                .map { ($0[0].integerValue ?? 0, $0) }, uniquingKeysWith: { a, _ in a })
        let scoreRows = Dictionary(try editor.rows(of: Self.scores, matching: range).map { ($0[0].integerValue ?? 0, $0) }, uniquingKeysWith: { a, _ in a })
        let latestConsent = LatestConsents.of(try editor.rows(of: Self.consents, matching: range))
        var restrictions: [Int64: ContactRestriction] = [:]
        for row in try editor.rows(of: Self.restrictions, matching: range) {
            if let customer = row[0].integerValue, let reason = row[1].textValue.flatMap(ContactRestriction.init(rawValue:)) {
                restrictions[customer] = reason
            }
        }
        let columns = Self.contacts
        var outboxRows: [[StoredValue]] = []
        for row in batch {
            let customerID = row[0].integerValue ?? 0, contactID = row[1].integerValue ?? 0
            // Only a contact still planned is taken: another filler may have queued it since it was read.
            let key = [
                ColumnMatch("customer_id", .integer(customerID)), ColumnMatch("id", .integer(contactID)),
                ColumnMatch("status", .text(ContactStatus.planned.rawValue)),
            ]
            func drop(_ reason: String) throws {
                let changed = try editor.update(
                    columns, setting: [ColumnMatch("status", .text(ContactStatus.suppressed.rawValue)), ColumnMatch("rule", .text(reason))],
                    matching: key)
                if changed > 0 { total.dropped[reason, default: 0] += 1 }
            }
            guard let channel = row[columns.index(of: "channel")].textValue.flatMap(ContactChannel.init(rawValue:)),
                let campaignID = row[columns.index(of: "campaign_id")].integerValue, let campaign = campaigns[campaignID],
                let customer = customerRows[customerID]
            else {
                try drop("customer or campaign gone")
                continue
            }
            let purpose = row[columns.index(of: "purpose")].textValue.flatMap(ContactPurpose.init(rawValue:)) ?? .marketing
            let recipient = Self.recipient(customer, channel)
            let decision = ContactEligibility.decide(
                purpose: purpose, hasUsableData: recipient != nil, consent: latestConsent[customerID]?[channel]?.status,
                restriction: restrictions[customerID])
            guard decision.isAllowed, let recipient else {
                try drop("\(decision.reason) at sending time")
                continue
            }
            let variantName = row[columns.index(of: "variant")].textValue
            let variant = campaign.definition.variants.first { $0.name == variantName }
            let messageKey = row[columns.index(of: "message")].textValue ?? ""
            let templateKey = "\(campaignID)/\(messageKey)/\(variantName ?? "")"
            if templates[templateKey] == nil {
                do {
                    templates[templateKey] = try MessageTemplates(campaign.definition.content(forMessage: messageKey).overridden(by: variant))
                } catch {
                    try drop("template: \(error)")
                    continue
                }
            }
            var values = PersonalisationContext.values(
                customer: customer, scores: scoreRows[customerID],
                offers: offers.flatMap { model in model.frame.index(of: customerID).map { model.offers.offers(for: $0, limit: 3) } } ?? [],
                campaign: campaign.definition.name, variant: variantName)
            let links = tracking.flatMap { tracking in
                tracking.settings.baseURL.map { base in
                    TrackingLinks(
                        baseURL: base, signer: tracking.signer, customerID: customerID, contactID: contactID, campaignID: campaignID,
                        expiresAt: Instant(secondsSinceEpoch: now.secondsSinceEpoch + Int64(tracking.settings.expiryDays) * 86_400))
                }
            }
            if let links { values.merge(links.templateValues) { _, link in link } }
            var rendered = templates[templateKey]!.render(values)
            if let links, let tracking, channel == .email, let html = rendered.html {
                rendered.html = links.tracked(
                    html: html, clicks: tracking.settings.clickRedirects, pixel: tracking.settings.openPixel && purpose == .marketing)
            }
            guard Self.hasContent(rendered, for: channel) else {
                try drop("no content for \(channel.rawValue)")
                continue
            }
            let text: (String) -> String? = { customer[Self.customers.index(of: $0)].textValue }
            let payload = OutboxPayload(
                from: campaign.definition.content.from, replyTo: campaign.definition.content.replyTo, subject: rendered.subject,
                html: rendered.html, text: rendered.text, sms: rendered.sms, script: rendered.script,
                name: [text("first_name"), text("last_name")].compactMap { $0 }.joined(separator: " "), postcode: text("postcode"),
                city: text("city"), country: text("country"), campaign: campaign.definition.name, variant: variantName,
                unsubscribe: purpose == .marketing ? links?.unsubscribe : nil)
            guard try editor.update(columns, setting: [ColumnMatch("status", .text(ContactStatus.queued.rawValue))], matching: key) > 0
            else { continue }
            outboxRows.append([
                .integer(customerID), .integer(contactID), .text(channel.rawValue),
                .text(purpose == .transactional ? "transactional" : "marketing"), .text(recipient), .text(try CampaignBook.json(payload)),
                row[columns.index(of: "idempotency_key")], .text("pending"), .integer(0), .integer(now.secondsSinceEpoch), .null, .null,
            ])
            total.queued[channel, default: 0] += 1
        }
        try editor.insert(rows: outboxRows, into: Self.outbox)
    }

    /// Where a message on `channel` goes: the e-mail address, the phone number, or the postal town
    /// (mail files carry name, postcode and city); nil when the customer has none.
    static func recipient(_ customer: [StoredValue], _ channel: ContactChannel) -> String? {
        let value: (String) -> String? = { customer[customers.index(of: $0)].textValue.flatMap { $0.isEmpty ? nil : $0 } }
        switch channel {
        case .email: return value("email")
        case .sms, .phone: return value("phone")
        case .mail: return value("postcode").map { _ in value("external_id") ?? "" }
        case .push: return value("external_id")
        }
    }

    static func hasContent(_ message: RenderedMessage, for channel: ContactChannel) -> Bool {
        switch channel {
        case .email: message.html != nil || message.text != nil
        case .sms, .push: message.sms != nil
        case .phone, .mail: true
        }
    }
}
