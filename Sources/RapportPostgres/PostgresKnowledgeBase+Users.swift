import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: UserStore {
    private static let userColumns = "id, email, name, role, password_hash, created_at, disabled"
    private static let tokenColumns = "id, user_id, label, token_hash, prefix, created_at, last_used_at, revoked_at"

    private static func user(from row: PostgresRow) throws -> UserAccount {
        let (id, email, name, role, passwordHash, createdAt, disabled) = try row.decode(
            (Int64, String, String, String, String?, Int64, Bool).self)
        return UserAccount(
            id: id, email: email, name: name, role: Role(rawValue: role) ?? .analyst, passwordHash: passwordHash ?? "",
            createdAt: Instant(secondsSinceEpoch: createdAt), disabled: disabled)
    }

    private static func token(from row: PostgresRow) throws -> APITokenRecord {
        let (id, userID, label, tokenHash, prefix, createdAt, lastUsedAt, revokedAt) = try row.decode(
            (Int64, Int64, String?, String, String, Int64, Int64?, Int64?).self)
        return APITokenRecord(
            id: id, userID: userID, name: label ?? "", tokenHash: tokenHash, prefix: prefix,
            createdAt: Instant(secondsSinceEpoch: createdAt), lastUsedAt: lastUsedAt.map(Instant.init(secondsSinceEpoch:)),
            revoked: revokedAt != nil)
    }

    /// Checks the e-mail first, as the SQLite store does; the `ON CONFLICT` only covers another
    /// process creating the same e-mail between that check and the insert.
    public func createUser(_ user: UserAccount) throws -> UserAccount {
        let email = user.email.lowercased()
        let logger = logger
        let id = try inTransaction { connection -> Int64 in
            let taken = try await connection.all("SELECT 1 FROM users WHERE email = \(email)", logger: logger) { _ in true }
            if !taken.isEmpty { throw UserStoreError.emailTaken(email) }
            let ids = try await connection.all(
                """
                INSERT INTO users (email, name, role, password_hash, created_at, disabled)
                VALUES (\(email), \(user.name), \(user.role.rawValue), \(user.passwordHash), \(user.createdAt.secondsSinceEpoch), \(user.disabled))
                ON CONFLICT (email) DO NOTHING RETURNING id
                """, logger: logger
            ) { try $0.decode(Int64.self) }
            guard let id = ids.first else { throw UserStoreError.emailTaken(email) }
            return id
        }
        var saved = user
        saved.id = id
        saved.email = email
        return saved
    }

    public func updateUser(_ user: UserAccount) throws {
        let changed = try execute(
            """
            UPDATE users SET name = \(user.name), role = \(user.role.rawValue), password_hash = \(user.passwordHash),
                disabled = \(user.disabled)
            WHERE id = \(user.id)
            """)
        if changed == 0 { throw UserStoreError.noSuchUser("with id \(user.id)") }
    }

    public func user(id: Int64) throws -> UserAccount? {
        try rows("SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id)", Self.user(from:)).first
    }

    public func user(email: String) throws -> UserAccount? {
        try rows("SELECT \(unescaped: Self.userColumns) FROM users WHERE email = \(email.lowercased())", Self.user(from:)).first
    }

    /// By e-mail in byte order (`COLLATE "C"`), as SQLite sorts text, whatever the database's collation.
    public func users() throws -> [UserAccount] {
        try rows("SELECT \(unescaped: Self.userColumns) FROM users ORDER BY email COLLATE \"C\"", Self.user(from:))
    }

    public func createToken(_ token: APITokenRecord) throws -> APITokenRecord {
        let revokedAt: Int64? = token.revoked ? token.createdAt.secondsSinceEpoch : nil
        let ids = try rows(
            """
            INSERT INTO api_tokens (user_id, label, token_hash, prefix, created_at, revoked_at)
            VALUES (\(token.userID), \(token.name), \(token.tokenHash), \(token.prefix), \(token.createdAt.secondsSinceEpoch), \(revokedAt))
            RETURNING id
            """
        ) { try $0.decode(Int64.self) }
        var saved = token
        saved.id = ids[0]
        return saved
    }

    public func authenticate(tokenHash: String, at now: Instant) throws -> (token: APITokenRecord, user: UserAccount)? {
        let logger = logger
        return try withConnection { connection -> (token: APITokenRecord, user: UserAccount)? in
            let tokens = try await connection.all(
                """
                SELECT \(unescaped: Self.tokenColumns) FROM api_tokens
                WHERE token_hash = \(tokenHash) AND revoked_at IS NULL
                    AND (expires_at IS NULL OR expires_at > \(now.secondsSinceEpoch))
                """, logger: logger, Self.token(from:))
            guard var token = tokens.first else { return nil }
            let users = try await connection.all(
                "SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(token.userID) AND NOT disabled", logger: logger,
                Self.user(from:))
            guard let user = users.first else { return nil }
            // Last use is recorded to the minute: a token used on every request must not make every
            // read a write.
            if (token.lastUsedAt?.secondsSinceEpoch ?? .min) < now.secondsSinceEpoch - 60 {
                try await connection.query(
                    "UPDATE api_tokens SET last_used_at = \(now.secondsSinceEpoch) WHERE id = \(token.id)", logger: logger)
                token.lastUsedAt = now
            }
            return (token, user)
        }
    }

    public func tokens(ofUser userID: Int64) throws -> [APITokenRecord] {
        try rows(
            """
            SELECT \(unescaped: Self.tokenColumns) FROM api_tokens WHERE user_id = \(userID)
            ORDER BY created_at DESC, id DESC
            """, Self.token(from:))
    }

    public func revokeToken(id: Int64, ofUser userID: Int64, at now: Instant) throws -> Bool {
        try execute(
            """
            UPDATE api_tokens SET revoked_at = \(now.secondsSinceEpoch)
            WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL
            """) > 0
    }
}

