import Foundation
public import Hummingbird
public import RapportCore
import ServiceLifecycle

/// Hummingbird's session storage kept in the knowledge base (``SessionStore``), so that signed-in
/// users stay signed in across a restart of the server. The base holds the SHA-256 of each session
/// cookie, like API tokens, never the cookie itself. As a service, it deletes expired sessions
/// every ten minutes until the server shuts down.
public struct StoredSessions: PersistDriver {
    let store: any SessionStore
    let clock: any RapportCore.Clock

    public init(store: any SessionStore, clock: any RapportCore.Clock) {
        self.store = store
        self.clock = clock
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let (store, hash, bytes, expiresAt) = (store, Credentials.tokenHash(key), try encode(value), expiry(expires))
        guard try await offload({ try store.createSession(key: hash, value: bytes, expiresAt: expiresAt) }) else {
            throw PersistError.duplicate
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let (store, hash, bytes, expiresAt) = (store, Credentials.tokenHash(key), try encode(value), expiry(expires))
        try await offload { try store.setSession(key: hash, value: bytes, expiresAt: expiresAt) }
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let (store, hash, now) = (store, Credentials.tokenHash(key), clock.now)
        guard let found = try await offload({ try store.session(key: hash, at: now) }) else { return nil }
        // A value of another type, or one an older version wrote, reads as no session.
        guard let object = try? JSONDecoder().decode(Object.self, from: Data(found.value)) else { return nil }
        return (object, found.expiresAt.map { .seconds($0.secondsSinceEpoch - now.secondsSinceEpoch) })
    }

    public func remove(key: String) async throws {
        let (store, hash) = (store, Credentials.tokenHash(key))
        try await offload { try store.removeSession(key: hash) }
    }

    public func run() async throws {
        let (store, clock) = (store, clock)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            _ = try? await offload { try store.removeExpiredSessions(at: clock.now) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(600)) }
        }
    }

    private func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }

    /// The instant `expires` from now; whole seconds, rounded up so that a session never ends early.
    private func expiry(_ expires: Duration?) -> Instant? {
        expires.map { duration in
            let (seconds, attoseconds) = duration.components
            return Instant(secondsSinceEpoch: clock.now.secondsSinceEpoch + seconds + (attoseconds > 0 ? 1 : 0))
        }
    }
}
