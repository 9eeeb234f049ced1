import Foundation
import RapportCore
import Testing

/// The behaviour every ``TableTransfer`` must have: a whole base copied from any store into any
/// other reads back row for row, and the copy numbers new rows past the copied ones.
@Suite("Table transfer contract")
struct TableTransferContractTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)
    static func later(_ seconds: Int64) -> Instant { Instant(secondsSinceEpoch: now.secondsSinceEpoch + seconds) }
    static func day(_ d: Int) -> Instant { Instant(CalendarDate(year: 2025, month: 3, day: d)!) }

    /// Text that line- and tab-separated formats must escape.
    static let awkwardText = "tab\there\nnew line \\ backslash \\N not null \r end"
    /// Bytes that text formats treat specially, and bytes that are not UTF-8.
    static let awkwardBytes: [UInt8] = [0, 9, 10, 13, 92, 255, 0, 92, 78, 34, 39, 0xC3, 0x28, 0x80]

    static func table(_ name: String) throws -> StoredTable {
        try #require(StoredTable.knowledgeBase.first { $0.name == name })
    }

    static func rows(of table: StoredTable, in store: any RapportStore) throws -> [[StoredValue]] {
        var rows: [[StoredValue]] = []
        try store.readRows(of: table) { rows.append($0) }
        return rows
    }

    struct Pair: CustomTestStringConvertible, Sendable {
        let source: StoreKind
        let target: StoreKind
        var testDescription: String { "\(source.rawValue) → \(target.rawValue)" }

        static var available: [Pair] {
            StoreKind.available.flatMap { source in StoreKind.available.map { Pair(source: source, target: $0) } }
        }
    }

    /// What the seeded base holds, to check the copy against.
    struct Seeded {
        let store: any RapportStore
        let ann: UserAccount
        let sessionKeys: [String]
        let zeta: SegmentRecord
    }

    /// A base with a row in every table, written through the stores' own methods, each table's
    /// rows written out of key order where the store would keep that order. Merges, the audit
    /// log, aliases, duplicate candidates and contact restrictions, which the stores' own methods
    /// do not write, are loaded first.
    static func seeded(_ kind: StoreKind) throws -> Seeded {
        let store = try kind.make()
        let organised = [
            "merges", "audit_log", "customer_aliases", "duplicate_candidates", "contact_restrictions", "programmes", "campaigns",
            "campaign_waves", "contacts", "settings", "outbox", "journey_states", "responses", "customer_feedback",
        ]
        try store.load(try organised.map(table)) { table, write in
            let at = now.secondsSinceEpoch
            switch table.name {
            case "customer_aliases":
                // external_id, customer_id, fingerprint, merge_id
                try write([.text("C9\tmerged"), .integer(1), .integer(-42), .integer(2)])
                try write([.text("C8"), .integer(3), .integer(7), .integer(5)])
            case "duplicate_candidates":
                // customer_id, other_id, score, evidence, status, found_at, decided_at, decided_by
                try write([.integer(3), .integer(4), .real(12.5), .text(#"[{"field":"email","outcome":"agrees","weight":14}]"#), .text("pending"), .integer(at), .null, .null])
                try write([.integer(1), .integer(3), .real(-1), .text("[]"), .text("rejected"), .integer(at), .integer(at + 1), .text(awkwardText)])
            case "contact_restrictions":
                // customer_id, reason, source, at
                try write([.integer(3), .text("do_not_contact"), .text(awkwardText), .integer(at)])
                try write([.integer(2), .text("erased"), .null, .integer(at)])
            case "programmes":
                // id, name, definition, created_at, updated_at
                try write([.integer(3), .text("Win\tback"), .text(#"{"name":"Win\tback","budget":12.5}"#), .integer(at), .integer(at + 1)])
                try write([.integer(1), .text(awkwardText), .text("{}"), .integer(at), .integer(at)])
            case "campaigns":
                // id, name, programme_id, status, definition, created_at, updated_at
                try write([.integer(2), .text("Spring"), .integer(3), .text("scheduled"), .text(#"{"name":"Spring"}"#), .integer(at), .integer(at)])
                try write([.integer(1), .text(awkwardText), .null, .text("draft"), .text("{}"), .integer(at), .integer(at)])
            case "campaign_waves":
                // campaign_id, wave, due_at, decided_at, targeted, kept, spent
                try write([.integer(2), .integer(1), .integer(at), .integer(at + 5), .integer(10), .integer(7), .real(0.35)])
                try write([.integer(2), .integer(0), .integer(at - 86_400), .integer(at), .integer(12), .integer(0), .real(0)])
            case "contacts":
                // customer_id, id, campaign_id, wave, channel, message, variant, purpose, status, rule, planned_at,
                // decided_at, sent_at, cost, expected_value, idempotency_key
                try write([
                    .integer(3), .integer(2), .integer(2), .integer(0), .text("sms"), .text("Spring#1"), .text("A"), .text("marketing"),
                    .text("planned"), .null, .integer(at), .integer(at), .integer(at + 60), .real(0.06), .real(1.25), .text("3:2:0"),
                ])
                try write([
                    .integer(1), .integer(1), .integer(2), .integer(0), .null, .text(awkwardText), .null, .text("marketing"),
                    .text("suppressed"), .text("cap: at most 3 contacts in 7 days"), .integer(at), .integer(at), .null, .real(0), .real(0),
                    .text("1:2:0"),
                ])
            case "outbox":
                // customer_id, contact_id, channel, lane, recipient, payload, idempotency_key, state, attempts,
                // next_attempt_at, last_error, sent_at
                try write([
                    .integer(3), .integer(2), .text("sms"), .text("marketing"), .text("+33612345678"), .text(#"{"sms":"Hi\nthere"}"#),
                    .text("3:2:0"), .text("sent"), .integer(1), .integer(at), .null, .integer(at + 60),
                ])
                try write([
                    .integer(1), .integer(1), .text("email"), .text("transactional"), .text(awkwardText), .text("{}"), .text("1:2:0"),
                    .text("pending"), .integer(2), .integer(at + 30), .text(awkwardText), .null,
                ])
            case "responses":
                // customer_id, contact_id, kind, at, campaign_id, channel, detail
                try write([.integer(3), .integer(2), .text("opened"), .integer(at + 5), .integer(2), .text("email"), .null])
                try write([.integer(3), .integer(2), .text("clicked"), .integer(at), .integer(2), .text("email"), .text(#"{"url":"https://x.example/?a=1&b=\"2\""}"#)])
                try write([.integer(1), .integer(1), .text("answered"), .integer(at), .integer(2), .null, .text(awkwardText)])
            case "customer_feedback":
                // customer_id, engagement, engagement_at, satisfaction, satisfaction_at, fatigue_signals, last_fatigue_at, updated_at
                try write([.integer(3), .real(4.25), .integer(at), .real(0.9), .integer(at), .integer(0), .null, .integer(at)])
                try write([.integer(1), .real(0), .integer(at), .null, .null, .integer(2), .integer(at - 5), .integer(at)])
            case "journey_states":
                // customer_id, campaign_id, step, since, wake_at, status, entered_at
                try write([.integer(3), .integer(2), .text("wait\t2"), .integer(at), .integer(at + 3600), .text("active"), .integer(at - 60)])
                try write([.integer(1), .integer(2), .text(awkwardText), .integer(at), .integer(at), .text("done"), .integer(at - 60)])
            case "settings":
                // key, value, updated_at
                try write([.text("pressure_policy"), .text(#"{"globalHoldout":0.1}"#), .integer(at)])
            case "merges":
                // id, survivor_id, absorbed_id, rule, at, undone_at, snapshot
                try write([.integer(5), .integer(3), .integer(8), .text("same phone"), .integer(at), .integer(at + 10), .text("{}")])
                try write([.integer(2), .integer(1), .integer(9), .text("same\te-mail"), .integer(at), .null, .text(#"{"absorbed":{"external_id":"C9","note":"a\\b"}}"#)])
            default:
                // id, at, actor, action, subject, details
                try write([.integer(4), .integer(at), .text("ann@example.fr"), .text("user.create"), .text("bob@example.fr"), .text(#"{"role":"marketer"}"#)])
                try write([.integer(1), .integer(at), .text("rapport"), .text("import"), .text(awkwardText), .text("{}")])
            }
        }

        try store.importing { tx in
            let customers = [
                Customer(externalID: "C3", kind: .former, firstName: "Émile", city: "Annecy"),
                Customer(
                    externalID: "C1", kind: .prospect, firstName: awkwardText, lastName: "O'Brien \"Jr\"",
                    email: try EmailAddress("ann@example.fr"), phone: try PhoneNumber("+33612345678"),
                    birthDate: CalendarDate(year: 1980, month: 5, day: 17), gender: .female, postcode: "01000", city: "Bourg",
                    country: try CountryCode("FR"), timezone: "Europe/Paris", preferredChannel: .sms, createdAt: day(1),
                    attributesJSON: #"{"note":"a\tb\\c\nd","score":1.5,"vip":true,"zz":null}"#),
                Customer(externalID: "C\t2", email: try EmailAddress("bob@example.be"), attributesJSON: #"{"b":[1,2,{"c":"é"}]}"#),
            ]
            for (customer, id) in zip(customers, [3, 1, 2] as [Int64]) {
                try tx.insert(customer, fields: .all, fingerprint: -id * 1_000_000_007, id: id, now: now)
            }
            try tx.insert(Product(sku: "P2", name: "Plate"), fingerprint: 2, id: 2, now: now)
            try tx.insert(
                Product(sku: "P1", name: "Cup\\mug", category: "Table\tware", price: 12.5, unitCost: 1.0 / 3.0), fingerprint: 1, id: 1,
                now: now)
            try tx.insert(
                Order(externalID: "O1", customerExternalID: "C3", placedAt: day(2), total: 0.1 + 0.2, lines: [OrderLine(sku: "P2", quantity: 1, amount: 0.3)]),
                fingerprint: 11, id: 1, customerID: 3, productIDs: [2])
            try tx.insert(
                Order(
                    externalID: "O2", customerExternalID: "C1", placedAt: day(5), channel: "web", store: "Paris\n2", status: .returned,
                    total: 37.5, margin: 4.25, items: 3, currency: "EUR",
                    lines: [OrderLine(sku: "P1", quantity: 2, amount: 25), OrderLine(sku: "P2", quantity: 1, amount: 12.5)]),
                fingerprint: 12, id: 2, customerID: 1, productIDs: [1, 2])
            try tx.insert(
                Order(externalID: "O3", customerExternalID: "C1", placedAt: day(7), total: 10, lines: [OrderLine(sku: "P1", quantity: 1, amount: 10)]),
                fingerprint: 13, id: 3, customerID: 1, productIDs: [1])
            try tx.insert(
                Event(
                    externalID: "E2", customerExternalID: "C1", type: try Token("survey_answer", field: "type"),
                    channel: try Token("email", field: "channel"), at: day(6), campaign: "spring\\sale\t2025",
                    propertiesJSON: #"{"comment":"line\nbreak","score":3}"#),
                fingerprint: 22, id: 2, customerID: 1)
            try tx.insert(
                Event(externalID: "E1", customerExternalID: "C\t2", type: try Token("web_visit", field: "type"), at: day(3)),
                fingerprint: 21, id: 1, customerID: 2)
            _ = try tx.record(Consent(customerExternalID: "C1", channel: .sms, status: .granted, at: day(2)), customerID: 1, now: now)
            _ = try tx.record(
                Consent(customerExternalID: "C1", channel: .email, status: .revoked, source: "form\tweb", at: day(5)), customerID: 1, now: now)
            _ = try tx.record(Consent(customerExternalID: "C1", channel: .email, status: .granted, at: day(1)), customerID: 1, now: now)
            _ = try tx.promoteProspectsWithOrders(now: now)
            try tx.record(
                ImportRecord(
                    kind: "customers", file: "customers\t2025\\march.csv", bytes: 1234, startedAt: now, finishedAt: later(3),
                    counts: ImportCounts(inserted: 3, updated: 1, unchanged: 2, rejected: 1)))
        }

        var scores = CustomerScores(customerID: 1)
        scores.recency = 12
        scores.frequency = 2
        scores.monetary = 47.5
        scores.rScore = 5
        scores.fScore = 4
        scores.mScore = 3
        scores.rfmSegment = "Champions"
        scores.probabilityAlive = 2.0 / 3.0
        scores.expectedPurchases = 1e-9
        scores.expectedSpend = 123_456.789
        scores.lifetimeValue = 987.65
        scores.valueTier = "high"
        scores.potentialTier = "low"
        scores.strategy = "maintain"
        scores.lifecycleStage = "active"
        scores.tacticalTarget = "best"
        scores.tacticalTargets = ["best", "unhappy"]
        scores.cluster = 2
        scores.engagement = 0.1
        let asOf = CalendarDate(year: 2025, month: 3, day: 31)!
        _ = try store.saveAnalysis(
            [CustomerScores(customerID: 3), scores],
            record: AnalysisRecord(id: 0, computedAt: now, asOf: asOf, customers: 3, reportJSON: #"{"k":"v\tw","n":[1,2]}"#))
        scores.rfmSegment = "Loyal"
        _ = try store.saveAnalysis(
            [scores], record: AnalysisRecord(id: 0, computedAt: later(86_400), asOf: asOf, customers: 3, reportJSON: "{}"))

        let ann = try store.createUser(
            UserAccount(email: "ann@example.fr", name: "Ann\tMartin", role: .admin, passwordHash: "$2b$12$abc\\def", createdAt: now))
        let bob = try store.createUser(
            UserAccount(email: "bob@example.fr", name: "Bob", role: .analyst, passwordHash: "", createdAt: later(1), disabled: true))
        _ = try store.createToken(
            APITokenRecord(userID: ann.id, name: "nightly\texport", tokenHash: "hash-ann", prefix: "rpt_ab", createdAt: now))
        _ = try store.createToken(
            APITokenRecord(userID: ann.id, name: "old", tokenHash: "hash-old", prefix: "rpt_cd", createdAt: now, revoked: true))
        _ = try store.createToken(APITokenRecord(userID: bob.id, name: "bob's", tokenHash: "hash-bob", prefix: "rpt_ef", createdAt: now))
        _ = try #require(try store.authenticate(tokenHash: "hash-ann", at: later(100)))

        let sessionKeys = ["b", "é", "B", "a", "A\tz"]
        for (index, key) in sessionKeys.enumerated() {
            let expiry: Instant? = index % 2 == 0 ? later(3600 + Int64(index)) : nil
            #expect(try store.createSession(key: key, value: awkwardBytes + [UInt8(index)], expiresAt: expiry))
        }

        let zeta = try store.createSegment(
            SegmentRecord(
                name: "Zeta", kind: .dynamic, definition: "orders >= 1", description: "with\ttab", everyMinutes: 60, createdAt: now,
                updatedAt: now))
        let alpha = try store.createSegment(SegmentRecord(name: "Alpha", kind: .static, createdAt: now, updatedAt: now))
        try store.saveEvaluation(ofSegment: zeta.id, members: [2, 3], at: later(10))
        try store.saveEvaluation(ofSegment: alpha.id, members: [1, 3], at: later(20))
        try store.saveEvaluation(ofSegment: zeta.id, members: [1, 2], at: later(30))
        return Seeded(store: store, ann: ann, sessionKeys: sessionKeys, zeta: try #require(try store.segment(named: "Zeta")))
    }

    /// The highest value of the column `column` in `rows` of `table`.
    static func highest(_ column: String, of table: String, in store: any RapportStore) throws -> Int64 {
        let table = try Self.table(table)
        let index = try #require(table.columnNames.firstIndex(of: column))
        return try rows(of: table, in: store).compactMap { row -> Int64? in
            if case .integer(let value) = row[index] { value } else { nil }
        }.max() ?? 0
    }

    @Test(arguments: Pair.available)
    func aCopyReadsBackRowForRowWithTheSameCounts(pair: Pair) throws {
        let source = try Self.seeded(pair.source).store
        let target = try pair.target.make()
        try target.load(StoredTable.knowledgeBase) { table, write in try source.readRows(of: table, write) }
        for table in StoredTable.knowledgeBase {
            let original = try Self.rows(of: table, in: source)
            let copy = try Self.rows(of: table, in: target)
            #expect(!original.isEmpty, "the seed writes \(table.name)")
            #expect(copy == original, "\(table.name)")
            #expect(try target.rowCount(of: table) == Int64(original.count), "\(table.name)")
            #expect(try source.rowCount(of: table) == Int64(original.count), "\(table.name)")
        }
    }

    @Test(arguments: Pair.available)
    func aCopyWorksAsTheOriginalDoes(pair: Pair) throws {
        let seeded = try Self.seeded(pair.source)
        let target = try pair.target.make()
        try target.load(StoredTable.knowledgeBase) { table, write in try seeded.store.readRows(of: table, write) }
        #expect(try target.authenticate(tokenHash: "hash-ann", at: Self.later(200))?.user == seeded.ann)
        #expect(try target.authenticate(tokenHash: "hash-old", at: Self.later(200)) == nil)
        #expect(try target.authenticate(tokenHash: "hash-bob", at: Self.later(200)) == nil, "bob is disabled")
        for (index, key) in seeded.sessionKeys.enumerated() {
            #expect(try target.session(key: key, at: Self.now)?.value == Self.awkwardBytes + [UInt8(index)], "\(key.debugDescription)")
        }
        #expect(try target.segment(named: "Zeta") == seeded.zeta)
        #expect(try target.members(ofSegment: seeded.zeta.id) == [1, 2])
        #expect(try target.snapshots(ofSegment: seeded.zeta.id, limit: 5) == (try seeded.store.snapshots(ofSegment: seeded.zeta.id, limit: 5)))
        #expect(try target.customer360(id: 1, recentLimit: 5) == (try seeded.store.customer360(id: 1, recentLimit: 5)))
        #expect(try target.customer360(id: 1, recentLimit: 5)?.customer.firstName == Self.awkwardText)
        #expect(try target.scores(customerID: 1) == (try seeded.store.scores(customerID: 1)))
        #expect(try target.latestAnalysis() == (try seeded.store.latestAnalysis()))
        #expect(try target.importJournal(limit: 5) == (try seeded.store.importJournal(limit: 5)))
        #expect(try target.customerID(matching: "bob@example.be") == 2)
    }

    @Test(arguments: Pair.available)
    func aCopyNumbersNewRowsPastTheCopiedOnes(pair: Pair) throws {
        let source = try Self.seeded(pair.source).store
        let target = try pair.target.make()
        try target.load(StoredTable.knowledgeBase) { table, write in try source.readRows(of: table, write) }

        let users = try Self.highest("id", of: "users", in: target)
        let user = try target.createUser(
            UserAccount(email: "carol@example.fr", name: "Carol", role: .analyst, passwordHash: "", createdAt: Self.later(500)))
        #expect(user.id > users)
        let tokens = try Self.highest("id", of: "api_tokens", in: target)
        let token = try target.createToken(
            APITokenRecord(userID: user.id, name: "new", tokenHash: "hash-carol", prefix: "rpt_gh", createdAt: Self.later(500)))
        #expect(token.id > tokens)
        let segments = try Self.highest("id", of: "segments", in: target)
        let segment = try target.createSegment(SegmentRecord(name: "New", kind: .static, createdAt: Self.now, updatedAt: Self.now))
        #expect(segment.id > segments)

        // Snapshots, analyses and the journal are numbered by the store: their writes must not collide.
        let snapshots = try Self.highest("id", of: "segment_snapshots", in: target)
        try target.saveEvaluation(ofSegment: segment.id, members: [1], at: Self.later(600))
        #expect(try Self.highest("id", of: "segment_snapshots", in: target) > snapshots)
        let analyses = try Self.highest("id", of: "analyses", in: target)
        _ = try target.saveAnalysis(
            [CustomerScores(customerID: 2)],
            record: AnalysisRecord(id: 0, computedAt: Self.later(700), asOf: CalendarDate(year: 2025, month: 4, day: 1)!, customers: 3, reportJSON: "{}"))
        #expect(try Self.highest("id", of: "analyses", in: target) > analyses)

        let customers = try Self.highest("id", of: "customers", in: target)
        let products = try Self.highest("id", of: "products", in: target)
        let orders = try Self.highest("id", of: "orders", in: target)
        let events = try Self.highest("id", of: "events", in: target)
        let imports = try Self.highest("id", of: "imports", in: target)
        let next = try target.importing { tx -> [KeyedRecord: Int64] in
            var next: [KeyedRecord: Int64] = [:]
            for kind in KeyedRecord.allCases { next[kind] = try tx.nextID(kind) }
            try tx.insert(Customer(externalID: "C4"), fields: .all, fingerprint: 0, id: next[.customers]!, now: Self.later(800))
            try tx.insert(
                Order(externalID: "O4", customerExternalID: "C4", placedAt: Self.day(9), total: 1), fingerprint: 0, id: next[.orders]!,
                customerID: next[.customers]!, productIDs: [])
            try tx.record(
                ImportRecord(kind: "orders", file: "o.csv", bytes: 1, startedAt: Self.later(800), finishedAt: Self.later(801), counts: ImportCounts(inserted: 1)))
            return next
        }
        #expect(try #require(next[.customers]) > customers)
        #expect(try #require(next[.products]) > products)
        #expect(try #require(next[.orders]) > orders)
        #expect(try #require(next[.events]) > events)
        let journal = try #require(try target.importJournal(limit: 1).first)
        #expect(journal.id > imports && journal.record.file == "o.csv")
        #expect(try target.customerID(matching: "C4") == next[.customers])
    }

    /// True when `a` orders before `b` as the stores order keys: numbers by value, text by its
    /// UTF-8 bytes.
    static func precedes(_ a: [StoredValue], _ b: [StoredValue]) -> Bool {
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.integer(let l), .integer(let r)) where l != r: return l < r
            case (.text(let l), .text(let r)) where l != r: return Array(l.utf8).lexicographicallyPrecedes(Array(r.utf8))
            case (.integer, .integer), (.text, .text): continue
            default:
                Issue.record("a key of \(x) and \(y)")
                return false
            }
        }
        return false
    }

    @Test(arguments: StoreKind.available)
    func rowsComeInKeyOrder(kind: StoreKind) throws {
        let seeded = try Self.seeded(kind)
        for table in StoredTable.knowledgeBase {
            let keyColumns = table.key.map { key in table.columnNames.firstIndex(of: key)! }
            let keys = try Self.rows(of: table, in: seeded.store).map { row in keyColumns.map { row[$0] } }
            #expect(!keys.isEmpty, "\(table.name)")
            for (earlier, next) in zip(keys, keys.dropFirst()) {
                #expect(Self.precedes(earlier, next), "\(table.name): \(earlier) before \(next)")
            }
        }
        let sessions = try Self.rows(of: try Self.table("sessions"), in: seeded.store).map(\.first)
        #expect(sessions == ["A\tz", "B", "a", "b", "é"].map { StoredValue.text($0) })
        let orders = try Self.rows(of: try Self.table("orders"), in: seeded.store).map { Array($0.prefix(2)) }
        #expect(orders == [[.integer(1), .integer(2)], [.integer(1), .integer(3)], [.integer(3), .integer(1)]])
        let merges = try Self.rows(of: try Self.table("merges"), in: seeded.store).map(\.first)
        #expect(merges == [.integer(2), .integer(5)])
    }
}
