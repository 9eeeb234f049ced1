/// Why a change to users or tokens was refused.
public enum UserStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case emailTaken(String)
    case noSuchUser(String)

    public var description: String {
        switch self {
        case .emailTaken(let email): "a user with e-mail \(email) already exists: choose another or update that user"
        case .noSuchUser(let reference): "no user \(reference)"
        }
    }
}

/// Users and their API tokens, kept by each store with the same behaviour.
public protocol UserStore: Sendable {
    /// Adds a user; the e-mail must not be taken (compared in lower case). Returns it with its id.
    func createUser(_ user: UserAccount) throws -> UserAccount
    /// Changes the name, role, password hash or disabled flag of an existing user.
    func updateUser(_ user: UserAccount) throws
    func user(id: Int64) throws -> UserAccount?
    func user(email: String) throws -> UserAccount?
    /// Every user, by e-mail.
    func users() throws -> [UserAccount]

    /// Stores a token's hash; returns it with its id.
    func createToken(_ token: APITokenRecord) throws -> APITokenRecord
    /// The token with this hash and its owner, when it exists, is neither revoked nor expired at
    /// `now` and the owner is not disabled; records `now` as its last use (to the minute).
    func authenticate(tokenHash: String, at now: Instant) throws -> (token: APITokenRecord, user: UserAccount)?
    /// The tokens of one user, newest first, revoked ones included.
    func tokens(ofUser userID: Int64) throws -> [APITokenRecord]
    /// Revokes a token of a user from `now` on; false when they have no such live token.
    func revokeToken(id: Int64, ofUser userID: Int64, at now: Instant) throws -> Bool
}
