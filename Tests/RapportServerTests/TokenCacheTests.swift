import RapportCore
import Testing

@testable import RapportServer

/// Valid tokens are remembered for a few seconds, no longer, and the cache does not grow unbounded.
@Suite("Token cache")
struct TokenCacheTests {
    let start = Instant(secondsSinceEpoch: 1_700_000_000)

    func caller(_ id: Int64) -> AuthenticatedUser {
        let user = UserAccount(id: id, email: "u\(id)@example.com", name: "U", role: .analyst, passwordHash: "", createdAt: start)
        return AuthenticatedUser(user: user, credential: .token(id: id))
    }

    @Test func aTokenIsRememberedForItsLifetimeOnly() {
        let cache = TokenCache(lifetimeSeconds: 5)
        #expect(cache.user(for: "h1", at: start) == nil)
        cache.remember(caller(1), for: "h1", at: start)
        #expect(cache.user(for: "h1", at: Instant(secondsSinceEpoch: start.secondsSinceEpoch + 4)) == caller(1))
        #expect(cache.user(for: "h1", at: Instant(secondsSinceEpoch: start.secondsSinceEpoch + 5)) == nil, "expired: checked in the base again")
        #expect(cache.user(for: "h2", at: start) == nil)
    }

    @Test func aFullCacheStartsOver() {
        let cache = TokenCache(lifetimeSeconds: 60, capacity: 2)
        cache.remember(caller(1), for: "h1", at: start)
        cache.remember(caller(2), for: "h2", at: start)
        cache.remember(caller(3), for: "h3", at: start)
        #expect(cache.user(for: "h1", at: start) == nil)
        #expect(cache.user(for: "h3", at: start) == caller(3))
    }
}
