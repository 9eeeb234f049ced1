public import Logging
public import RapportCore
import RapportEngine
public import ServiceLifecycle

/// Decides the due waves of scheduled campaigns inside `rapport serve`, as `rapport campaign run`
/// does from cron: every `interval`, one run (``CampaignOperations/run(store:now:)``) on the
/// blocking thread pool. A run is one transaction, so stopping the server at any moment leaves
/// each wave either decided with all its contacts or not decided at all; the next run resumes.
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
    }
}
