import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportEngine
import RapportServer
import Testing

@Suite("JSON API")
struct APITests {
    let fixture = ServerFixture.shared

    @Test func healthAndTheDocumentNeedNoSignIn() async throws {
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test func readingACustomerIsWrittenToTheAuditLog() async throws {
        let audit = ReadAudit(store: fixture.store)
        let router = ServerApplication.router(
            store: fixture.store, configuration: fixture.configuration, registry: .init(), sessions: MemoryPersistDriver(),
            readAudit: audit)
        let fixture = self.fixture
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/v1/customers/C000003", method: .get, headers: fixture.bearer(.analyst)) { response in
                #expect(response.status == .ok)
            }
        }
        await audit.flush()
        let id = try #require(try fixture.store.customerID(matching: "C000003"))
        let reads = try fixture.store.editingRecords { editor in try AuditTrail(editor).entries(about: AuditEntry.customer(id)) }
            .filter { $0.action == "read" }
        #expect(reads.count >= 1)
        #expect(reads.last?.details == #"{"via":"api"}"#)
        #expect(reads.last?.actor.contains("@") == true)
    }

    @Test func everyAPIRouteRefusesAnonymousAndUnknownTokens() async throws {
        let router = ServerApplication.router(
            store: fixture.store, configuration: fixture.configuration, registry: .init(), sessions: MemoryPersistDriver())
        let apiRoutes = router.routes
            .filter { $0.path.description.hasPrefix("/api/") || $0.path.description == "/metrics" }
            .map { (uri: $0.path.description.replacingOccurrences(of: "{reference}", with: "C000001"), method: $0.method) }
        #expect(!apiRoutes.isEmpty)
        try await fixture.application().test(.router) { client in
            for (uri, method) in apiRoutes {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri)")
                    #expect((response.json["error"] as? [String: Any])?["code"] as? String == "unauthorized")
                }
                try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer rpt_forged"]) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri) with a forged token")
                }
            }
        }
    }

    @Test func customerPagesFollowTheCursorToTheEndWithoutRepeats() async throws {
        // Other tests may add a customer meanwhile: the walk sees at least those before and at most those after.
        let before = try fixture.store.scalar("SELECT count(*) FROM customers") ?? 0
        let fixture = self.fixture
        let seen = try await fixture.application().test(.router) { client in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/customers?limit=40" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.execute(uri: uri, method: .get, headers: fixture.bearer(.analyst)) { response in
                    #expect(response.status == .ok)
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    #expect(items.count <= 40)
                    return (items.compactMap { $0["id"] as? String }, response.json["nextCursor"] as? String)
                }
                seen += page.0
                cursor = page.1
            } while cursor != nil && seen.count <= before + 10
            return seen
        }
        let after = try fixture.store.scalar("SELECT count(*) FROM customers") ?? 0
        #expect((before ... after).contains(Int64(seen.count)))
        #expect(Set(seen).count == seen.count)
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("cursor=42", "cursor"),
        ("kind=vip", "kind"), ("country=France", "country"), ("segment=nope", "segment"),
    ])
    func badParametersAnswer400NamingTheParameter(query: String, field: String) async throws {
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/customers?\(query)", method: .get, headers: fixture.bearer(.analyst)) { response in
                #expect(response.status == .badRequest)
                let error = response.json["error"] as? [String: Any]
                #expect(error?["field"] as? String == field)
                #expect((error?["message"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func filtersSelectWhatTheySay() async throws {
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/customers?kind=prospect&limit=500", method: .get, headers: fixture.bearer(.analyst)) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(!items.isEmpty)
                #expect(items.allSatisfy { $0["kind"] as? String == "prospect" })
            }
            try await client.execute(uri: "/api/v1/customers?search=C000002", method: .get, headers: fixture.bearer(.analyst)) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["id"] as? String } == ["C000002"])
            }
        }
    }

    @Test func theCustomerViewIsFoundByIdOrEmailAndValidates() async throws {
        let check = try SchemaCheck(openAPI: String(decoding: try await openAPI(), as: UTF8.self))
        let email = try #require(try fixture.store.customer360(id: 2, recentLimit: 1)?.customer.email?.value)
        try await fixture.application().test(.router) { client in
            for reference in ["C000002", email] {
                try await client.execute(uri: "/api/v1/customers/\(reference)", method: .get, headers: fixture.bearer(.analyst)) { response in
                    #expect(response.status == .ok)
                    let customer = response.json["customer"] as? [String: Any]
                    #expect(customer?["id"] as? String == "C000002")
                    let schema = try #require(check.responseSchema(path: "/api/v1/customers/{reference}", method: "get", status: 200))
                    #expect(check.problems(response.json, schema: schema) == [])
                }
            }
            try await client.execute(uri: "/api/v1/customers/NOBODY", method: .get, headers: fixture.bearer(.analyst)) { response in
                #expect(response.status == .notFound)
                let schema = try #require(check.responseSchema(path: "/api/v1/customers/{reference}", method: "get", status: 404))
                #expect(check.problems(response.json, schema: schema) == [])
            }
            try await client.execute(uri: "/api/v1/customers?limit=5", method: .get, headers: fixture.bearer(.analyst)) { response in
                let schema = try #require(check.responseSchema(path: "/api/v1/customers", method: "get", status: 200))
                #expect(check.problems(response.json, schema: schema) == [])
            }
        }
    }

    @Test func everyAPIRouteIsInTheDocument() async throws {
        let check = try SchemaCheck(openAPI: String(decoding: try await openAPI(), as: UTF8.self))
        let paths = check.document["paths"] as? [String: [String: Any]] ?? [:]
        let router = ServerApplication.router(
            store: fixture.store, configuration: fixture.configuration, registry: .init(), sessions: MemoryPersistDriver())
        for route in router.routes where !Self.isPage(route.path.description) {
            let operation = paths[route.path.description]?[route.method.rawValue.lowercased()]
            #expect(operation != nil, "\(route.method) \(route.path) is not in openapi.json")
        }
    }

    @Test func metricsNeedAToken() async throws {
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.bearer(.analyst)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
        }
    }

    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/api/") || path == "/openapi.json" || path == "/health" || path == "/metrics")
    }

    func openAPI() async throws -> [UInt8] { try await fixture.openAPI() }

    @Test func aKnownPathWithAnotherMethodAnswers405WithAllow() async throws {
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/health", method: .trace) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/api/v1/segments/someone", method: .put, headers: fixture.bearer(.admin)) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "DELETE, GET")
                #expect(response.json["error"] != nil)
            }
            try await client.execute(uri: "/api/v1/nowhere", method: .get, headers: fixture.bearer(.admin)) { response in
                #expect(response.status == .notFound, "an unknown path is still not found")
            }
        }
    }
}
