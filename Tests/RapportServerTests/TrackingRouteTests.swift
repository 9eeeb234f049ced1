import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportEngine
import RapportServer
import Testing

/// The public tracking endpoints through the router: the pixel and the click record their
/// reaction before answering, the unsubscribe page asks and its POST revokes the consent, and
/// providers' delivery reports land on their contact once.
@Suite("Tracking routes")
struct TrackingRouteTests {
    let fixture = ServerFixture.shared

    /// A campaign with one contact for an existing customer; returns it and the base's signer.
    /// Each test takes its own customer (`nth` of the base), as they run in parallel.
    func contact(_ name: String, nth: Int) throws -> (customer: Int64, contact: Int64, campaign: Int64, key: String, signer: TrackingSigner) {
        let now = SystemClock().now
        return try fixture.store.editingRecords { editor in
            let campaign = try CampaignBook(editor).save(
                CampaignDefinition(name: name, target: #"kind = "customer""#, at: now), source: "test", at: now)
            let customer = try #require(try editor.rows(of: CustomerColumns.table, matching: [])[nth][0].integerValue)
            let contacts = StoredTable.named("contacts")
            let id = try editor.nextID(of: contacts)
            let key = "\(customer):\(campaign.id):1"
            var row = [StoredValue](repeating: .null, count: contacts.columns.count)
            for (column, value) in [
                ("customer_id", StoredValue.integer(customer)), ("id", .integer(id)), ("campaign_id", .integer(campaign.id)),
                ("wave", .integer(1)), ("channel", .text("email")), ("message", .text(name)), ("purpose", .text("marketing")),
                ("status", .text("sent")), ("planned_at", .integer(now.secondsSinceEpoch)), ("decided_at", .integer(now.secondsSinceEpoch)),
                ("sent_at", .integer(now.secondsSinceEpoch)), ("cost", .real(0)), ("expected_value", .real(0)), ("idempotency_key", .text(key)),
            ] {
                row[contacts.index(of: column)] = value
            }
            try editor.insert(row, into: contacts, ignoringConflicts: false)
            let signer = TrackingSigner(secret: try TrackingSettings.secret(editor, now: now))
            return (customer, id, campaign.id, key, signer)
        }
    }

    func responses(_ contact: Int64, _ customer: Int64) throws -> [String] {
        try fixture.store.editingRecords { editor in
            try editor.rows(
                of: StoredTable.named("responses"),
                matching: [ColumnMatch("customer_id", .integer(customer)), ColumnMatch("contact_id", .integer(contact))]
            ).compactMap { $0[2].textValue }.sorted()
        }
    }

    @Test func pixelClickAndUnsubscribeRecordTheirReaction() async throws {
        let sent = try contact("Tracking \(UUID().uuidString.prefix(6))", nth: 0)
        let later = Instant(secondsSinceEpoch: SystemClock().now.secondsSinceEpoch + 86_400)
        @Sendable func token(_ purpose: TrackingPurpose, _ target: String = "") -> String {
            sent.signer.sign(
                TrackingToken(
                    purpose: purpose, customerID: sent.customer, contactID: sent.contact, campaignID: sent.campaign,
                    expiresAt: later.secondsSinceEpoch, target: target))
        }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/t/o/\(token(.open)).gif", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/gif")
                #expect(Array(response.body.readableBytesView).count == 43)
            }
            try await client.execute(uri: "/t/o/forged.gif", method: .get) { response in
                #expect(response.status == .ok, "a broken pixel still answers an image")
            }
            try await client.execute(uri: "/t/c/\(token(.click, "https://shop.example.com/a?b=1"))", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "https://shop.example.com/a?b=1")
            }
            try await client.execute(uri: "/t/c/\(token(.open))", method: .get) { response in
                #expect(response.status == .badRequest, "an open token is not a click")
                #expect(response.body.text.contains("damaged"))
            }
            let page = try await client.execute(uri: "/u/\(token(.unsubscribe))", method: .get) { $0 }
            #expect(page.status == .ok && page.body.text.contains("<form method=\"post\""))
            #expect(try responses(sent.contact, sent.customer) == ["clicked", "opened"], "showing the page unsubscribes no one")
            try await client.execute(
                uri: "/u/\(token(.unsubscribe))", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            ) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("no more marketing messages"))
            }
        }
        #expect(try responses(sent.contact, sent.customer) == ["clicked", "opened", "unsubscribed"])
        let consent = try fixture.store.editingRecords { editor in
            try editor.rows(
                of: StoredTable.named("consents"),
                matching: [ColumnMatch("customer_id", .integer(sent.customer)), ColumnMatch("channel", .text("email"))]
            ).max { ($0[2].integerValue ?? 0) < ($1[2].integerValue ?? 0) }
        }
        #expect(consent?[3].textValue == "revoked" && consent?[4].textValue == "unsubscribe link")
    }

    @Test func aSurveyTakesOneAnswerPerContact() async throws {
        let sent = try contact("Survey \(UUID().uuidString.prefix(6))", nth: 1)
        let later = SystemClock().now.secondsSinceEpoch + 86_400
        let token = sent.signer.sign(
            TrackingToken(
                purpose: .survey, customerID: sent.customer, contactID: sent.contact, campaignID: sent.campaign, expiresAt: later,
                target: "csat"))
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/survey/\(token)", method: .get) { $0.body.text }
            #expect(page.contains("How satisfied are you with us?") && page.contains("value=\"5\"") && !page.contains("value=\"6\""))
            try await client.execute(uri: "/survey/\(token)", method: .post, headers: form, body: ByteBuffer(string: "score=6")) { response in
                #expect(response.status == .badRequest && response.body.text.contains("Pick a score from 1 to 5."))
            }
            try await client.execute(
                uri: "/survey/\(token)", method: .post, headers: form, body: ByteBuffer(string: "score=4&comment=Quick+%3Cb%3Edelivery%3C%2Fb%3E")
            ) { response in
                #expect(response.status == .ok && response.body.text.contains("your answer is recorded"))
            }
            try await client.execute(uri: "/survey/\(token)", method: .post, headers: form, body: ByteBuffer(string: "score=1")) { response in
                #expect(response.body.text.contains("already answered"))
            }
            try await client.execute(uri: "/survey/\(token.dropLast(3))abc", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
        let detail = try fixture.store.editingRecords { editor in
            try editor.rows(
                of: StoredTable.named("responses"),
                matching: [ColumnMatch("customer_id", .integer(sent.customer)), ColumnMatch("contact_id", .integer(sent.contact))]
            ).map { $0[6].textValue }
        }
        #expect(detail.count == 1)
        #expect(SurveyAnswer.decode(detail.first ?? nil) == SurveyAnswer(survey: .csat, score: 4, comment: "Quick <b>delivery</b>"))
        let feedback = try fixture.store.editingRecords { try CustomerFeedback.load(sent.customer, editor: $0) }
        #expect(feedback?.satisfaction == 0.75)
    }

    @Test func thePreferenceCentreRecordsChannelsFrequencyAndTopics() async throws {
        let sent = try contact("Preferences \(UUID().uuidString.prefix(6))", nth: 3)
        let token = sent.signer.sign(
            TrackingToken(purpose: .preferences, customerID: sent.customer, contactID: sent.contact, campaignID: sent.campaign, expiresAt: 1))
        let before = try fixture.store.editingRecords { try ContactPreferences.load(sent.customer, editor: $0) }
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/preferences/\(token)", method: .get) { $0 }
            #expect(page.status == .ok, "an expired preference link still works")
            #expect(page.body.text.contains("How may we contact you?") && page.body.text.contains("value=\"new products\""))
            try await client.execute(
                uri: "/preferences/\(token)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "channel=sms&channel=mail&frequency=monthly&topic=new+products&topic=advice&topic=hacking")
            ) { response in
                #expect(response.status == .ok && response.body.text.contains("Saved"))
                #expect(response.body.text.contains("value=\"monthly\" checked"))
            }
            try await client.execute(uri: "/preferences/forged", method: .get) { #expect($0.status == .badRequest) }
        }
        let after = try #require(try fixture.store.editingRecords { try ContactPreferences.load(sent.customer, editor: $0) })
        #expect(after.channels == [.email: false, .sms: true, .phone: false, .mail: true, .push: false])
        #expect(after.frequency == .monthly && after.topics == ["advice", "new products"], "a topic not offered is ignored")
        #expect(before != nil)
    }

    @Test func deliveryReportsLandOnTheirContactOnce() async throws {
        let sent = try contact("Deliveries \(UUID().uuidString.prefix(6))", nth: 2)
        let body = """
            {"reports": [
              {"key": "\(sent.key)", "event": "delivered", "at": "2026-12-01T10:00:00Z"},
              {"key": "\(sent.key.replacingOccurrences(of: ":", with: "."))", "event": "bounced", "at": "2026-12-01T10:00:05Z", "reason": "550 no such user", "permanent": true},
              {"key": "999999999:1:1", "event": "delivered"}
            ]}
            """
        try await fixture.application().test(.router) { client in
            var headers = fixture.bearer(.marketer)
            headers[.contentType] = "application/json"
            for (round, expected) in [(1, 2), (2, 0)] {
                try await client.execute(
                    uri: "/api/v1/deliveries", method: .post,
                    headers: headers, body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .ok)
                    let outcome = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    #expect(outcome?["recorded"] as? Int == expected, "round \(round)")
                    #expect(outcome?["unknown"] as? [String] == ["999999999:1:1"])
                }
            }
            try await client.execute(
                uri: "/api/v1/deliveries", method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"reports": [{"key": "1:1:1", "event": "exploded"}]}"#)
            ) { response in
                #expect(response.status == .badRequest || response.status == .unprocessableContent)
                #expect(response.body.text.contains("reports[0].event"))
            }
        }
        #expect(try responses(sent.contact, sent.customer) == ["bounced", "delivered"])
    }
}
