import Foundation
public import RapportCore
import RapportIngest

/// Where the call-centre (phone) or mailing-house (mail) files go.
public struct FileChannelSettings: Sendable, Hashable, Codable {
    /// The folder the CSV files are written to (created when missing).
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public static func settingKey(_ channel: ContactChannel) -> String { "channel.\(channel.rawValue)" }

    enum CodingKeys: String, CodingKey, CaseIterable { case directory }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        directory = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .directory)
    }
}

/// Hands phone and mail contacts to people as CSV files, one file per run and channel: a call
/// centre's call list with each customer's script, a mailing house's list with the letter's text.
/// The channel's daily capacity was already applied when the waves were planned.
///
/// Exactly once: the run first marks its messages `sending` under a batch stamp (one
/// transaction), then writes the file under a name made of that stamp (to a temporary name,
/// moved into place when complete), then records them sent. A run killed in between leaves
/// messages `sending`; the next run writes the same file again from them, byte for byte, and
/// records them. A file never holds a contact twice, and no contact is left out.
public struct FileChannelDispatcher: Sendable {
    public let channel: ContactChannel
    public let settings: FileChannelSettings
    private let store: any RecordEditing
    private let clock: any RapportCore.Clock

    public init(channel: ContactChannel, settings: FileChannelSettings, store: any RecordEditing, clock: any RapportCore.Clock = SystemClock()) {
        self.channel = channel
        self.settings = settings
        self.store = store
        self.clock = clock
    }

    /// Writes the files of this channel's due messages (and of any batch an earlier run left
    /// unfinished); returns the files written, with their row counts.
    public func dispatch() throws -> [(path: String, rows: Int)] {
        let now = clock.now
        let channel = channel
        let stamp = now.secondsSinceEpoch
        try store.editingRecords { editor in
            let ledger = OutboxLedger(editor)
            let due = try ledger.due(on: channel, now: now, limit: .max)
            try ledger.markSending(due, batch: stamp)
        }
        var written: [(String, Int)] = []
        let batches = try store.editingRecords { editor in try OutboxLedger(editor).sendingBatches(on: channel) }
        for (batch, entries) in batches.sorted(by: { $0.key < $1.key }) {
            let path = try write(entries, batch: batch)
            try store.editingRecords { editor in try OutboxLedger(editor).markSent(entries, at: now) }
            written.append((path, entries.count))
        }
        return written
    }

    private func write(_ entries: [OutboxEntry], batch: Int64) throws -> String {
        try FileManager.default.createDirectory(atPath: settings.directory, withIntermediateDirectories: true)
        let stamp = Instant(secondsSinceEpoch: batch).description.replacingOccurrences(of: ":", with: "")
        let path = settings.directory + "/\(channel == .phone ? "calls" : "letters")-\(stamp).csv"
        let header =
            channel == .phone
            ? ["contact", "customer", "name", "phone", "campaign", "variant", "script"]
            : ["contact", "customer", "name", "postcode", "city", "country", "campaign", "variant", "letter"]
        let writer = try CSVWriter(path: path, header: header)
        do {
            for entry in entries.sorted(by: { ($0.customerID, $0.contactID) < ($1.customerID, $1.contactID) }) {
                let payload = entry.payload
                let customer = entry.idempotencyKey.split(separator: ":").first.map(String.init) ?? ""
                let body = payload.script ?? payload.text ?? ""
                let row =
                    channel == .phone
                    ? [entry.idempotencyKey, customer, payload.name ?? "", entry.recipient, payload.campaign, payload.variant ?? "", body]
                    : [
                        entry.idempotencyKey, customer, payload.name ?? "", payload.postcode ?? "", payload.city ?? "", payload.country ?? "",
                        payload.campaign, payload.variant ?? "", body,
                    ]
                try writer.write(row)
            }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
        return path
    }
}
