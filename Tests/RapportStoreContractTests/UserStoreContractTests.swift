import Foundation
import RapportCore
import Testing

/// The behaviour every ``UserStore`` must have, on every available store.
@Suite("User store contract")
struct UserStoreContractTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static func later(_ seconds: Int64) -> Instant { Instant(secondsSinceEpoch: now.secondsSinceEpoch + seconds) }

    static func account(_ email: String, name: String = "Ann", role: Role = .analyst, disabled: Bool = false) -> UserAccount {
        UserAccount(email: email, name: name, role: role, passwordHash: "$2b$12$hash-of-\(name)", createdAt: now, disabled: disabled)
    }

    static func token(of user: UserAccount, hash: String, name: String = "nightly export", at createdAt: Instant = now, revoked: Bool = false)
        -> APITokenRecord
    {
        APITokenRecord(
            userID: user.id, name: name, tokenHash: hash, prefix: "rpt_\(hash.prefix(4))", createdAt: createdAt, revoked: revoked)
    }

    @Test(arguments: StoreKind.available)
    func aNewUserGetsAnIdAndALowerCaseEmailAndIsFoundByEither(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("Ann.Martin@Example.FR", name: "Ann", role: .admin))
        let bob = try store.createUser(Self.account("bob@example.fr", name: "Bob", role: .marketer, disabled: true))
        #expect(ann.email == "ann.martin@example.fr")
        #expect(ann.id > 0 && bob.id > 0 && ann.id != bob.id)
        #expect(ann.name == "Ann" && ann.role == .admin && ann.passwordHash == "$2b$12$hash-of-Ann" && ann.createdAt == Self.now)
        #expect(try store.user(id: ann.id) == ann)
        #expect(try store.user(id: bob.id) == bob)
        #expect(try store.user(id: bob.id)?.disabled == true)
        #expect(try store.user(email: "ann.martin@example.fr") == ann)
        #expect(try store.user(email: "ANN.Martin@EXAMPLE.fr") == ann)
        #expect(try store.user(email: "BOB@example.fr") == bob)
        #expect(try store.user(email: "carol@example.fr") == nil)
        #expect(try store.user(id: ann.id + bob.id + 100) == nil)
    }

    @Test(arguments: StoreKind.available)
    func anEmailAlreadyTakenInAnyCaseIsRefused(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr"))
        #expect(throws: UserStoreError.emailTaken("ann@example.fr")) {
            try store.createUser(Self.account("ann@example.fr", name: "Other"))
        }
        #expect(throws: UserStoreError.emailTaken("ann@example.fr")) {
            try store.createUser(Self.account("ANN@Example.Fr", name: "Other"))
        }
        #expect(try store.users() == [ann])
    }

    @Test(arguments: StoreKind.available)
    func anUpdateChangesNameRolePasswordAndDisabledFlagOnly(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr", name: "Ann", role: .analyst))
        let bob = try store.createUser(Self.account("bob@example.fr", name: "Bob"))
        var changed = ann
        changed.name = "Ann Martin"
        changed.role = .admin
        changed.passwordHash = "$2b$12$new-hash"
        changed.disabled = true
        try store.updateUser(changed)
        #expect(try store.user(id: ann.id) == changed)
        #expect(try store.user(id: bob.id) == bob, "only that user changes")

        // The e-mail and creation time are not among what an update changes.
        var moved = changed
        moved.email = "someone.else@example.fr"
        moved.createdAt = Self.later(86_400)
        moved.disabled = false
        try store.updateUser(moved)
        var expected = changed
        expected.disabled = false
        #expect(try store.user(id: ann.id) == expected)
        #expect(try store.user(email: "someone.else@example.fr") == nil)

        var ghost = Self.account("ghost@example.fr")
        ghost.id = ann.id + bob.id + 100
        #expect {
            try store.updateUser(ghost)
        } throws: { error in
            if case UserStoreError.noSuchUser = error { true } else { false }
        }
        #expect(try store.users().count == 2)
    }

    @Test(arguments: StoreKind.available)
    func usersComeInEmailOrder(kind: StoreKind) throws {
        let store = try kind.make()
        for email in ["carol@example.fr", "Bob@example.fr", "ann@example.fr", "a.b@example.fr", "zoe@example.fr"] {
            _ = try store.createUser(Self.account(email))
        }
        // Byte order: "." (0x2E) sorts before letters.
        #expect(try store.users().map(\.email) == [
            "a.b@example.fr", "ann@example.fr", "bob@example.fr", "carol@example.fr", "zoe@example.fr",
        ])
    }

    @Test(arguments: StoreKind.available)
    func aTokenAuthenticatesItsOwnerUntilItIsRevoked(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr", role: .marketer))
        let created = try store.createToken(Self.token(of: ann, hash: "a1b2c3"))
        #expect(created.id > 0)
        #expect(created.tokenHash == "a1b2c3" && created.userID == ann.id && !created.revoked)

        let found = try #require(try store.authenticate(tokenHash: "a1b2c3", at: Self.later(10)))
        #expect(found.user == ann)
        var used = created
        used.lastUsedAt = found.token.lastUsedAt
        #expect(found.token == used, "the stored token with its last use")
        #expect(try store.authenticate(tokenHash: "ffffff", at: Self.later(10)) == nil)

        #expect(try store.revokeToken(id: created.id, ofUser: ann.id, at: Self.later(20)))
        #expect(try store.authenticate(tokenHash: "a1b2c3", at: Self.later(30)) == nil)
        #expect(try store.revokeToken(id: created.id, ofUser: ann.id, at: Self.later(40)) == false, "no longer live")
        #expect(try store.tokens(ofUser: ann.id).map(\.revoked) == [true])
    }

    @Test(arguments: StoreKind.available)
    func aTokenCreatedRevokedNeverAuthenticates(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr"))
        let token = try store.createToken(Self.token(of: ann, hash: "dead01", revoked: true))
        #expect(try store.authenticate(tokenHash: "dead01", at: Self.later(1)) == nil)
        #expect(try store.tokens(ofUser: ann.id) == [token])
        #expect(try store.revokeToken(id: token.id, ofUser: ann.id, at: Self.later(2)) == false)
    }

    @Test(arguments: StoreKind.available)
    func theTokensOfADisabledUserAreRefusedUntilTheyAreEnabledAgain(kind: StoreKind) throws {
        let store = try kind.make()
        var ann = try store.createUser(Self.account("ann@example.fr"))
        _ = try store.createToken(Self.token(of: ann, hash: "abcdef"))
        #expect(try store.authenticate(tokenHash: "abcdef", at: Self.later(1)) != nil)
        ann.disabled = true
        try store.updateUser(ann)
        #expect(try store.authenticate(tokenHash: "abcdef", at: Self.later(2)) == nil)
        ann.disabled = false
        try store.updateUser(ann)
        #expect(try store.authenticate(tokenHash: "abcdef", at: Self.later(3))?.user == ann)
    }

    /// No method of the protocol gives a token an expiry: the token is loaded as a copied base
    /// would bring it (``TableTransfer``).
    @Test(arguments: StoreKind.available)
    func anExpiredTokenIsRefused(kind: StoreKind) throws {
        let store = try kind.make()
        let users = try #require(StoredTable.knowledgeBase.first { $0.name == "users" })
        let tokens = try #require(StoredTable.knowledgeBase.first { $0.name == "api_tokens" })
        let created = Self.now.secondsSinceEpoch
        let expiry = Self.later(3600).secondsSinceEpoch
        try store.load([users, tokens]) { table, write in
            switch table.name {
            case "users":
                // id, email, name, role, password_hash, created_at, disabled
                try write([.integer(7), .text("ann@example.fr"), .text("Ann"), .text("analyst"), .text("h"), .integer(created), .integer(0)])
            default:
                // id, user_id, token_hash, label, created_at, expires_at, revoked_at, prefix, last_used_at
                try write([.integer(1), .integer(7), .text("expiring"), .text("ci"), .integer(created), .integer(expiry), .null, .text("rpt_"), .null])
                try write([.integer(2), .integer(7), .text("lasting"), .text("ci"), .integer(created), .null, .null, .text("rpt_"), .null])
            }
        }
        let before = try #require(try store.authenticate(tokenHash: "expiring", at: Self.later(60)))
        #expect(before.token.id == 1 && before.user.id == 7)
        #expect(try store.authenticate(tokenHash: "expiring", at: Self.later(7200)) == nil)
        #expect(try store.authenticate(tokenHash: "lasting", at: Self.later(7200))?.token.id == 2)
    }

    @Test(arguments: StoreKind.available)
    func theLastUseIsRecordedToTheMinute(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr"))
        let token = try store.createToken(Self.token(of: ann, hash: "c0ffee"))
        #expect(try store.tokens(ofUser: ann.id).first?.lastUsedAt == nil)
        func storedLastUse() throws -> Int64? { try store.tokens(ofUser: ann.id).first?.lastUsedAt?.secondsSinceEpoch }

        let first = Self.later(1000)
        _ = try #require(try store.authenticate(tokenHash: "c0ffee", at: first))
        let afterFirst = try #require(try storedLastUse())
        #expect((first.secondsSinceEpoch - 60...first.secondsSinceEpoch).contains(afterFirst))

        // Half a minute later: whatever is kept is still within a minute of that use.
        let soon = Self.later(1030)
        let again = try #require(try store.authenticate(tokenHash: "c0ffee", at: soon))
        let afterSoon = try #require(try storedLastUse())
        #expect((soon.secondsSinceEpoch - 60...soon.secondsSinceEpoch).contains(afterSoon))
        #expect(again.token.id == token.id)

        // Two minutes on, the first use is too old to stand for the last one.
        let late = Self.later(1150)
        _ = try #require(try store.authenticate(tokenHash: "c0ffee", at: late))
        let afterLate = try #require(try storedLastUse())
        #expect((late.secondsSinceEpoch - 60...late.secondsSinceEpoch).contains(afterLate))
    }

    @Test(arguments: StoreKind.available)
    func theTokensOfAUserComeNewestFirstRevokedOnesIncluded(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr"))
        let bob = try store.createUser(Self.account("bob@example.fr", name: "Bob"))
        let oldest = try store.createToken(Self.token(of: ann, hash: "aa01", name: "first", at: Self.now))
        let newest = try store.createToken(Self.token(of: ann, hash: "aa02", name: "third", at: Self.later(200), revoked: true))
        let middle = try store.createToken(Self.token(of: ann, hash: "aa03", name: "second", at: Self.later(100)))
        let bobs = try store.createToken(Self.token(of: bob, hash: "bb01", name: "bob's", at: Self.later(300)))
        #expect(try store.tokens(ofUser: ann.id) == [newest, middle, oldest])
        #expect(try store.revokeToken(id: oldest.id, ofUser: ann.id, at: Self.later(400)))
        #expect(try store.tokens(ofUser: ann.id).map(\.id) == [newest.id, middle.id, oldest.id])
        #expect(try store.tokens(ofUser: ann.id).map(\.revoked) == [true, false, true])
        #expect(try store.tokens(ofUser: bob.id) == [bobs])
        #expect(try store.tokens(ofUser: ann.id + bob.id + 100) == [])
    }

    @Test(arguments: StoreKind.available)
    func revokingAnUnknownTokenOrAnotherUsersTokenChangesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        let ann = try store.createUser(Self.account("ann@example.fr"))
        let bob = try store.createUser(Self.account("bob@example.fr", name: "Bob"))
        let annToken = try store.createToken(Self.token(of: ann, hash: "aa01"))
        let bobToken = try store.createToken(Self.token(of: bob, hash: "bb01"))
        #expect(try store.revokeToken(id: annToken.id + bobToken.id + 100, ofUser: ann.id, at: Self.later(1)) == false)
        #expect(try store.revokeToken(id: bobToken.id, ofUser: ann.id, at: Self.later(1)) == false)
        #expect(try store.authenticate(tokenHash: "bb01", at: Self.later(2))?.user == bob)
        #expect(try store.tokens(ofUser: bob.id).map(\.revoked) == [false])
        #expect(try store.revokeToken(id: bobToken.id, ofUser: bob.id, at: Self.later(3)))
        #expect(try store.authenticate(tokenHash: "bb01", at: Self.later(4)) == nil)
        #expect(try store.authenticate(tokenHash: "aa01", at: Self.later(4))?.user == ann)
    }
}
