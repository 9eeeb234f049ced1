import Hummingbird
import HummingbirdAuth
import RapportCore

/// Finds who is calling: an API token (`Authorization: Bearer …`) or the page session. A token
/// that is unknown, revoked or whose owner is disabled is refused outright rather than treated as
/// anonymous, so that an integration sees why it fails. A valid token is remembered for a few
/// seconds (``TokenCache``).
struct Authentication: RouterMiddleware {
    typealias Context = ServerContext
    let store: any ServerStore
    let clock: any RapportCore.Clock
    let tokens: TokenCache

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        if let bearer = request.headers.bearer {
            guard !bearer.token.hasPrefix(SignInLinks.prefix) else {
                throw APIError(.unauthorized, code: "unauthorized", message: "a sign-in link is not an API token: create one with `rapport user token`")
            }
            let hash = Credentials.tokenHash(bearer.token)
            let now = clock.now
            if let known = tokens.user(for: hash, at: now) {
                context.identity = known
            } else {
                let store = self.store
                guard let found = try await offload({ try store.authenticate(tokenHash: hash, at: now) }) else {
                    throw APIError(.unauthorized, code: "unauthorized", message: "that API token is unknown or revoked, or its owner is disabled")
                }
                let identity = AuthenticatedUser(user: found.user, credential: .token(id: found.token.id))
                tokens.remember(identity, for: hash, at: now)
                context.identity = identity
            }
        } else if let session = context.sessions.session {
            let store = self.store
            if let user = try await offload({ try store.user(id: session.userID) }), !user.disabled {
                context.identity = AuthenticatedUser(user: user, credential: .session(csrf: session.csrf))
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// Lets a request through only when its caller has at least `role`, and, for a state-changing
/// request made with the session cookie, only when it carries the session's CSRF token (the
/// `X-CSRF-Token` header or a `csrf` form field).
struct RequireRole: RouterMiddleware {
    typealias Context = ServerContext
    let role: Role

    init(_ role: Role) { self.role = role }

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let identity = context.identity else { throw APIError.unauthorized() }
        guard identity.role.allows(role) else { throw APIError.forbidden(role.rawValue) }
        var request = request
        if case .session(let expected) = identity.credential, !Self.isSafe(request.method) {
            try await Self.checkCSRF(&request, expected: expected)
        }
        return try await next(request, context)
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }

    static func checkCSRF(_ request: inout Request, expected: String) async throws {
        var presented = request.headers[.init("X-CSRF-Token")!]
        if presented == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            struct Field: Decodable { var csrf: String? }
            let body = try await request.collectBody(upTo: 1 << 20)
            presented = try? URLEncodedFormDecoder().decode(Field.self, from: String(buffer: body)).csrf
        }
        // A file upload form cannot be read before the file: it carries its token in its action URL.
        if presented == nil, request.headers[.contentType]?.hasPrefix("multipart/form-data") == true {
            presented = request.uri.queryParameters["csrf"].map(String.init)
        }
        guard let presented, Credentials.constantTimeEqual(presented, expected) else {
            throw APIError(.forbidden, code: "csrf", message: "the form is stale or came from elsewhere: reload the page and try again")
        }
    }
}
