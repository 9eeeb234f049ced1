import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import RapportCore
import RapportIngest
import RapportServer
import RapportSQLite

/// A demo base of a few hundred people with three users (one per role) and an API token each,
/// shared by the server tests: building it once keeps bcrypt and the import out of every test.
final class ServerFixture: Sendable {
    static let shared: ServerFixture = {
        do { return try ServerFixture() } catch { fatalError("server fixture: \(error)") }
    }()

    static let password = "correct horse battery"
    let store: SQLiteKnowledgeBase
    let configuration = ServerConfiguration(passwordCost: 4)
    let tokens: [Role: String]
    let directory: URL

    private init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteKnowledgeBase(path: directory.appendingPathComponent("kb.sqlite").path)
        let files = try DemoGenerator.generate(DemoConfiguration(customers: 300, seed: 9), into: directory.path)
        for (kind, file) in [
            (ImportKind.products, files.products), (.customers, files.customers), (.orders, files.orders),
            (.events, files.events), (.consents, files.consents),
        ] {
            _ = try Importer.run(kind, file: file, into: store)
        }
        var tokens: [Role: String] = [:]
        let now = SystemClock().now
        for role in Role.allCases {
            let user = try store.createUser(
                UserAccount(
                    email: "\(role.rawValue)@example.com", name: role.rawValue.capitalized, role: role,
                    passwordHash: Credentials.hashPassword(Self.password, cost: 4), createdAt: now))
            let token = Credentials.newToken()
            _ = try store.createToken(
                APITokenRecord(userID: user.id, name: "tests", tokenHash: Credentials.tokenHash(token), prefix: "rpt_", createdAt: now))
            tokens[role] = token
        }
        self.tokens = tokens
    }

    /// A fresh application over the shared base; sessions are per application unless `sessions`
    /// is given (``StoredSessions`` keeps them in the base, as `rapport serve` does).
    func application(sessions: (any PersistDriver)? = nil) -> some ApplicationProtocol {
        let router = ServerApplication.router(
            store: store, configuration: configuration, registry: PrometheusCollectorRegistry(),
            sessions: sessions ?? MemoryPersistDriver())
        return Application(router: router)
    }

    /// The served OpenAPI document.
    func openAPI() async throws -> [UInt8] {
        try await application().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { Array($0.body.readableBytesView) }
        }
    }

    func bearer(_ role: Role) -> HTTPFields {
        [.authorization: "Bearer \(tokens[role]!)"]
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}

extension TestResponse {
    /// The body as a JSON object (an empty one when it is not).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
}
