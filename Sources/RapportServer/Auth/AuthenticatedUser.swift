public import RapportCore

/// Who is making a request, and how they proved it.
public struct AuthenticatedUser: Sendable, Hashable {
    public enum Credential: Sendable, Hashable {
        /// The page session cookie; state-changing requests must carry its CSRF token.
        case session(csrf: String)
        /// An API token (`Authorization: Bearer …`); no CSRF check, a browser never sends it on
        /// its own.
        case token(id: Int64)
    }

    public var user: UserAccount
    public var credential: Credential

    public var role: Role { user.role }
}
