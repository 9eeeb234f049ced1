import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportServer
import Testing

/// The pages where marketers work: segments, imports, analytics, and sign-in links.
@Suite("Pages: segments, imports, analytics")
struct WorkPageTests {
    let fixture = ServerFixture.shared
    let unique = "P" + UUID().uuidString.prefix(8)

    @Test func aMarketerCreatesASegmentFromTheFormAndAnAnalystOnlyReads() async throws {
        let name = "\(unique) loyal"
        try await fixture.application().test(.router) { client in
            let marketer = try await PageTests.signIn(client, email: "marketer@example.com")
            let list = try await client.execute(uri: "/segments", method: .get, headers: [.cookie: marketer.cookie]) { $0.body.text }
            #expect(list.contains("action=\"/segments\""))

            let form = "csrf=\(marketer.csrf)&name=\(name.replacingOccurrences(of: " ", with: "+"))&definition=orders+%3E%3D+2&description="
            let location = try await client.execute(
                uri: "/segments", method: .post, headers: [.cookie: marketer.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: marketer.cookie]) { $0.body.text }
            #expect(page.contains(name))
            #expect(page.contains("orders &gt;= 2"))

            let bad = "csrf=\(marketer.csrf)&name=\(unique)-bad&definition=orders+%3E%3D"
            try await client.execute(
                uri: "/segments", method: .post, headers: [.cookie: marketer.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: bad)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.body.text.contains("role=\"alert\""))
                #expect(response.body.text.contains("orders &gt;="), "the form comes back as it was typed")
            }

            let analyst = try await PageTests.signIn(client, email: "analyst@example.com")
            let readOnly = try await client.execute(uri: "/segments", method: .get, headers: [.cookie: analyst.cookie]) { $0.body.text }
            #expect(readOnly.contains(name))
            #expect(!readOnly.contains("action=\"/segments\""), "an analyst sees no form")
            try await client.execute(
                uri: location + "/delete", method: .post,
                headers: [.cookie: analyst.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(analyst.csrf)")
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: location + "/delete", method: .post,
                headers: [.cookie: marketer.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(marketer.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        #expect(try fixture.store.segment(named: name) == nil)
    }

    @Test func aFileUploadedFromTheFormShowsItsRejectedRows() async throws {
        let boundary = "----rapport\(unique)"
        let csv = "customer_id,email\n\(unique)-1,fine@example.com\n\(unique)-2,<b>not-an-address</b>\n"
        let body = [
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncustomers\r\n",
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../crm export.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n",
            "--\(boundary)--\r\n",
        ].joined()
        try await fixture.application().test(.router) { client in
            let marketer = try await PageTests.signIn(client, email: "marketer@example.com")
            let imports = try await client.execute(uri: "/imports", method: .get, headers: [.cookie: marketer.cookie]) { $0.body.text }
            #expect(imports.contains("enctype=\"multipart/form-data\""))
            let headers: HTTPFields = [.cookie: marketer.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"]
            try await client.execute(uri: "/imports", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden, "without the token in the action URL")
            }
            let csrf = marketer.csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/imports?csrf=\(csrf)", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let page = response.body.text
                #expect(page.contains("crmexport.csv"), "the name is reduced to a safe file name")
                #expect(page.contains("&lt;b&gt;not-an-address&lt;/b&gt;"), "rejected values are escaped")
                #expect(page.contains("/api/v1/imports/"))
            }
        }
        #expect(try fixture.store.scalar("SELECT count(*) FROM customers WHERE external_id = '\(unique)-1'") == 1)
    }

    @Test func aSignInLinkWorksOnceAndIsNoAPIToken() async throws {
        let user = try #require(try fixture.store.user(email: "analyst@example.com"))
        let token = try SignInLinks.create(for: user, in: fixture.store, now: SystemClock().now)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .unauthorized)
            }
            let cookie = try await client.execute(uri: "/login/link?token=\(token)&next=%2Fsegments", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/segments")
                return String(response.headers[.setCookie]?.split(separator: ";").first ?? "")
            }
            try await client.execute(uri: "/segments", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/login/link?token=\(token)", method: .get) { response in
                #expect(response.status == .unauthorized, "a link works once")
            }
        }
    }

    @Test func theDashboardShowsActiveCustomers() async throws {
        try await fixture.application().test(.router) { client in
            let analyst = try await PageTests.signIn(client, email: "analyst@example.com")
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: analyst.cookie]) { $0.body.text }
            #expect(page.contains("Active customers"))
        }
    }
}
