import Foundation
import RapportCore
import RapportEngine
import Synchronization

/// The tracking secret and settings, read from the base once and again after a minute, so that
/// `rapport tracking set` reaches a running server without a read per request.
final class TrackingKeys: Sendable {
    private struct Loaded: Sendable {
        let signer: TrackingSigner
        let settings: TrackingSettings
        let at: ContinuousClock.Instant
    }

    private let store: any ServerStore
    private let loaded = Mutex<Loaded?>(nil)
    private let lifetime: Duration

    init(store: any ServerStore, lifetime: Duration = .seconds(60)) {
        self.store = store
        self.lifetime = lifetime
    }

    /// The signer (the secret is made the first time, as the outbox does when it renders links).
    func current() async throws -> (signer: TrackingSigner, settings: TrackingSettings) {
        let now = ContinuousClock.now
        if let cached = loaded.withLock({ $0 }), cached.at.duration(to: now) < lifetime { return (cached.signer, cached.settings) }
        let store = self.store
        let (secret, settings) = try await offload {
            try store.editingRecords { editor in
                (try TrackingSettings.secret(editor, now: SystemClock().now), try TrackingSettings.load(editor))
            }
        }
        let fresh = Loaded(signer: TrackingSigner(secret: secret), settings: settings, at: now)
        loaded.withLock { $0 = fresh }
        return (fresh.signer, fresh.settings)
    }
}
