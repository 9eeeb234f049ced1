import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportServer
import Testing

@Suite("Pages and sign-in")
struct PageTests {
    let fixture = ServerFixture.shared

    /// Signs in through the form and returns the session cookie and the page's CSRF token.
    static func signIn(_ client: some TestClientProtocol, email: String) async throws -> (cookie: String, csrf: String) {
        let body = "email=\(email.replacingOccurrences(of: "@", with: "%40"))&password=correct+horse+battery&next=%2Fcustomers"
        let cookie = try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/customers")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            return String(setCookie.split(separator: ";")[0])
        }
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { $0.body.text }
        let csrf = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        return (cookie, String(csrf))
    }

    @Test func pagesSendStrangersToTheLoginForm() async throws {
        try await fixture.application().test(.router) { client in
            for path in ["/", "/customers", "/customers/C000002"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .seeOther, "\(path)")
                    #expect(response.headers[.location] == "/login")
                }
            }
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("<form method=\"post\" action=\"/login\""))
            }
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingWhich() async throws {
        try await fixture.application().test(.router) { client in
            for email in ["analyst%40example.com", "nobody%40example.com"] {
                try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "email=\(email)&password=wrong+password")
                ) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.setCookie] == nil)
                    #expect(response.body.text.contains("do not match an active user"))
                }
            }
        }
    }

    @Test func aSignedInUserSeesTheDashboardListAndCustomer() async throws {
        try await fixture.application().test(.router) { client in
            let session = try await Self.signIn(client, email: "marketer@example.com")
            try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.status == .ok)
                let page = response.body.text
                #expect(page.contains("<h1>Dashboard</h1>"))
                #expect(page.contains("Signed in as Marketer (marketer)"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
            try await client.execute(uri: "/customers?search=C000002", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.body.text.contains("href=\"/customers/C000002\""))
            }
            try await client.execute(uri: "/customers/C000002", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("Consents in force"))
            }
            try await client.execute(uri: "/customers/NOBODY", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.status == .notFound)
                #expect(response.body.text.contains("There is nothing here."))
            }
        }
    }

    @Test func signingOutNeedsTheFormsToken() async throws {
        try await fixture.application().test(.router) { client in
            let session = try await Self.signIn(client, email: "analyst@example.com")
            try await client.execute(
                uri: "/logout", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=forged")
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/logout", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(session.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.status == .seeOther)
            }
        }
    }

    @Test func aRedirectAfterSignInStaysOnThisSite() {
        #expect(AuthRedirect.safe("/customers?kind=prospect") == "/customers?kind=prospect")
        #expect(AuthRedirect.safe("//evil.example/") == "/")
        #expect(AuthRedirect.safe("https://evil.example/") == "/")
        #expect(AuthRedirect.safe("/\\evil.example") == "/")
        #expect(AuthRedirect.safe(nil) == "/")
    }

    @Test func whatCustomersTypedIsEscaped() async throws {
        let now = SystemClock().now
        try fixture.store.importing { transaction in
            let id = try transaction.nextID(.customers)
            try transaction.insert(
                Customer(externalID: "X<1>", firstName: "<script>alert(1)</script>", lastName: "O'Hara & \"Sons\""),
                fields: .all, fingerprint: 1, id: id, now: now)
        }
        try await fixture.application().test(.router) { client in
            let session = try await Self.signIn(client, email: "analyst@example.com")
            try await client.execute(uri: "/customers?search=X%3C1%3E", method: .get, headers: [.cookie: session.cookie]) { response in
                let page = response.body.text
                #expect(!page.contains("<script>alert"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(page.contains("O&#39;Hara &amp; &quot;Sons&quot;"))
            }
        }
    }
}
