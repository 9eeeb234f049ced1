import NIOPosix
import RapportCore

/// Records sent messages in groups: each sender waits until its message is durably marked sent,
/// and every wait that arrives while a commit is running shares the next one. One transaction
/// per group instead of one per message is what lets several SMTP sessions run at thousands of
/// messages a second.
actor SendCommitter {
    private let store: any RecordEditing
    private let clock: any RapportCore.Clock
    private var waiting: [(entry: OutboxEntry, continuation: CheckedContinuation<Void, any Error>)] = []
    private var committing = false

    init(store: any RecordEditing, clock: any RapportCore.Clock) {
        self.store = store
        self.clock = clock
    }

    /// Returns once `entry` is recorded as sent; throws when the record failed (then the message
    /// must not be completed).
    func recordSent(_ entry: OutboxEntry) async throws {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((entry, continuation))
            if !committing {
                committing = true
                Task { await self.commitLoop() }
            }
        }
    }

    private func commitLoop() async {
        while !waiting.isEmpty {
            let group = waiting
            waiting = []
            let store = store, now = clock.now
            let entries = group.map(\.entry)
            do {
                try await NIOThreadPool.singleton.runIfActive {
                    try store.editingRecords { editor in try OutboxLedger(editor).markSent(entries, at: now) }
                }
                for item in group { item.continuation.resume() }
            } catch {
                for item in group { item.continuation.resume(throwing: error) }
            }
        }
        committing = false
    }
}

/// At most `rate` takes per second on average, bursts of up to one second's worth.
actor RateLimiter {
    private let rate: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(perSecond rate: Double) {
        self.rate = rate
        tokens = rate
        last = .now
    }

    func take() async {
        while true {
            let now = ContinuousClock.Instant.now
            let elapsed = now - last
            last = now
            tokens = min(rate, tokens + rate * (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
            if tokens >= 1 {
                tokens -= 1
                return
            }
            try? await Task.sleep(for: .seconds((1 - tokens) / rate))
        }
    }
}
