public import Logging
public import RapportCore
import RapportChannels
import RapportEngine
public import ServiceLifecycle

/// Decides and sends campaigns inside `rapport serve`, as `rapport campaign run` and `rapport
/// campaign send` do from cron: every `interval`, one run (``CampaignOperations/run(store:now:)``),
/// then the due contacts rendered into the outbox and its e-mails sent when the e-mail channel is
/// configured. A run is one transaction and sending records each message before completing it, so
/// stopping the server at any moment loses nothing and sends nothing twice; the next tick resumes.
public struct CampaignScheduler: Service {
    private let store: any ServerStore
    private let clock: any RapportCore.Clock
    private let interval: Duration
    private let logger: Logger

    public init(store: any ServerStore, clock: any RapportCore.Clock = SystemClock(), interval: Duration, logger: Logger) {
        self.store = store
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await tick()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown while waiting: nothing is half done.
        }
    }

    /// One run now; failures are logged and retried at the next tick.
    public func tick() async {
        let store = store
        let now = clock.now
        do {
            let summary = try await offload { try CampaignOperations.run(store: store, now: now) }
            for wave in summary.plan.waves where wave.isDue {
                logger.info(
                    "campaign wave decided",
                    metadata: [
                        "campaign": "\(wave.campaign.definition.name)", "wave": "\(wave.wave + 1)", "targeted": "\(wave.targeted)",
                        "planned": "\(wave.planned)", "control": "\(wave.control)", "suppressed": "\(wave.suppressedTotal)",
                    ])
            }
        } catch {
            logger.error("campaign run failed; retried at the next tick", metadata: ["error": "\(error)"])
        }
        do {
            let fill = try await offload { try OutboxFiller().fill(store: store, now: now) }
            if fill.queuedTotal > 0 { logger.info("outbox filled", metadata: ["queued": "\(fill.queuedTotal)"]) }
            let email = try await offload {
                try store.editingRecords { try Settings($0).value(EmailChannelSettings.self, at: EmailChannelSettings.settingKey) }
            }
            for channel in [ContactChannel.phone, .mail] {
                let files = try await offload {
                    try store.editingRecords { try Settings($0).value(FileChannelSettings.self, at: FileChannelSettings.settingKey(channel)) }
                }
                guard let files else { continue }
                let clock = clock
                for (path, rows) in try await offload({ try FileChannelDispatcher(channel: channel, settings: files, store: store, clock: clock).dispatch() }) {
                    logger.info("contact file written", metadata: ["channel": "\(channel.rawValue)", "path": "\(path)", "rows": "\(rows)"])
                }
            }
            for channel in [ContactChannel.sms, .push] {
                let provider = try await offload {
                    try store.editingRecords { try Settings($0).value(HTTPProviderSettings.self, at: HTTPProviderSettings.settingKey(channel)) }
                }
                guard let provider else { continue }
                let sent = try await HTTPDispatcher(channel: channel, settings: provider, store: store, clock: clock, logger: logger).dispatch()
                if sent != DispatchSummary() {
                    logger.info(
                        "messages sent", metadata: ["channel": "\(channel.rawValue)", "sent": "\(sent.sent)", "deferred": "\(sent.deferred)", "failed": "\(sent.failed)"])
                }
            }
            if let email {
                let sent = try await EmailDispatcher(settings: email, store: store, clock: clock, logger: logger).dispatch()
                if sent != DispatchSummary() {
                    logger.info(
                        "e-mails sent", metadata: ["sent": "\(sent.sent)", "deferred": "\(sent.deferred)", "failed": "\(sent.failed)"])
                }
            }
        } catch {
            logger.error("sending failed; retried at the next tick", metadata: ["error": "\(error)"])
        }
    }
}
