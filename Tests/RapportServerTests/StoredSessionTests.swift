import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportServer
import RapportSQLite
import Testing

/// Sessions kept in the base: a restarted server keeps its users signed in, signing out ends the
/// session for every server, and the base never holds a cookie.
@Suite("Sessions kept in the base")
struct StoredSessionTests {
    let fixture = ServerFixture.shared

    @Test func aSessionOutlivesTheServerThatOpenedItAndEndsWithSignOut() async throws {
        let sessions = StoredSessions(store: fixture.store, clock: SystemClock())
        let session = try await fixture.application(sessions: sessions).test(.router) { client in
            try await PageTests.signIn(client, email: "analyst@example.com")
        }
        let cookieValue = String(session.cookie.split(separator: "=", maxSplits: 1)[1])
        #expect(try fixture.store.scalar("SELECT count(*) FROM sessions WHERE instr(key, '\(cookieValue)') > 0") == 0, "only a hash is stored")

        // Another application (a restart) over the same base and a new driver.
        let restarted = StoredSessions(store: fixture.store, clock: SystemClock())
        try await fixture.application(sessions: restarted).test(.router) { client in
            try await client.execute(uri: "/customers", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/logout", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(session.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        try await fixture.application(sessions: StoredSessions(store: fixture.store, clock: SystemClock())).test(.router) { client in
            try await client.execute(uri: "/customers", method: .get, headers: [.cookie: session.cookie]) { response in
                #expect(response.status == .seeOther, "signed out everywhere")
            }
        }
    }

    @Test func theStoreKeepsExpiryAndForgetsWhatExpired() throws {
        let store = try SQLiteKnowledgeBase(path: NSTemporaryDirectory() + "rapport-sessions-\(UUID().uuidString).sqlite")
        let now = Instant(secondsSinceEpoch: 1_800_000_000)
        let later = Instant(secondsSinceEpoch: now.secondsSinceEpoch + 60)
        #expect(try store.createSession(key: "a", value: [1], expiresAt: later))
        #expect(try store.createSession(key: "a", value: [2], expiresAt: nil) == false, "a taken key is refused")
        #expect(try store.session(key: "a", at: now)?.value == [1])

        try store.setSession(key: "a", value: [3], expiresAt: nil)
        #expect(try store.session(key: "a", at: now)?.expiresAt == later, "no expiry given: the old one stays")
        #expect(try store.session(key: "a", at: later) == nil, "expired at its instant")

        try store.setSession(key: "b", value: [4], expiresAt: nil)
        #expect(try store.removeExpiredSessions(at: later) == 1)
        #expect(try store.session(key: "b", at: later)?.value == [4], "no expiry: kept")
        try store.removeSession(key: "b")
        #expect(try store.session(key: "b", at: now) == nil)
    }
}
