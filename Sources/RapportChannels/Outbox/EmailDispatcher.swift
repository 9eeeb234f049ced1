public import Logging
import NIOPosix
public import RapportCore

/// What a dispatch did.
public struct DispatchSummary: Sendable, Hashable {
    public var sent = 0
    /// Failed for good (refused recipient, too many attempts).
    public var failed = 0
    /// Failed for now: tried again later.
    public var deferred = 0

    public init() {}

    public static func += (lhs: inout DispatchSummary, rhs: DispatchSummary) {
        lhs.sent += rhs.sent
        lhs.failed += rhs.failed
        lhs.deferred += rhs.deferred
    }

    /// When to try a message again after a failed attempt: 1, 2, 4… minutes after `now` while it
    /// failed for now and has attempts left, never otherwise. Counts the outcome.
    mutating func retry(transient: Bool, attempts: Int, maximum: Int, now: Instant) -> Instant? {
        guard transient && attempts + 1 < maximum else {
            failed += 1
            return nil
        }
        deferred += 1
        return Instant(secondsSinceEpoch: now.secondsSinceEpoch + 60 << Int64(min(attempts, 10)))
    }
}

/// Sends the e-mails of the outbox: pending messages due now, transactional first, over several
/// SMTP sessions at the configured pace. Each message is recorded as sent in the store right
/// before its final dot is written (``SMTPConnection``): a process killed at any moment sends no
/// message twice and loses none. A refused recipient fails the message for good; a
/// temporary refusal or a lost connection tries it again later, with a back-off that doubles
/// from one minute, until `maximumAttempts`.
public struct EmailDispatcher: Sendable {
    public let settings: EmailChannelSettings
    private let store: any RecordEditing
    private let clock: any RapportCore.Clock
    private let logger: Logger
    /// Messages read from the outbox at a time.
    public var batchSize = 5_000

    public init(settings: EmailChannelSettings, store: any RecordEditing, clock: any RapportCore.Clock = SystemClock(), logger: Logger) {
        self.settings = settings
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Sends until no e-mail is due; returns what happened.
    public func dispatch() async throws -> DispatchSummary {
        var summary = DispatchSummary()
        let limiter = settings.ratePerSecond.map { RateLimiter(perSecond: $0) }
        while true {
            let store = store, now = clock.now, limit = batchSize
            let batch = try await NIOThreadPool.singleton.runIfActive {
                try store.editingRecords { editor in try OutboxLedger(editor).due(on: .email, now: now, limit: limit) }
            }
            if batch.isEmpty { return summary }
            let queue = WorkQueue(batch)
            let outcome = try await withThrowingTaskGroup(of: DispatchSummary.self) { group in
                for _ in 0..<max(1, min(settings.connections, batch.count)) {
                    group.addTask { try await self.work(queue, limiter: limiter) }
                }
                var total = DispatchSummary()
                for try await part in group { total += part }
                return total
            }
            summary += outcome
            // A batch where nothing went out (the server is down): stop and let the next run retry.
            if outcome.sent == 0 { return summary }
        }
    }

    /// One SMTP session's share: takes messages until none is left, reopening the session when
    /// it breaks.
    private func work(_ queue: WorkQueue, limiter: RateLimiter?) async throws -> DispatchSummary {
        var summary = DispatchSummary()
        var connection: SMTPConnection?
        defer { if let connection { Task { await connection.close() } } }
        while let entry = await queue.next() {
            if let limiter { await limiter.take() }
            do {
                if connection == nil { connection = try await SMTPConnection.open(settings.smtp) }
                let message = mail(for: entry)
                let store = store, clock = clock
                try await connection!.send(message) {
                    try store.editingRecords { editor in try OutboxLedger(editor).markSent([entry], at: clock.now) }
                }
                summary.sent += 1
            } catch let error as SMTPError {
                if case .rejected = error {} else { connection = nil }
                try await recordFailure(entry, error: error, into: &summary)
            } catch {
                connection = nil
                try await recordFailure(entry, error: error, into: &summary)
            }
        }
        return summary
    }

    private func recordFailure(_ entry: OutboxEntry, error: any Error, into summary: inout DispatchSummary) async throws {
        let now = clock.now
        let retry = summary.retry(
            transient: (error as? SMTPError)?.isTransient ?? true, attempts: entry.attempts, maximum: settings.maximumAttempts, now: now)
        logger.notice(
            "e-mail not sent", metadata: ["contact": "\(entry.idempotencyKey)", "error": "\(error)", "retry": "\(retry?.description ?? "never")"])
        let store = store, description = "\(error)"
        try await NIOThreadPool.singleton.runIfActive {
            try store.editingRecords { editor in
                try OutboxLedger(editor).markAttemptFailed(entry, error: description, retryAt: retry, now: now)
            }
        }
    }

    func mail(for entry: OutboxEntry) -> MailMessage {
        let payload = entry.payload
        var message = MailMessage(
            from: payload.from ?? settings.from, to: entry.recipient, subject: payload.subject, text: payload.text,
            html: payload.html, messageID: entry.idempotencyKey.replacingOccurrences(of: ":", with: "."), replyTo: payload.replyTo)
        if let unsubscribe = payload.unsubscribe {
            // RFC 2369 and RFC 8058: mailbox providers show an unsubscribe button that POSTs here.
            message.headers.append(("List-Unsubscribe", "<\(unsubscribe)>"))
            message.headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        }
        return message
    }
}

/// The messages of a batch, handed out one at a time to the sessions.
actor WorkQueue {
    private var entries: ArraySlice<OutboxEntry>

    init(_ entries: [OutboxEntry]) {
        self.entries = entries[...]
    }

    func next() -> OutboxEntry? { entries.popFirst() }
}
