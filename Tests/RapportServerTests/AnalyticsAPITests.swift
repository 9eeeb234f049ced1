import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportServer
import Testing

/// Analytics, segments and imports through the API.
@Suite("JSON API: analytics, segments, imports")
struct AnalyticsAPITests {
    let fixture = ServerFixture.shared
    let unique = "S" + UUID().uuidString.prefix(8)

    func send(
        _ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method, body: String? = nil,
        role: Role = .marketer, contentType: String = "application/json"
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any], text: String) {
        var headers = fixture.bearer(role)
        if body != nil { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            (response.status, response.json, response.body.text)
        }
    }

    @Test func theOverviewAddsUpWithTheBase() async throws {
        let check = try SchemaCheck(openAPI: String(decoding: try await fixture.openAPI(), as: UTF8.self))
        let orders = try fixture.store.scalar("SELECT count(*) FROM orders") ?? 0
        try await fixture.application().test(.router) { client in
            let answer = try await send(client, "/api/v1/analytics/overview", method: .get, role: .analyst)
            #expect(answer.status == .ok)
            #expect((answer.json["orders"] as? Int).map(Int64.init) ?? -1 >= orders)
            let insights = try #require(answer.json["insights"] as? [String: Any])
            #expect((insights["months"] as? [Any])?.count == 24)
            #expect((insights["cohorts"] as? [Any])?.count == 12)
            let active = try #require(answer.json["activeCustomers"] as? Int)
            #expect(active > 0 && active <= answer.json["buyers"] as? Int ?? 0)
            let schema = try #require(check.responseSchema(path: "/api/v1/analytics/overview", method: "get", status: 200))
            #expect(check.problems(answer.json, schema: schema) == [])
            let latest = try await send(client, "/api/v1/analytics/latest", method: .get, role: .analyst)
            #expect(latest.status == .notFound, "no analysis has run on the fixture")
        }
    }

    @Test func scoresOfACustomerAnswerEvenWhenThereAreNone() async throws {
        try await fixture.application().test(.router) { client in
            let answer = try await send(client, "/api/v1/customers/C000003/scores", method: .get, role: .analyst)
            #expect(answer.status == .ok)
            #expect(answer.json["customer"] as? String == "C000003")
            #expect((answer.json["history"] as? [Any])?.isEmpty == true)
            let missing = try await send(client, "/api/v1/customers/\(unique)/scores", method: .get, role: .analyst)
            #expect(missing.status == .notFound)
        }
    }

    @Test func aSegmentIsCreatedListedRefreshedAndDeleted() async throws {
        let name = "\(unique) buyers"
        let check = try SchemaCheck(openAPI: String(decoding: try await fixture.openAPI(), as: UTF8.self))
        let buyers = try fixture.store.scalar("SELECT count(DISTINCT customer_id) FROM orders") ?? 0
        try await fixture.application().test(.router) { client in
            let body = #"{"name": "\#(name)", "definition": "orders >= 1", "description": "everyone who bought"}"#
            var answer = try await send(client, "/api/v1/segments", method: .post, body: body, role: .analyst)
            #expect(answer.status == .forbidden)
            answer = try await send(client, "/api/v1/segments", method: .post, body: body)
            #expect(answer.status == .created)
            #expect((1...buyers).contains((answer.json["size"] as? Int).map(Int64.init) ?? -1))
            let created = try #require(check.responseSchema(path: "/api/v1/segments", method: "post", status: 201))
            #expect(check.problems(answer.json, schema: created) == [])

            answer = try await send(client, "/api/v1/segments", method: .post, body: body)
            #expect(answer.status == .conflict)
            answer = try await send(client, "/api/v1/segments", method: .post, body: #"{"name": "\#(unique) bad", "definition": "orders >= "}"#)
            #expect(answer.status == .unprocessableContent)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "definition")

            let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            answer = try await send(client, "/api/v1/segments", method: .get, role: .analyst)
            #expect((answer.json["items"] as? [[String: Any]])?.contains { $0["name"] as? String == name } == true)
            answer = try await send(client, "/api/v1/segments/\(encoded)/refresh?as_of=2030-01-01", method: .post)
            #expect(answer.status == .ok)
            #expect((answer.json["snapshots"] as? [Any])?.count == 2)
            answer = try await send(client, "/api/v1/segments/\(encoded)/refresh?as_of=soon", method: .post)
            #expect(answer.status == .badRequest)
            answer = try await send(client, "/api/v1/segments/\(encoded)", method: .get, role: .analyst)
            #expect(answer.json["definition"] as? String == "orders", "saved as printed canonically")
            let shown = try #require(check.responseSchema(path: "/api/v1/segments/{name}", method: "get", status: 200))
            #expect(check.problems(answer.json, schema: shown) == [])

            answer = try await send(client, "/api/v1/customers?segment=\(encoded)&limit=5", method: .get, role: .analyst)
            #expect((answer.json["items"] as? [Any])?.count == 5)

            answer = try await send(client, "/api/v1/segments/\(encoded)", method: .delete)
            #expect(answer.status == .noContent)
            answer = try await send(client, "/api/v1/segments/\(encoded)", method: .get, role: .analyst)
            #expect(answer.status == .notFound)
        }
    }

    @Test func anUploadedFileIsImportedAndItsRejectsCanBeDownloaded() async throws {
        let csv = "customer_id,email,city\n\(unique)-1,one@example.com,Lyon\n\(unique)-2,broken-address,Nantes\n"
        try await fixture.application().test(.router) { client in
            var answer = try await send(client, "/api/v1/imports?kind=customers&name=crm.csv", method: .post, body: csv, contentType: "text/csv")
            #expect(answer.status == .ok)
            #expect(answer.json["inserted"] as? Int == 1)
            #expect(answer.json["rejected"] as? Int == 1)
            let url = try #require(answer.json["rejectsURL"] as? String)
            let rejects = try await send(client, url, method: .get, role: .analyst)
            #expect(rejects.status == .ok)
            #expect(rejects.text.hasPrefix("line,field,value,reason,row"))
            #expect(rejects.text.contains("broken-address"))

            answer = try await send(client, "/api/v1/imports?limit=5", method: .get, role: .analyst)
            #expect((answer.json["items"] as? [[String: Any]])?.first?["file"] as? String == "crm.csv")

            answer = try await send(client, "/api/v1/imports?kind=customers", method: .post, body: "nothing,we,know\n1,2,3\n", contentType: "text/csv")
            #expect(answer.status == .unprocessableContent)
            answer = try await send(client, "/api/v1/imports?kind=people", method: .post, body: csv, contentType: "text/csv")
            #expect(answer.status == .badRequest)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "kind")
            answer = try await send(client, "/api/v1/imports?kind=customers", method: .post, body: csv, role: .analyst, contentType: "text/csv")
            #expect(answer.status == .forbidden)
            answer = try await send(client, "/api/v1/imports/999999/rejects", method: .get, role: .analyst)
            #expect(answer.status == .notFound)
        }
        #expect(try fixture.store.scalar("SELECT count(*) FROM customers WHERE external_id = '\(unique)-1'") == 1)
    }
}
