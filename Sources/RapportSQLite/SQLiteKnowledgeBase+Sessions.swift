import Foundation
import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: SessionStore {
    public func createSession(key: String, value: [UInt8], expiresAt: Instant?) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO sessions (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                arguments: [key, Data(value), expiresAt?.secondsSinceEpoch])
            return db.changesCount == 1
        }
    }

    public func setSession(key: String, value: [UInt8], expiresAt: Instant?) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (key, value, expires_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (key) DO UPDATE SET value = ?2, expires_at = coalesce(?3, expires_at)
                    """,
                arguments: [key, Data(value), expiresAt?.secondsSinceEpoch])
        }
    }

    public func session(key: String, at now: Instant) throws -> (value: [UInt8], expiresAt: Instant?)? {
        try pool.read { db in
            try db.cachedRow(
                sql: "SELECT value, expires_at FROM sessions WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
                arguments: [key, now.secondsSinceEpoch]
            ) { row in
                ([UInt8](row["value"] as Data), (row["expires_at"] as Int64?).map(Instant.init(secondsSinceEpoch:)))
            }
        }
    }

    public func removeSession(key: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE key = ?", arguments: [key]) }
    }

    public func removeExpiredSessions(at now: Instant) throws -> Int {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now.secondsSinceEpoch])
            return db.changesCount
        }
    }
}
