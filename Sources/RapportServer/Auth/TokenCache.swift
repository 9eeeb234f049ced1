import RapportCore
import Synchronization

/// API tokens recently found valid, by hash, for a few seconds: a tracker or an integration sends
/// its token on every request, and checking it in the base each time cost as much as a small
/// read. A token revoked, or a user disabled or given another role, takes effect once the entry
/// expires (`lifetime`, five seconds by default), in this process or another one.
final class TokenCache: Sendable {
    private struct Entry {
        var user: AuthenticatedUser
        var expires: Int64
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: Int64
    /// Beyond this many tokens, the cache is emptied rather than grown.
    private let capacity: Int

    init(lifetimeSeconds: Int64 = 5, capacity: Int = 10_000) {
        self.lifetime = lifetimeSeconds
        self.capacity = capacity
    }

    /// The caller behind `hash`, when it was found valid less than `lifetime` before `now`.
    func user(for hash: String, at now: Instant) -> AuthenticatedUser? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expires > now.secondsSinceEpoch else {
                entries[hash] = nil
                return nil
            }
            return entry.user
        }
    }

    func remember(_ user: AuthenticatedUser, for hash: String, at now: Instant) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(user: user, expires: now.secondsSinceEpoch + lifetime)
        }
    }
}
