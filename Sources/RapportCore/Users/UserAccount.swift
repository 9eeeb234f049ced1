/// What a user may do. Each role includes the rights of the ones below it.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Reads everything, changes nothing.
    case analyst
    /// Also changes customers, segments, imports and campaigns.
    case marketer
    /// Also manages users and API tokens.
    case admin

    private var rank: Int {
        switch self {
        case .analyst: 0
        case .marketer: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// True when this role has at least the rights of `required`.
    public func allows(_ required: Role) -> Bool { self >= required }
}

/// A person who signs in to the pages or owns API tokens. The password is only ever stored as a
/// hash (bcrypt); the store never sees it in clear.
public struct UserAccount: Sendable, Hashable {
    public var id: Int64
    /// Unique, compared in lower case: what the login form asks for.
    public var email: String
    public var name: String
    public var role: Role
    public var passwordHash: String
    public var createdAt: Instant
    /// A disabled user can neither sign in nor use their tokens.
    public var disabled: Bool

    public init(
        id: Int64 = 0, email: String, name: String, role: Role, passwordHash: String, createdAt: Instant,
        disabled: Bool = false
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabled = disabled
    }
}

/// An API token as stored: its SHA-256 hash, never the token itself, which is shown once.
public struct APITokenRecord: Sendable, Hashable {
    public var id: Int64
    public var userID: Int64
    /// What the token is for ("nightly export"), chosen by its owner.
    public var name: String
    /// Hex SHA-256 of the token.
    public var tokenHash: String
    /// The first characters of the token, to recognise it in a list.
    public var prefix: String
    public var createdAt: Instant
    public var lastUsedAt: Instant?
    public var revoked: Bool

    public init(
        id: Int64 = 0, userID: Int64, name: String, tokenHash: String, prefix: String, createdAt: Instant,
        lastUsedAt: Instant? = nil, revoked: Bool = false
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revoked = revoked
    }
}
