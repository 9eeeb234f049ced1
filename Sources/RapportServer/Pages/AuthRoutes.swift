import Hummingbird
import RapportCore

/// The login form, signing in (a session cookie) and signing out.
struct AuthRoutes {
    let store: any ServerStore
    let configuration: ServerConfiguration
    let text = Localization.english
    /// Checked when the e-mail is unknown, so that a wrong e-mail costs as long as a wrong
    /// password and answers do not tell which users exist.
    private let decoyHash: String

    init(store: any ServerStore, configuration: ServerConfiguration) {
        self.store = store
        self.configuration = configuration
        decoyHash = Credentials.hashPassword("not a password of anyone", cost: configuration.passwordCost)
    }

    func addPublic(to router: Router<ServerContext>) {
        router.get("login") { request, context in
            if context.identity != nil { return PageResponse.redirect(to: "/") }
            return PageResponse.html(loginPage(next: request.uri.queryParameters["next"].map(String.init), error: nil))
        }
        router.post("login", use: signIn)
        router.get("login/link", use: signInByLink)
    }

    /// `GET /login/link?token=rpl_…&next=/path`: signs in with a one-time link.
    @Sendable func signInByLink(_ request: Request, context: ServerContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let (store, now) = (self.store, SystemClock().now)
        guard let user = try await offload({ try SignInLinks.redeem(token, in: store, now: now) }), !user.disabled else {
            context.logger.notice("sign-in link refused")
            return PageResponse.html(loginPage(next: nil, error: text[.linkExpired]), status: .unauthorized)
        }
        context.sessions.createSession(
            WebSession(userID: user.id, csrf: Credentials.randomToken()), expiresIn: configuration.sessionLifetime)
        context.logger.info("signed in by link", metadata: ["user": "\(user.email)"])
        return PageResponse.redirect(to: AuthRedirect.safe(request.uri.queryParameters["next"].map(String.init)))
    }

    /// Signing out needs the session and its CSRF token, like any form.
    func addSignedIn(to group: RouterGroup<ServerContext>) {
        group.post("logout") { _, context in
            context.sessions.clearSession()
            return PageResponse.redirect(to: "/login")
        }
    }

    struct LoginForm: Decodable {
        var email: String
        var password: String
        var next: String?
    }

    @Sendable func signIn(_ request: Request, context: ServerContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        guard let form = try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: body)) else {
            return PageResponse.html(loginPage(next: nil, error: text[.wrongCredentials]), status: .badRequest)
        }
        let store = self.store
        let decoy = decoyHash
        let user = try await offload { () -> UserAccount? in
            let user = try store.user(email: form.email.trimmingASCIISpaces())
            let matches = Credentials.verifyPassword(form.password, hash: user?.passwordHash ?? decoy)
            guard let user, matches, !user.disabled else { return nil }
            return user
        }
        guard let user else {
            context.logger.notice("sign-in refused", metadata: ["email": "\(form.email)"])
            return PageResponse.html(loginPage(next: form.next, error: text[.wrongCredentials]), status: .unauthorized)
        }
        context.sessions.createSession(
            WebSession(userID: user.id, csrf: Credentials.randomToken()), expiresIn: configuration.sessionLifetime)
        context.logger.info("signed in", metadata: ["user": "\(user.email)", "role": "\(user.role.rawValue)"])
        return PageResponse.redirect(to: AuthRedirect.safe(form.next))
    }

    func loginPage(next: String?, error: String?) -> HTML {
        let message: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        let body: HTML = """
            \(message)
            <form method="post" action="/login" class="login">
            <p><label>\(text[.email])<br><input type="email" name="email" autocomplete="username" required autofocus></label></p>
            <p><label>\(text[.password])<br><input type="password" name="password" autocomplete="current-password" required></label></p>
            <input type="hidden" name="next" value="\(next ?? "/")">
            <p><button type="submit">\(text[.signIn])</button></p>
            </form>
            """
        return Layout(text: text, user: nil).page(title: text[.signIn], body)
    }
}

/// Where to go after signing in.
public enum AuthRedirect {
    /// `next` when it is a path of this site, `/` otherwise: never another host (`//evil.example`,
    /// `https://…`, `/\\evil.example`, which browsers read as `//`).
    public static func safe(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
