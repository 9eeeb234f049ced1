import Foundation
import RapportCore
import RapportIngest
import RapportSQLite
import Testing

@Suite("Importing events and consents")
struct EventAndConsentImportTests {
    func prepared() throws -> (Scratch, SQLiteKnowledgeBase) {
        let scratch = try Scratch()
        let store = try scratch.store()
        _ = try Importer.run(
            .customers, file: try scratch.file("c.csv", "customer_id\nC1\nC2\n"), options: ImportOptions(now: testNow), into: store)
        return (scratch, store)
    }

    @Test func eventsWithoutIdentifiersAreStillIdempotent() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "events.jsonl",
            """
            {"customer_id":"C1","type":"web_visit","channel":"web","at":"2025-04-01T08:00:00Z","properties":{"page":"/kitchen"}}
            {"customer_id":"C1","type":"survey_answer","at":"2025-04-02T08:00:00Z","properties":{"survey":"nps","score":3}}
            {"event_id":"E9","customer_id":"C2","type":"complaint","channel":"phone","at":"2025-04-03","campaign":"NL-2025-03"}
            {"customer_id":"C3","type":"web_visit","at":"2025-04-01"}
            {"customer_id":"C1","type":"Web Visit!","at":"yesterday"}

            """)
        let options = ImportOptions(now: testNow)
        let first = try Importer.run(.events, file: path, options: options, into: store)
        #expect(first.counts == ImportCounts(inserted: 3, updated: 0, unchanged: 0, rejected: 2))
        let second = try Importer.run(.events, file: path, options: options, into: store)
        #expect(second.counts == ImportCounts(inserted: 0, updated: 0, unchanged: 3, rejected: 2))
        #expect(try store.scalar("SELECT count(*) FROM events") == 3)
        #expect(try store.scalar("SELECT count(*) FROM events WHERE properties = '{\"score\":3,\"survey\":\"nps\"}'") == 1)
        let rejects = try #require(scratch.read(path + ".rejects.csv"))
        #expect(rejects.contains("5,type,Web Visit!"))
        #expect(rejects.contains("5,at,yesterday,\"not a valid date; expected ISO 8601"))
        #expect(rejects.contains("4,customer_id,C3,"))
    }

    @Test func consentsKeepTheirHistoryAndTheLatestIsInForce() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "consents.csv",
            """
            customer_id,channel,status,source,at
            C1,email,granted,web_form,2025-01-01
            C1,email,revoked,unsubscribe_link,2025-06-01
            C1,sms,yes,store,2025-02-01
            C2,fax,granted,,2025-01-01
            C2,email,maybe,,2025-01-01

            """)
        let options = ImportOptions(now: testNow)
        let summary = try Importer.run(.consents, file: path, options: options, into: store)
        #expect(summary.counts == ImportCounts(inserted: 3, updated: 0, unchanged: 0, rejected: 2))
        #expect(try Importer.run(.consents, file: path, options: options, into: store).counts.unchanged == 3)
        let view = try store.view("C1", recent: 1)
        #expect(view.consents.map(\.channel) == [.email, .sms])
        #expect(view.consents.map(\.status) == [.revoked, .granted])
        #expect(try store.summary().grantedByChannel == [.sms: 1])
        let twice = try scratch.file(
            "twice.csv", "customer_id,channel,status,source,at\nC2,sms,granted,,2025-03-01\nC2,sms,revoked,,2025-03-01\n")
        let contradicting = try Importer.run(.consents, file: twice, options: options, into: store)
        #expect(contradicting.counts == ImportCounts(inserted: 1, updated: 0, unchanged: 0, rejected: 1))
        #expect(try Importer.run(.consents, file: twice, options: options, into: store).counts.unchanged == 1)
        #expect(scratch.read(twice + ".rejects.csv")?.contains("already at line 2; keep one") == true)
        let changed = try scratch.file("consents2.csv", "customer_id,channel,status,source,at\nC1,sms,yes,web_form,2025-02-01\n")
        #expect(try Importer.run(.consents, file: changed, options: options, into: store).counts.updated == 1)
    }
}
