import Foundation
public import RapportCore

/// A message waiting in the outbox.
public struct OutboxEntry: Sendable, Hashable {
    public var customerID: Int64
    public var contactID: Int64
    public var channel: ContactChannel
    public var transactional: Bool
    public var recipient: String
    public var payload: OutboxPayload
    public var idempotencyKey: String
    public var attempts: Int
}

/// Reads and updates the outbox and the contact history together, through a ``RecordEditor``.
public struct OutboxLedger {
    static let outbox = StoredTable.named("outbox")
    static let contacts = StoredTable.named("contacts")
    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    /// Pending messages on `channel` whose next attempt is due by `now`: transactional first, then
    /// in order of contact; at most `limit`.
    public func due(on channel: ContactChannel, now: Instant, limit: Int) throws -> [OutboxEntry] {
        let rows = try editor.rows(
            of: Self.outbox,
            matching: [
                ColumnMatch("state", .text("pending")), ColumnMatch("channel", .text(channel.rawValue)),
                ColumnMatch("next_attempt_at", .integer(now.secondsSinceEpoch + 1), .below),
            ])
        let entries = Self.entries(rows, channel: channel)
        return Array(entries.filter(\.transactional) + entries.filter { !$0.transactional }).prefix(limit).map { $0 }
    }

    /// Marks messages as being written into the file of batch `batch` (their `next_attempt_at`
    /// holds the batch stamp while they are `sending`).
    public func markSending(_ entries: [OutboxEntry], batch: Int64) throws {
        for entry in entries {
            try editor.update(
                Self.outbox, setting: [ColumnMatch("state", .text("sending")), ColumnMatch("next_attempt_at", .integer(batch))],
                matching: Self.key(entry))
        }
    }

    /// Messages left `sending` on `channel`, by batch stamp.
    public func sendingBatches(on channel: ContactChannel) throws -> [Int64: [OutboxEntry]] {
        let rows = try editor.rows(
            of: Self.outbox, matching: [ColumnMatch("state", .text("sending")), ColumnMatch("channel", .text(channel.rawValue))])
        var batches: [Int64: [OutboxEntry]] = [:]
        for row in rows {
            guard let entry = Self.entries([row], channel: channel).first else { continue }
            batches[row[Self.outbox.index(of: "next_attempt_at")].integerValue ?? 0, default: []].append(entry)
        }
        return batches
    }

    private static func entries(_ rows: [[StoredValue]], channel: ContactChannel) -> [OutboxEntry] {
        let table = outbox
        let decoder = JSONDecoder()
        return rows.compactMap { row -> OutboxEntry? in
            guard let payload = try? decoder.decode(OutboxPayload.self, from: Data((row[table.index(of: "payload")].textValue ?? "").utf8))
            else { return nil }
            return OutboxEntry(
                customerID: row[0].integerValue ?? 0, contactID: row[1].integerValue ?? 0, channel: channel,
                transactional: row[table.index(of: "lane")].textValue == "transactional",
                recipient: row[table.index(of: "recipient")].textValue ?? "", payload: payload,
                idempotencyKey: row[table.index(of: "idempotency_key")].textValue ?? "",
                attempts: Int(row[table.index(of: "attempts")].integerValue ?? 0))
        }
    }

    /// Records that the messages were handed to their channel at `now`: the outbox rows become
    /// `sent`, and so do their contacts.
    public func markSent(_ entries: [OutboxEntry], at now: Instant) throws {
        for entry in entries {
            try editor.update(
                Self.outbox,
                setting: [
                    ColumnMatch("state", .text("sent")), ColumnMatch("sent_at", .integer(now.secondsSinceEpoch)),
                    ColumnMatch("attempts", .integer(Int64(entry.attempts + 1))),
                ],
                matching: Self.key(entry))
            try editor.update(
                Self.contacts, setting: [ColumnMatch("status", .text("sent")), ColumnMatch("sent_at", .integer(now.secondsSinceEpoch))],
                matching: [ColumnMatch("customer_id", .integer(entry.customerID)), ColumnMatch("id", .integer(entry.contactID))])
        }
    }

    /// Records a failed attempt: tried again at `retryAt`, or failed for good (and its contact too)
    /// when `retryAt` is nil.
    public func markAttemptFailed(_ entry: OutboxEntry, error: String, retryAt: Instant?, now: Instant) throws {
        var setting = [ColumnMatch("attempts", .integer(Int64(entry.attempts + 1))), ColumnMatch("last_error", .text(error))]
        let contact = [ColumnMatch("customer_id", .integer(entry.customerID)), ColumnMatch("id", .integer(entry.contactID))]
        if let retryAt {
            // Back to waiting, even if it was recorded sent just before the server refused it.
            setting += [ColumnMatch("next_attempt_at", .integer(retryAt.secondsSinceEpoch)), ColumnMatch("state", .text("pending"))]
            try editor.update(
                Self.contacts, setting: [ColumnMatch("status", .text("queued")), ColumnMatch("sent_at", .null)], matching: contact)
        } else {
            setting.append(ColumnMatch("state", .text("failed")))
            try editor.update(
                Self.contacts, setting: [ColumnMatch("status", .text("failed")), ColumnMatch("rule", .text(error)), ColumnMatch("sent_at", .null)],
                matching: contact)
        }
        try editor.update(Self.outbox, setting: setting, matching: Self.key(entry))
    }

    /// How many messages wait, by channel.
    public func pendingCounts() throws -> [ContactChannel: Int] {
        var counts: [ContactChannel: Int] = [:]
        for row in try editor.rows(of: Self.outbox, matching: [ColumnMatch("state", .text("pending"))]) {
            if let channel = row[2].textValue.flatMap(ContactChannel.init(rawValue:)) { counts[channel, default: 0] += 1 }
        }
        return counts
    }

    static func key(_ entry: OutboxEntry) -> [ColumnMatch] {
        [ColumnMatch("customer_id", .integer(entry.customerID)), ColumnMatch("contact_id", .integer(entry.contactID))]
    }
}
