import Foundation
import RapportChannels
import RapportCore
import RapportEngine
import RapportTestSupport
import Testing

/// The outbox on every store: due contacts rendered once, consent checked again at sending time,
/// files written exactly once even when a run stops half-way, erasure emptying a customer's outbox.
@Suite("Outbox contract: rendering, files, withdrawal")
struct OutboxContractTests {
    static let monday = InteractContractTests.monday

    static func prepare(_ kind: StoreKind, channels: [ContactChannel]) throws -> any RapportStore {
        let store = try kind.make()
        try InteractContractTests.seed(store)
        // Customers with a phone (every third) accept calls.
        try store.importing { tx in
            for id in stride(from: 3, through: 30, by: 3) {
                _ = try tx.record(
                    Consent(customerExternalID: "C\(id)", channel: .phone, status: .granted, source: "web", at: InteractContractTests.t0),
                    customerID: Int64(id), now: InteractContractTests.t0)
            }
        }
        var definition = InteractContractTests.campaign("Hello", at: monday, channels: channels)
        definition.content = MessageContent(subject: "Hi {{first_name}}", text: "Hello {{first_name}} {{last_name}}", sms: "Hi {{first_name}}")
        definition.content.script = "Call {{first_name}}{{^city}} (no city){{/city}}"
        definition.content.fallbacks = ["first_name": "friend"]
        var policy = PressurePolicy()
        policy.quietHours = nil
        try InteractContractTests.schedule([definition], policy: policy, in: store)
        _ = try CampaignOperations.run(store: store, now: monday)
        return store
    }

    static func rows(_ store: any RapportStore, _ table: String) throws -> [[StoredValue]] {
        var rows: [[StoredValue]] = []
        try store.readRows(of: StoredTable.named(table)) { rows.append($0) }
        return rows
    }

    @Test(arguments: StoreKind.available)
    func dueContactsAreRenderedOnceAndAWithdrawalWins(kind: StoreKind) throws {
        let store = try Self.prepare(kind, channels: [.email])
        // Customer 2 withdraws consent after planning.
        try store.importing { tx in
            _ = try tx.record(
                Consent(customerExternalID: "C2", channel: .email, status: .revoked, source: "unsubscribe", at: Self.monday),
                customerID: 2, now: Self.monday)
        }
        let planned = try Self.rows(store, "contacts").filter { $0[8] == .text("planned") }.count
        let fill = try OutboxFiller().fill(store: store, now: Self.monday)
        #expect(fill.queued[.email] == planned - 1)
        #expect(fill.dropped == ["no consent at sending time": 1])
        let outbox = try Self.rows(store, "outbox")
        #expect(outbox.count == planned - 1)
        let payload = try JSONDecoder().decode(OutboxPayload.self, from: Data(outbox[0][5].textValue!.utf8))
        #expect(payload.subject.hasPrefix("Hi F"))
        #expect(payload.text?.contains(" L") == true)
        // Nothing is rendered twice.
        #expect(try OutboxFiller().fill(store: store, now: Self.monday).queuedTotal == 0)
        #expect(try Self.rows(store, "contacts").filter { $0[8] == .text("queued") }.count == planned - 1)
        // Erasing a customer removes their waiting messages.
        let victim = outbox[1][0].integerValue!
        _ = try store.editingRecords { editor in
            try PersonalData(editor).erase(customerID: victim, mode: .anonymise, actor: "test", at: Self.monday)
        }
        #expect(try Self.rows(store, "outbox").count == planned - 2)
    }

    @Test(arguments: StoreKind.available)
    func aCallListIsWrittenOnceEvenWhenARunStopsHalfway(kind: StoreKind) throws {
        let store = try Self.prepare(kind, channels: [.phone])
        _ = try OutboxFiller().fill(store: store, now: Self.monday)
        let directory = NSTemporaryDirectory() + "rapport-files-" + UUID().uuidString
        let dispatcher = FileChannelDispatcher(
            channel: .phone, settings: FileChannelSettings(directory: directory), store: store, clock: FixedClock(Self.monday))
        // A run that marked its batch and died before writing the file.
        try store.editingRecords { editor in
            let ledger = OutboxLedger(editor)
            try ledger.markSending(try ledger.due(on: .phone, now: Self.monday, limit: .max), batch: Self.monday.secondsSinceEpoch)
        }
        let written = try dispatcher.dispatch()
        try #require(written.count == 1)
        let phones = try Self.rows(store, "outbox").count
        #expect(phones == 9)  // 10 with a phone, one of them do-not-contact
        #expect(written[0].rows == phones)
        let text = try String(contentsOfFile: written[0].path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == phones + 1)
        #expect(text.contains("Call F3 (no city)"))
        #expect(try Self.rows(store, "outbox").allSatisfy { $0[7] == .text("sent") })
        #expect(try dispatcher.dispatch().isEmpty)
        #expect(try Self.rows(store, "contacts").filter { $0[8] == .text("sent") }.count == phones)
    }
}

/// SMS through an HTTP provider (a local Python server), on SQLite: the body template, the
/// idempotency key, a secret from the environment, a temporary refusal retried, a permanent one failed.
@Suite("SMS through an HTTP provider")
struct HTTPProviderTests {
    @Test func smsAreSentWithTheirKeyRetriedWhenBusyAndFailedWhenRefused() async throws {
        guard let sink = try HTTPSink.start(busy: "Hi F9 ", refuse: "Hi F15 ") else { return }
        defer { sink.stop() }
        let store = try StoreKind.sqlite.make()
        try InteractContractTests.seed(store)
        var definition = InteractContractTests.campaign("Texts", at: InteractContractTests.monday, channels: [.sms])
        definition.content = MessageContent(sms: #"Hi {{first_name}} "{{last_name}}""#)
        var policy = PressurePolicy()
        policy.quietHours = nil
        try InteractContractTests.schedule([definition], policy: policy, in: store)
        _ = try CampaignOperations.run(store: store, now: InteractContractTests.monday)
        let queued = try OutboxFiller().fill(store: store, now: InteractContractTests.monday).queued[.sms] ?? 0
        // Every third customer has a phone and an SMS consent; 6 is do-not-contact; the cap of one
        // SMS a week keeps all of them.
        #expect(queued == 9)
        var settings = HTTPProviderSettings(url: "http://127.0.0.1:\(sink.port)/send")
        settings.headers = ["Authorization": "Bearer ${HOME}"]
        settings.body = #"{"to": "{{to}}", "text": "{{text}}", "ref": "{{key}}"}"#
        let dispatcher = HTTPDispatcher(
            channel: .sms, settings: settings, store: store, clock: FixedClock(InteractContractTests.monday), logger: .init(label: "test"))
        let summary = try await dispatcher.dispatch()
        #expect(summary.sent == queued - 2 && summary.deferred == 1 && summary.failed == 1)
        let requests = sink.requests()
        #expect(requests.count == queued)
        let first = try #require(requests.first { ($0["status"] as? Int) == 200 })
        #expect((first["key"] as? String)?.contains(":") == true)
        #expect((first["authorization"] as? String) == "Bearer \(ProcessInfo.processInfo.environment["HOME"] ?? "")")
        let body = try #require(first["body"] as? [String: Any])
        #expect((body["text"] as? String)?.hasPrefix("Hi F") == true)
        #expect((body["text"] as? String)?.contains("\"L") == true)
        #expect(body["ref"] as? String == first["key"] as? String)
        // The busy one is tried again once its back-off has passed, with the same key.
        let later = HTTPDispatcher(
            channel: .sms, settings: settings, store: store, clock: FixedClock(InteractContractTests.monday.adding(days: 1)),
            logger: .init(label: "test"))
        #expect(try await later.dispatch().sent == 1)
        let busy = sink.requests().filter { ($0["body"] as? [String: Any])?["text"] as? String == "Hi F9 \"L9\"" }
        #expect(busy.count == 2 && Set(busy.compactMap { $0["key"] as? String }).count == 1)
        #expect(try await later.dispatch() == DispatchSummary())
        var contacts: [[StoredValue]] = []
        try store.readRows(of: StoredTable.named("contacts")) { contacts.append($0) }
        #expect(contacts.filter { $0[8] == .text("sent") }.count == queued - 1)
        #expect(contacts.contains { $0[8] == .text("failed") && $0[9].textValue?.hasPrefix("HTTP 400") == true })
    }
}
