import AsyncHTTPClient
import Foundation
public import Logging
import Mustache
import NIOCore
import NIOHTTP1
import NIOPosix
public import RapportCore

/// Sends the outbox's SMS (or push notifications) through an HTTP provider: one request per
/// message, several at once, at the configured pace. Each message is marked `sending` (recorded)
/// before its request and `sent` once the provider answers 2xx; the request carries the contact's
/// idempotency key. A message left `sending` by a killed run is sent again with the same key, so
/// a provider that honours the key delivers it once. A 4xx answer (but 408 and 429) fails it for
/// good; 5xx, 408, 429 and network errors try again later, backing off from one minute.
public struct HTTPDispatcher: Sendable {
    public let channel: ContactChannel
    public let settings: HTTPProviderSettings
    private let store: any RecordEditing
    private let clock: any RapportCore.Clock
    private let logger: Logger

    public init(
        channel: ContactChannel, settings: HTTPProviderSettings, store: any RecordEditing, clock: any RapportCore.Clock = SystemClock(),
        logger: Logger
    ) {
        self.channel = channel
        self.settings = settings
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    public func dispatch() async throws -> DispatchSummary {
        JSONStringContent.registerOnce
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: JSON_STRING}}" + settings.body)
        let channel = channel, store = store, now = clock.now
        let batch = try await NIOThreadPool.singleton.runIfActive {
            try store.editingRecords { editor -> [OutboxEntry] in
                let ledger = OutboxLedger(editor)
                let leftOver = try ledger.sendingBatches(on: channel).values.flatMap { $0 }
                let due = try ledger.due(on: channel, now: now, limit: .max)
                try ledger.markSending(due, batch: now.secondsSinceEpoch)
                return leftOver + due
            }
        }
        guard !batch.isEmpty else { return DispatchSummary() }
        let queue = WorkQueue(batch)
        let limiter = settings.ratePerSecond.map { RateLimiter(perSecond: $0) }
        return try await withThrowingTaskGroup(of: DispatchSummary.self) { group in
            for _ in 0..<max(1, min(settings.connections, batch.count)) {
                group.addTask {
                    var summary = DispatchSummary()
                    while let entry = await queue.next() {
                        if let limiter { await limiter.take() }
                        try await send(entry, template: template, into: &summary)
                    }
                    return summary
                }
            }
            var total = DispatchSummary()
            for try await part in group { total += part }
            return total
        }
    }

    private func send(_ entry: OutboxEntry, template: MustacheTemplate, into summary: inout DispatchSummary) async throws {
        let values: [String: Any] = [
            "to": entry.recipient, "text": entry.payload.sms ?? entry.payload.text ?? "", "key": entry.idempotencyKey,
            "campaign": entry.payload.campaign, "customer": entry.idempotencyKey.split(separator: ":").first.map(String.init) ?? "",
        ]
        var request = HTTPClientRequest(url: settings.url)
        request.method = HTTPMethod(rawValue: settings.method.uppercased())
        request.headers.add(name: "Content-Type", value: settings.contentType)
        request.headers.add(name: settings.idempotencyHeader, value: entry.idempotencyKey)
        for (name, value) in settings.headers { request.headers.add(name: name, value: HTTPProviderSettings.expand(value)) }
        request.body = .bytes(ByteBuffer(string: template.render(values)))
        let outcome: (permanent: Bool, error: String)?
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(settings.timeoutSeconds * 1000)))
            let code = Int(response.status.code)
            let text = String(buffer: try await response.body.collect(upTo: 64 * 1024))
            if (200..<300).contains(code) {
                outcome = nil
            } else {
                let transient = code >= 500 || code == 408 || code == 429
                outcome = (!transient, "HTTP \(code): \(text.prefix(200))")
            }
        } catch {
            outcome = (false, "\(error)")
        }
        let store = store, now = clock.now
        if let outcome {
            let retry = summary.retry(transient: !outcome.permanent, attempts: entry.attempts, maximum: settings.maximumAttempts, now: now)
            logger.notice("message not sent", metadata: ["contact": "\(entry.idempotencyKey)", "error": "\(outcome.error)"])
            try await NIOThreadPool.singleton.runIfActive {
                try store.editingRecords { editor in
                    try OutboxLedger(editor).markAttemptFailed(entry, error: outcome.error, retryAt: retry, now: now)
                }
            }
        } else {
            summary.sent += 1
            try await NIOThreadPool.singleton.runIfActive {
                try store.editingRecords { editor in try OutboxLedger(editor).markSent([entry], at: now) }
            }
        }
    }
}

/// Values inside a JSON string: quotes, backslashes and control characters escaped.
struct JSONStringContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    static let registerOnce: Void = { MustacheContentTypes.register(JSONStringContent(), named: "JSON_STRING") }()
}
