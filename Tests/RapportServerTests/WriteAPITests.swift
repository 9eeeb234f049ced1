import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportServer
import Testing

/// The write endpoints: records in, the same rules as imports, idempotent, all or problems named.
@Suite("JSON API writes")
struct WriteAPITests {
    let fixture = ServerFixture.shared

    /// A prefix no other test uses, so that tests sharing the base never collide.
    let unique = "T" + UUID().uuidString.prefix(8)

    func post(
        _ client: some TestClientProtocol, _ uri: String, _ json: String, role: Role = .marketer,
        method: HTTPRequest.Method = .post
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        var headers = fixture.bearer(role)
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json)) { response in
            (response.status, response.json)
        }
    }

    func count(_ sql: String) throws -> Int64 { try fixture.store.scalar(sql) ?? -1 }

    @Test func analystsReadButDoNotWrite() async throws {
        try await fixture.application().test(.router) { client in
            let answer = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(unique)-1"}"#, role: .analyst)
            #expect(answer.status == .forbidden)
        }
        #expect(try count("SELECT count(*) FROM customers WHERE external_id = '\(unique)-1'") == 0)
    }

    @Test func aCustomerIsCreatedOnceAndUpdatedFieldByField() async throws {
        let id = "\(unique)-C"
        try await fixture.application().test(.router) { client in
            let body = #"{"customer_id": "\#(id)", "first_name": "Ada", "email": "ADA@Example.com", "city": "Lyon", "country": "fr"}"#
            var answer = try await post(client, "/api/v1/customers", body)
            #expect(answer.status == .ok)
            #expect(answer.json["inserted"] as? Int == 1)
            answer = try await post(client, "/api/v1/customers", body)
            #expect(answer.json["unchanged"] as? Int == 1, "the same record again changes nothing")

            answer = try await post(client, "/api/v1/customers/\(id)", #"{"city": "Paris"}"#, method: .patch)
            #expect(answer.status == .ok)
            #expect(answer.json["city"] as? String == "Paris")
            #expect(answer.json["email"] as? String == "ada@example.com", "a field the body leaves out is kept")
            #expect(answer.json["firstName"] as? String == "Ada")

            // By e-mail, and clearing a field with an empty string.
            answer = try await post(client, "/api/v1/customers/ada@example.com", #"{"city": ""}"#, method: .patch)
            #expect(answer.status == .ok)
            #expect(answer.json["city"] == nil)

            answer = try await post(client, "/api/v1/customers/\(id)", #"{"customer_id": "other"}"#, method: .patch)
            #expect(answer.status == .badRequest)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "customer_id")

            answer = try await post(client, "/api/v1/customers/\(unique)-nobody", #"{"city": "Paris"}"#, method: .patch)
            #expect(answer.status == .notFound)
        }
    }

    @Test func aBadRecordIsNamedAndTheOthersApplied() async throws {
        try await fixture.application().test(.router) { client in
            let batch = #"[{"customer_id": "\#(unique)-1"}, {"customer_id": "\#(unique)-2", "email": "not-an-address"}]"#
            var answer = try await post(client, "/api/v1/customers", batch)
            #expect(answer.status == .ok)
            #expect(answer.json["inserted"] as? Int == 1)
            #expect(answer.json["rejected"] as? Int == 1)
            let problem = (answer.json["problems"] as? [[String: Any]])?.first
            #expect(problem?["record"] as? Int == 2)
            #expect(problem?["field"] as? String == "email")
            #expect(problem?["value"] as? String == "not-an-address")

            answer = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(unique)-3", "birth_date": "1850-01-01"}"#)
            #expect(answer.status == .unprocessableContent)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "birth_date")
        }
        #expect(try count("SELECT count(*) FROM customers WHERE external_id LIKE '\(unique)-%'") == 1)
    }

    @Test(arguments: [
        ("not json", "bad_request"), ("42", "bad_request"), ("[]", "bad_request"), ("[1]", "bad_request"),
        (#"{"first_name": "no id"}"#, "bad_request"),
    ])
    func bodiesThatHoldNoRecordsAre400(body: String, code: String) async throws {
        try await fixture.application().test(.router) { client in
            let answer = try await post(client, "/api/v1/customers", body)
            #expect(answer.status == .badRequest)
            #expect((answer.json["error"] as? [String: Any])?["code"] as? String == code)
        }
    }

    @Test func limitsAndMediaTypesAnswerClearly() async throws {
        try await fixture.application().test(.router) { client in
            var headers = fixture.bearer(.marketer)
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: headers, body: ByteBuffer(string: "a,b")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            let huge = "[" + Array(repeating: #"{"customer_id": "x"}"#, count: 10_001).joined(separator: ",") + "]"
            let answer = try await post(client, "/api/v1/customers", huge)
            #expect(answer.status == .unprocessableContent)
            let tooBig = String(repeating: " ", count: fixture.configuration.maximumBodyBytes + 1)
            let big = try await post(client, "/api/v1/customers", tooBig)
            #expect(big.status == .contentTooLarge)
        }
    }

    @Test func eventsAreIdempotentByEventID() async throws {
        let events = (1...3).map { #"{"event_id": "\#(unique)-e\#($0)", "customer_id": "C000002", "type": "web_visit", "at": "2025-03-0\#($0)T10:00:00Z"}"# }
        let batch = "[" + events.joined(separator: ",") + "]"
        try await fixture.application().test(.router) { client in
            var answer = try await post(client, "/api/v1/events/batch", batch)
            #expect(answer.status == .ok)
            #expect(answer.json["inserted"] as? Int == 3)
            answer = try await post(client, "/api/v1/events/batch", batch)
            #expect(answer.json["unchanged"] as? Int == 3, "a retried batch records nothing twice")
            answer = try await post(client, "/api/v1/events", events[0])
            #expect(answer.json["unchanged"] as? Int == 1)

            answer = try await post(client, "/api/v1/events", batch)
            #expect(answer.status == .badRequest, "an array goes to /events/batch")
            answer = try await post(client, "/api/v1/events/batch", events[0])
            #expect(answer.status == .badRequest, "one object goes to /events")

            answer = try await post(client, "/api/v1/events/batch", #"[\#(events[0]), {"customer_id": "C000002", "type": "x", "at": "2025-01-01"}]"#)
            #expect(answer.status == .badRequest)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "[1].event_id")
        }
        #expect(try count("SELECT count(*) FROM events WHERE external_id LIKE '\(unique)-e%'") == 3)
    }

    @Test func anUnknownCustomerIsRejectedUnlessAskedToCreateOne() async throws {
        let event = #"{"event_id": "\#(unique)-u1", "customer_id": "\#(unique)-new", "type": "web_visit", "at": "2025-03-01T10:00:00Z"}"#
        try await fixture.application().test(.router) { client in
            var answer = try await post(client, "/api/v1/events", event)
            #expect(answer.status == .unprocessableContent)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "customer_id")
            #expect(((answer.json["error"] as? [String: Any])?["message"] as? String)?.contains("create_customers=true") == true)
            answer = try await post(client, "/api/v1/events?create_customers=true", event)
            #expect(answer.status == .ok)
            #expect(answer.json["createdCustomers"] as? Int == 1)
            answer = try await post(client, "/api/v1/events?create_customers=maybe", event)
            #expect(answer.status == .badRequest)
        }
    }

    @Test func productsOrdersAndConsentsComeInAndShowInTheView() async throws {
        let customer = "\(unique)-buyer"
        let sku = "\(unique)-SKU"
        try await fixture.application().test(.router) { client in
            var answer = try await post(client, "/api/v1/products", #"{"sku": "\#(sku)", "name": "Watering can", "category": "garden", "price": 19.5}"#)
            #expect(answer.json["inserted"] as? Int == 1)
            answer = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(customer)", "kind": "prospect"}"#)
            #expect(answer.json["inserted"] as? Int == 1)
            let order = #"""
                {"order_id": "\#(unique)-O1", "customer_id": "\#(customer)", "placed_at": "2025-04-02T09:30:00Z",
                 "lines": [{"sku": "\#(sku)", "quantity": 2, "amount": 39}, {"sku": "\#(sku)", "quantity": 1, "amount": 19.5}]}
                """#
            answer = try await post(client, "/api/v1/orders", order)
            #expect(answer.status == .ok)
            #expect(answer.json["inserted"] as? Int == 1)
            #expect(answer.json["promotedProspects"] as? Int == 1)
            answer = try await post(client, "/api/v1/orders", order)
            #expect(answer.json["unchanged"] as? Int == 1)

            let badOrder = #"{"order_id": "\#(unique)-O2", "customer_id": "\#(customer)", "placed_at": "2025-04-02", "lines": [{"sku": "NOPE", "amount": 3}]}"#
            answer = try await post(client, "/api/v1/orders", badOrder)
            #expect(answer.status == .unprocessableContent)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "sku")

            answer = try await post(
                client, "/api/v1/consents", #"{"customer_id": "\#(customer)", "channel": "email", "status": "granted", "at": "2025-04-01T00:00:00Z"}"#)
            #expect(answer.json["inserted"] as? Int == 1)

            let view = try await client.execute(uri: "/api/v1/customers/\(customer)", method: .get, headers: fixture.bearer(.analyst)) { $0.json }
            #expect((view["customer"] as? [String: Any])?["kind"] as? String == "customer")
            #expect((view["totals"] as? [String: Any])?["orders"] as? Int == 1)
            #expect(((view["totals"] as? [String: Any])?["revenue"] as? NSNumber)?.doubleValue == 58.5)
            #expect((view["consents"] as? [[String: Any]])?.first?["status"] as? String == "granted")
        }
    }

    @Test func aSessionWriteNeedsItsCSRFToken() async throws {
        try await fixture.application().test(.router) { client in
            let cookie = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=marketer%40example.com&password=correct+horse+battery")
            ) { $0.headers[.setCookie]?.components(separatedBy: ";").first ?? "" }
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: [.cookie: cookie, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"customer_id": "\#(unique)-csrf"}"#)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try count("SELECT count(*) FROM customers WHERE external_id = '\(unique)-csrf'") == 0)
    }

    @Test func valuesOfTheWrongJSONTypeAreRefusedByName() async throws {
        try await fixture.application().test(.router) { client in
            var answer = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(unique)-J", "city": {"name": "Lyon"}}"#)
            #expect(answer.status == .unprocessableContent, "an object where text belongs is not stored as its JSON text")
            var error = answer.json["error"] as? [String: Any]
            #expect(error?["field"] as? String == "city")

            answer = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(unique)-J", "postcode": 1000}"#)
            #expect(answer.status == .unprocessableContent, "a number would lose a postcode's leading zero")
            error = answer.json["error"] as? [String: Any]
            #expect(error?["field"] as? String == "postcode")
            #expect((error?["message"] as? String)?.contains(#""1000""#) == true)

            answer = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(unique)-J", "kind": true}"#)
            #expect(answer.status == .unprocessableContent)

            answer = try await post(client, "/api/v1/products", #"{"sku": 1.5, "name": "Half"}"#)
            #expect(answer.status == .unprocessableContent, "an identifier may be a whole number, not a fraction")

            answer = try await post(client, "/api/v1/customers", #"{"customer_id": 4\#(unique.count)0917, "attributes": {"tier": ["gold"]}}"#)
            #expect(answer.status == .ok, "whole-number identifiers and nested attributes are accepted")
            #expect(answer.json["inserted"] as? Int == 1 || answer.json["unchanged"] as? Int == 1)
        }
        #expect(try count("SELECT count(*) FROM customers WHERE external_id = '\(unique)-J'") == 0)
    }

    @Test func aPatchMayNotBlankItsIdentifier() async throws {
        let id = "\(unique)-P"
        try await fixture.application().test(.router) { client in
            _ = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(id)"}"#)
            let answer = try await post(client, "/api/v1/customers/\(id)", #"{"customer_id": "", "city": "Nice"}"#, method: .patch)
            #expect(answer.status == .badRequest)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "customer_id")
        }
    }

    @Test func aBlankIdentifierNamesNothing() async throws {
        try await fixture.application().test(.router) { client in
            var answer = try await post(
                client, "/api/v1/events?create_customers=true",
                #"{"event_id": "\#(unique)-E", "customer_id": "\t ", "type": "web_visit", "at": "2025-01-02"}"#)
            #expect(answer.status == .unprocessableContent)
            #expect((answer.json["error"] as? [String: Any])?["field"] as? String == "customer_id")
            answer = try await post(
                client, "/api/v1/orders?create_customers=true",
                #"[{"order_id": "\#(unique)-O", "customer_id": " ", "placed_at": "2025-01-02", "total": 3}]"#)
            #expect(answer.status == .unprocessableContent)
        }
        #expect(try count("SELECT count(*) FROM customers WHERE trim(external_id, ' ' || char(9)) = ''") == 0, "no customer is made up for a blank id")
    }

    @Test func concurrentBatchesAreCommittedTogetherAndEachAnsweredForItself() async throws {
        let customer = "\(unique)-G"
        let events = (0..<50).map { #"{"event_id": "\#(unique)-g\#($0)", "customer_id": "\#(customer)", "type": "web_visit", "at": "2025-02-01"}"# }
        let batch = "[" + events.joined(separator: ",") + "]"
        let bad = #"[{"event_id": "\#(unique)-bad", "customer_id": "\#(unique)-nobody", "type": "x", "at": "2025-02-01"}]"#
        try await fixture.application().test(.router) { client in
            _ = try await post(client, "/api/v1/customers", #"{"customer_id": "\#(customer)"}"#)
            typealias Answer = (status: HTTPResponse.Status, inserted: Int, unchanged: Int)
            @Sendable func send(_ body: String) async throws -> Answer {
                let answer = try await post(client, "/api/v1/events/batch", body)
                return (answer.status, answer.json["inserted"] as? Int ?? 0, answer.json["unchanged"] as? Int ?? 0)
            }
            // The same batch eight times at once, and one bad request among them.
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for _ in 0..<8 { group.addTask { try await send(batch) } }
                group.addTask { try await send(bad) }
                var answers: [Answer] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            let good = answers.filter { $0.status == .ok }
            #expect(good.count == 8)
            #expect(answers.filter { $0.status == .unprocessableContent }.count == 1, "the bad request is answered for itself")
            #expect(good.map(\.inserted).reduce(0, +) == 50, "each event recorded once, whichever request carried it")
            #expect(good.allSatisfy { $0.inserted + $0.unchanged == 50 })
        }
        #expect(try count("SELECT count(*) FROM events WHERE external_id LIKE '\(unique)-g%'") == 50)
    }
}
