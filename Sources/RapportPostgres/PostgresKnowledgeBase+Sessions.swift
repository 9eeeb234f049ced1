import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: SessionStore {
    public func createSession(key: String, value: [UInt8], expiresAt: Instant?) throws -> Bool {
        try execute(
            """
            INSERT INTO sessions (key, value, expires_at) VALUES (\(key), \(ByteBuffer(bytes: value)), \(expiresAt?.secondsSinceEpoch))
            ON CONFLICT (key) DO NOTHING
            """) == 1
    }

    public func setSession(key: String, value: [UInt8], expiresAt: Instant?) throws {
        try execute(
            """
            INSERT INTO sessions (key, value, expires_at) VALUES (\(key), \(ByteBuffer(bytes: value)), \(expiresAt?.secondsSinceEpoch))
            ON CONFLICT (key) DO UPDATE
            SET value = excluded.value, expires_at = coalesce(excluded.expires_at, sessions.expires_at)
            """)
    }

    public func session(key: String, at now: Instant) throws -> (value: [UInt8], expiresAt: Instant?)? {
        try rows(
            """
            SELECT value, expires_at FROM sessions
            WHERE key = \(key) AND (expires_at IS NULL OR expires_at > \(now.secondsSinceEpoch))
            """
        ) { row -> (value: [UInt8], expiresAt: Instant?) in
            let (value, expiresAt) = try row.decode((ByteBuffer, Int64?).self)
            return (Array(value.readableBytesView), expiresAt.map(Instant.init(secondsSinceEpoch:)))
        }.first
    }

    public func removeSession(key: String) throws {
        try execute("DELETE FROM sessions WHERE key = \(key)")
    }

    public func removeExpiredSessions(at now: Instant) throws -> Int {
        try execute("DELETE FROM sessions WHERE expires_at <= \(now.secondsSinceEpoch)")
    }
}
