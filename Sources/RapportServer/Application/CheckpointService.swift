public import Logging
public import RapportCore
public import ServiceLifecycle

/// Checkpoints the store's log every `interval` from a connection of its own, once the writer no
/// longer does (``BackgroundCheckpointing``): a commit then never waits for the main file to be
/// written and synced, which kept tracking answers waiting hundreds of milliseconds.
public struct CheckpointService: Service {
    private let store: any BackgroundCheckpointing
    private let interval: Duration
    private let logger: Logger

    public init(store: any BackgroundCheckpointing, interval: Duration = .seconds(1), logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let store = store
        try await offload { try store.moveCheckpointsOffTheWriter() }
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    do {
                        try await offload { try store.checkpoint() }
                    } catch {
                        logger.warning("checkpoint failed; tried again in a moment", metadata: ["error": "\(error)"])
                    }
                }
            }
        } catch is CancellationError {
            // Shutting down: the last checkpoint happens when the store closes.
        }
        try? await offload { try store.checkpoint() }
    }
}
