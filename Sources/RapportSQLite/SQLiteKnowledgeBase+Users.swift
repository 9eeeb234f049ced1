import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: UserStore {
    static func user(from row: Row) -> UserAccount {
        UserAccount(
            id: row["id"], email: row["email"], name: row["name"], role: Role(rawValue: row["role"]) ?? .analyst,
            passwordHash: row["password_hash"] ?? "", createdAt: Instant(secondsSinceEpoch: row["created_at"]),
            disabled: row["disabled"])
    }

    static func token(from row: Row) -> APITokenRecord {
        APITokenRecord(
            id: row["id"], userID: row["user_id"], name: row["label"] ?? "", tokenHash: row["token_hash"],
            prefix: row["prefix"], createdAt: Instant(secondsSinceEpoch: row["created_at"]),
            lastUsedAt: (row["last_used_at"] as Int64?).map(Instant.init(secondsSinceEpoch:)),
            revoked: (row["revoked_at"] as Int64?) != nil)
    }

    public func createUser(_ user: UserAccount) throws -> UserAccount {
        let email = user.email.lowercased()
        return try pool.write { db in
            if try db.cachedValue(Bool.self, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [email]) == true {
                throw UserStoreError.emailTaken(email)
            }
            try db.execute(
                sql: "INSERT INTO users (email, name, role, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [email, user.name, user.role.rawValue, user.passwordHash, user.createdAt.secondsSinceEpoch, user.disabled])
            var saved = user
            saved.id = db.lastInsertedRowID
            saved.email = email
            return saved
        }
    }

    public func updateUser(_ user: UserAccount) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE users SET name = ?, role = ?, password_hash = ?, disabled = ? WHERE id = ?",
                arguments: [user.name, user.role.rawValue, user.passwordHash, user.disabled, user.id])
            if db.changesCount == 0 { throw UserStoreError.noSuchUser("with id \(user.id)") }
        }
    }

    public func user(id: Int64) throws -> UserAccount? {
        try pool.read { db in try db.cachedRow(sql: "SELECT * FROM users WHERE id = ?", arguments: [id], Self.user(from:)) }
    }

    public func user(email: String) throws -> UserAccount? {
        try pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM users WHERE email = ?", arguments: [email.lowercased()], Self.user(from:))
        }
    }

    public func users() throws -> [UserAccount] {
        try pool.read { db in try db.cachedRows(sql: "SELECT * FROM users ORDER BY email", Self.user(from:)) }
    }

    public func createToken(_ token: APITokenRecord) throws -> APITokenRecord {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_tokens (user_id, label, token_hash, prefix, created_at, revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    token.userID, token.name, token.tokenHash, token.prefix, token.createdAt.secondsSinceEpoch,
                    token.revoked ? token.createdAt.secondsSinceEpoch : nil,
                ])
            var saved = token
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    public func authenticate(tokenHash: String, at now: Instant) throws -> (token: APITokenRecord, user: UserAccount)? {
        let found = try pool.read { db -> (APITokenRecord, UserAccount)? in
            let tokenSQL = """
                SELECT * FROM api_tokens
                WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
                """
            guard let token = try db.cachedRow(sql: tokenSQL, arguments: [tokenHash, now.secondsSinceEpoch], Self.token(from:)),
                let user = try db.cachedRow(
                    sql: "SELECT * FROM users WHERE id = ? AND disabled = 0", arguments: [token.userID], Self.user(from:))
            else { return nil }
            return (token, user)
        }
        guard let found else { return nil }
        var token = found.0
        let user = found.1
        // Last use is recorded to the minute: a token used on every request must not make every
        // read a write.
        if (token.lastUsedAt?.secondsSinceEpoch ?? .min) < now.secondsSinceEpoch - 60 {
            try pool.write { db in
                try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [now.secondsSinceEpoch, token.id])
            }
            token.lastUsedAt = now
        }
        return (token, user)
    }

    public func tokens(ofUser userID: Int64) throws -> [APITokenRecord] {
        try pool.read { db in
            try db.cachedRows(
                sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC", arguments: [userID],
                Self.token(from:))
        }
    }

    public func revokeToken(id: Int64, ofUser userID: Int64, at now: Instant) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                arguments: [now.secondsSinceEpoch, id, userID])
            return db.changesCount > 0
        }
    }
}
