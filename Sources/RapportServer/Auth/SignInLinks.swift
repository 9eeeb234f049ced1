public import RapportCore

/// One-time sign-in links (`/login/link?token=rpl_…`): what `rapport user link` prints for someone
/// who cannot sign in with a password yet (a first login, a forgotten password, a scripted
/// browser). A link is stored hashed like an API token, works once, for ten minutes, and is never
/// accepted as an API token.
public enum SignInLinks {
    public static let prefix = "rpl_"
    public static let lifetimeSeconds: Int64 = 600

    /// Makes a link token for `user`; the caller prints it, nothing keeps it in clear.
    public static func create(for user: UserAccount, in store: some UserStore, now: Instant) throws -> String {
        let token = prefix + String(Credentials.newToken().dropFirst(4))
        _ = try store.createToken(
            APITokenRecord(userID: user.id, name: "sign-in link", tokenHash: Credentials.tokenHash(token), prefix: prefix, createdAt: now))
        return token
    }

    /// The user a link signs in, spending the link; nil when it is unknown, spent or too old.
    static func redeem(_ token: String, in store: any ServerStore, now: Instant) throws -> UserAccount? {
        guard token.hasPrefix(prefix), let found = try store.authenticate(tokenHash: Credentials.tokenHash(token), at: now) else { return nil }
        guard try store.revokeToken(id: found.token.id, ofUser: found.user.id, at: now) else { return nil }
        guard now.secondsSinceEpoch - found.token.createdAt.secondsSinceEpoch <= lifetimeSeconds else { return nil }
        return found.user
    }
}
