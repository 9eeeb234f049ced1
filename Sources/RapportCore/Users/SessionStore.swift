/// Where signed-in sessions are kept, so that a restarted server keeps its users signed in. Keys
/// are opaque (the server stores a hash of the cookie, never the cookie); values are the session's
/// encoded state. An expired session is never returned, whether or not it was deleted yet.
public protocol SessionStore: Sendable {
    /// Stores a new session; false, and nothing changed, when `key` is already taken.
    func createSession(key: String, value: [UInt8], expiresAt: Instant?) throws -> Bool

    /// Stores `value` under `key`, replacing what was there. A nil `expiresAt` keeps the expiry
    /// the session already had.
    func setSession(key: String, value: [UInt8], expiresAt: Instant?) throws

    /// The value under `key` and its expiry, unless there is none or it expired before `now`.
    func session(key: String, at now: Instant) throws -> (value: [UInt8], expiresAt: Instant?)?

    func removeSession(key: String) throws

    /// Deletes the sessions that expired before `now`; returns how many.
    func removeExpiredSessions(at now: Instant) throws -> Int
}
