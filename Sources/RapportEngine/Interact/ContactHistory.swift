public import RapportCore

/// What became of one contact a campaign wave planned for a customer.
public enum ContactStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Kept by the arbitration, waiting to be sent at its planned time.
    case planned
    /// Rendered into the outbox, waiting for its channel.
    case queued
    /// Kept, then held out as the campaign's control group (or the global holdout): never sent.
    case control
    /// Not kept: `rule` says why.
    case suppressed
    case sent
    case failed

    /// Whether the contact counts for the pressure rules (it reached, or will reach, the customer).
    public var counts: Bool { self == .planned || self == .queued || self == .sent }
}

/// One contact of the contact history, as the planner decides it.
public struct PlannedContact: Sendable, Hashable {
    public var customerID: Int64
    public var campaignID: Int64
    public var wave: Int
    /// The channel chosen; nil when no channel could reach the customer.
    public var channel: ContactChannel?
    public var message: String
    public var variant: String?
    public var purpose: ContactPurpose
    public var status: ContactStatus
    /// The rule that suppressed or held out the contact.
    public var rule: String?
    public var plannedAt: Instant
    public var cost: Double
    public var expectedValue: Double

    public init(
        customerID: Int64, campaignID: Int64, wave: Int, channel: ContactChannel?, message: String, variant: String? = nil,
        purpose: ContactPurpose, status: ContactStatus, rule: String? = nil, plannedAt: Instant, cost: Double, expectedValue: Double
    ) {
        self.customerID = customerID
        self.campaignID = campaignID
        self.wave = wave
        self.channel = channel
        self.message = message
        self.variant = variant
        self.purpose = purpose
        self.status = status
        self.rule = rule
        self.plannedAt = plannedAt
        self.cost = cost
        self.expectedValue = expectedValue
    }

    /// One contact per customer, campaign and wave: the key the outbox sends by, so that deciding
    /// or sending twice is impossible.
    public var idempotencyKey: String { "\(customerID):\(campaignID):\(wave)" }
}

/// A counted contact of the history, as planning reads it.
public struct CountedContact: Sendable, Hashable {
    public var customerID: Int64
    public var at: Instant
    public var channel: ContactChannel
    public var message: String
    public var campaignID: Int64
}

/// The contact history table (`contacts`) through a ``RecordEditor``.
public struct ContactHistory {
    static let table = StoredTable.named("contacts")
    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    /// The marketing contacts planned or sent at instants in `[from, to)`: what the pressure rules
    /// count.
    public func counted(from: Instant, to: Instant) throws -> [CountedContact] {
        let rows = try editor.rows(
            of: Self.table,
            matching: [
                ColumnMatch("planned_at", .integer(from.secondsSinceEpoch), .atLeast),
                ColumnMatch("planned_at", .integer(to.secondsSinceEpoch), .below),
                ColumnMatch("purpose", .text(ContactPurpose.marketing.rawValue)),
            ])
        return rows.compactMap { row in
            guard let status = row[8].textValue.flatMap(ContactStatus.init(rawValue:)), status.counts,
                let channel = row[4].textValue.flatMap(ContactChannel.init(rawValue:))
            else { return nil }
            return CountedContact(
                customerID: row[0].integerValue ?? 0, at: Instant(secondsSinceEpoch: row[10].integerValue ?? 0), channel: channel,
                message: row[5].textValue ?? "", campaignID: row[2].integerValue ?? 0)
        }
    }

    /// Appends `contacts`, decided at `now`, numbering them after the last contact.
    public func append(_ contacts: [PlannedContact], decidedAt now: Instant) throws {
        guard !contacts.isEmpty else { return }
        var id = try editor.nextID(of: Self.table)
        var rows: [[StoredValue]] = []
        rows.reserveCapacity(contacts.count)
        for contact in contacts {
            rows.append([
                .integer(contact.customerID), .integer(id), .integer(contact.campaignID), .integer(Int64(contact.wave)),
                contact.channel.map { .text($0.rawValue) } ?? .null, .text(contact.message),
                contact.variant.map(StoredValue.text) ?? .null, .text(contact.purpose.rawValue), .text(contact.status.rawValue),
                contact.rule.map(StoredValue.text) ?? .null, .integer(contact.plannedAt.secondsSinceEpoch),
                .integer(now.secondsSinceEpoch), .null, .real(contact.cost), .real(contact.expectedValue),
                .text(contact.idempotencyKey),
            ])
            id += 1
        }
        try editor.insert(rows: rows, into: Self.table)
    }

    /// A customer's contacts, oldest first, as rows of the `contacts` table.
    public func contacts(ofCustomer id: Int64) throws -> [[StoredValue]] {
        try editor.rows(of: Self.table, matching: [ColumnMatch("customer_id", .integer(id))])
    }
}
