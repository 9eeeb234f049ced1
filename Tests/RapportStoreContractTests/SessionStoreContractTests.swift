import Foundation
import RapportCore
import Testing

/// The behaviour every ``SessionStore`` must have, on every available store.
@Suite("Session store contract")
struct SessionStoreContractTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static func later(_ seconds: Int64) -> Instant { Instant(secondsSinceEpoch: now.secondsSinceEpoch + seconds) }

    /// Bytes that text formats treat specially: NUL, tab, newline, carriage return, backslash,
    /// quotes, `\N`, bytes that are not UTF-8.
    static let awkward: [UInt8] = [0, 9, 10, 13, 92, 255, 0, 92, 78, 34, 39, 0xC3, 0x28, 0x80, 0xFE, 0]

    @Test(arguments: StoreKind.available)
    func aNewSessionIsStoredOnceAndATakenKeyIsLeftAsItWas(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.createSession(key: "k1", value: [1, 2, 3], expiresAt: Self.later(3600)))
        #expect(try store.createSession(key: "k1", value: [9], expiresAt: Self.later(10)) == false)
        #expect(try store.createSession(key: "k1", value: [8], expiresAt: nil) == false)
        let stored = try #require(try store.session(key: "k1", at: Self.now))
        #expect(stored.value == [1, 2, 3])
        #expect(stored.expiresAt == Self.later(3600))
        #expect(try store.session(key: "k2", at: Self.now) == nil)
        #expect(try store.createSession(key: "k2", value: [4], expiresAt: nil))
        let lasting = try #require(try store.session(key: "k2", at: Self.later(1_000_000_000)))
        #expect(lasting.value == [4] && lasting.expiresAt == nil)
    }

    @Test(arguments: StoreKind.available)
    func settingReplacesTheValueAndANilExpiryKeepsTheOneThereWas(kind: StoreKind) throws {
        let store = try kind.make()
        try store.setSession(key: "s", value: [1], expiresAt: Self.later(100))
        var stored = try #require(try store.session(key: "s", at: Self.now))
        #expect(stored.value == [1] && stored.expiresAt == Self.later(100))

        try store.setSession(key: "s", value: [2, 3], expiresAt: nil)
        stored = try #require(try store.session(key: "s", at: Self.now))
        #expect(stored.value == [2, 3])
        #expect(stored.expiresAt == Self.later(100))

        try store.setSession(key: "s", value: [4], expiresAt: Self.later(500))
        stored = try #require(try store.session(key: "s", at: Self.later(200)))
        #expect(stored.value == [4] && stored.expiresAt == Self.later(500))

        // A session that had no expiry keeps having none.
        #expect(try store.createSession(key: "open", value: [5], expiresAt: nil))
        try store.setSession(key: "open", value: [6], expiresAt: nil)
        stored = try #require(try store.session(key: "open", at: Self.later(1_000_000)))
        #expect(stored.value == [6] && stored.expiresAt == nil)

        // Setting a key that was free stores it.
        try store.setSession(key: "fresh", value: [7], expiresAt: nil)
        stored = try #require(try store.session(key: "fresh", at: Self.now))
        #expect(stored.value == [7] && stored.expiresAt == nil)
        #expect(try store.session(key: "s", at: Self.later(200))?.value == [4], "the other sessions are untouched")
    }

    @Test(arguments: StoreKind.available)
    func anExpiredSessionIsNeverReturnedWhetherOrNotItWasDeleted(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.createSession(key: "short", value: [1], expiresAt: Self.later(60)))
        #expect(try store.createSession(key: "long", value: [2], expiresAt: Self.later(3600)))
        #expect(try store.createSession(key: "open", value: [3], expiresAt: nil))
        #expect(try store.session(key: "short", at: Self.later(59))?.value == [1])
        #expect(try store.session(key: "short", at: Self.later(61)) == nil)
        #expect(try store.session(key: "short", at: Self.later(100_000)) == nil)
        #expect(try store.session(key: "long", at: Self.later(61))?.value == [2])
        #expect(try store.session(key: "long", at: Self.later(3601)) == nil)
        #expect(try store.session(key: "open", at: Self.later(100_000))?.value == [3])
        // Reading at an earlier time still finds it: nothing was deleted.
        #expect(try store.session(key: "short", at: Self.later(30))?.value == [1])
    }

    @Test(arguments: StoreKind.available)
    func removingASessionFreesItsKeyAndLeavesTheOthers(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.createSession(key: "a", value: [1], expiresAt: nil))
        #expect(try store.createSession(key: "b", value: [2], expiresAt: nil))
        try store.removeSession(key: "a")
        #expect(try store.session(key: "a", at: Self.now) == nil)
        #expect(try store.session(key: "b", at: Self.now)?.value == [2])
        try store.removeSession(key: "no such key")
        #expect(try store.createSession(key: "a", value: [3], expiresAt: nil))
        #expect(try store.session(key: "a", at: Self.now)?.value == [3])
    }

    @Test(arguments: StoreKind.available)
    func removingExpiredSessionsCountsThemAndKeepsTheLiveOnes(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.createSession(key: "e1", value: [1], expiresAt: Self.later(10)))
        #expect(try store.createSession(key: "e2", value: [2], expiresAt: Self.later(20)))
        #expect(try store.createSession(key: "live", value: [3], expiresAt: Self.later(1000)))
        #expect(try store.createSession(key: "open", value: [4], expiresAt: nil))
        #expect(try store.removeExpiredSessions(at: Self.now) == 0)
        #expect(try store.removeExpiredSessions(at: Self.later(30)) == 2)
        #expect(try store.removeExpiredSessions(at: Self.later(30)) == 0)
        // Deleted, not only hidden: the keys are free again, and visible at an earlier time no more.
        #expect(try store.session(key: "e1", at: Self.now) == nil)
        #expect(try store.createSession(key: "e2", value: [5], expiresAt: nil))
        #expect(try store.session(key: "live", at: Self.later(30))?.value == [3])
        #expect(try store.session(key: "open", at: Self.later(30))?.value == [4])
        #expect(try store.removeExpiredSessions(at: Self.later(2000)) == 1)
        #expect(try store.session(key: "open", at: Self.later(2000))?.value == [4])
    }

    @Test(arguments: StoreKind.available)
    func valuesComeBackByteForByte(kind: StoreKind) throws {
        let store = try kind.make()
        let every = (0...255).map(UInt8.init)
        #expect(try store.createSession(key: "awkward", value: Self.awkward, expiresAt: Self.later(60)))
        #expect(try store.createSession(key: "every", value: every + every.reversed(), expiresAt: nil))
        #expect(try store.session(key: "awkward", at: Self.now)?.value == Self.awkward)
        #expect(try store.session(key: "every", at: Self.now)?.value == every + every.reversed())

        let replaced: [UInt8] = [255, 0, 92, 10, 9, 13, 0]
        try store.setSession(key: "awkward", value: replaced, expiresAt: nil)
        #expect(try store.session(key: "awkward", at: Self.now)?.value == replaced)
        try store.setSession(key: "new", value: Self.awkward.reversed(), expiresAt: Self.later(60))
        #expect(try store.session(key: "new", at: Self.now)?.value == Self.awkward.reversed())
    }

    @Test(arguments: StoreKind.available)
    func anEmptyValueComesBackEmpty(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.createSession(key: "empty", value: [], expiresAt: nil))
        #expect(try store.session(key: "empty", at: Self.now)?.value == [])
        try store.setSession(key: "set-empty", value: [], expiresAt: nil)
        #expect(try store.session(key: "set-empty", at: Self.now)?.value == [])
    }

    @Test(arguments: StoreKind.available)
    func keysAreOpaqueText(kind: StoreKind) throws {
        let store = try kind.make()
        let keys = ["K", "k", "k\t1", "k\n1", "k\\N", "clé-é", "k 1"]
        for (index, key) in keys.enumerated() {
            #expect(try store.createSession(key: key, value: [UInt8(index)], expiresAt: nil))
        }
        for (index, key) in keys.enumerated() {
            #expect(try store.session(key: key, at: Self.now)?.value == [UInt8(index)], "\(key.debugDescription)")
        }
    }
}
