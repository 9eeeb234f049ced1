public import Hummingbird
public import HummingbirdAuth

/// What a page session remembers: who signed in and the token their forms must carry.
public struct WebSession: Codable, Sendable, Hashable {
    public var userID: Int64
    /// Compared with the `csrf` field (or `X-CSRF-Token` header) of every state-changing request
    /// made with the session cookie.
    public var csrf: String
}

/// The request context of every route: the authenticated user when there is one, and the page
/// session.
public struct ServerContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: AuthenticatedUser?
    public let sessions: SessionContext<WebSession>

    /// API answers are written by ``StreamingJSONEncoder``.
    public var responseEncoder: StreamingJSONEncoder { StreamingJSONEncoder() }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
    }
}
