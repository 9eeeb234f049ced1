import Foundation
import RapportCore
import RapportIngest
import RapportSQLite
import Testing

@Suite("Importing customers")
struct CustomerImportTests {
    static let customers = """
        customer_id,kind,first_name,last_name,email,phone,birth_date,gender,country,city,postcode,attr.loyalty_card
        C001,customer,Claire,Martin,Claire.Martin@Example.fr,06 12 34 56 78,1984-07-21,F,fr,Lyon,69003,LC-1
        C002,prospect,James,Walker,j.walker@example.co.uk,07700 900123,,m,GB,London,SW1A 1AA,
        C003,customer,Hélène,Dubois,helene@@example.fr,06 98 76 54 32,2090-01-01,f,FRA,Paris,75011,
        C004,,Luc,Bernard,,,,,,,,

        """

    func run(_ path: String, _ store: SQLiteKnowledgeBase, options: ImportOptions = ImportOptions(now: testNow)) throws -> ImportSummary {
        try Importer.run(.customers, file: path, options: options, into: store)
    }

    @Test func importsValidRowsAndRejectsBadOnesWithReasons() throws {
        let scratch = try Scratch()
        let path = try scratch.file("customers.csv", Self.customers)
        let store = try scratch.store()
        let summary = try run(path, store)
        #expect(summary.counts == ImportCounts(inserted: 3, updated: 0, unchanged: 0, rejected: 1))
        #expect(summary.rejectsFile == path + ".rejects.csv")
        let rejects = try #require(scratch.read(path + ".rejects.csv"))
        let lines = rejects.split(separator: "\n").map(String.init)
        #expect(lines[0] == "line,field,value,reason,row")
        // Every problem of line 4 is listed: e-mail, birth date, country.
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("4,country,FRA,"))
        #expect(lines[2].hasPrefix("4,email,helene@@example.fr,"))
        #expect(lines[3].hasPrefix("4,birth_date,2090-01-01,"))
        #expect(lines[3].contains("in the future"))
        #expect(lines[1].hasSuffix(",\"C003,customer,Hélène,Dubois,helene@@example.fr,06 98 76 54 32,2090-01-01,f,FRA,Paris,75011,\""))

        let id = try #require(try store.customerID(matching: "C001"))
        let claire = try #require(try store.customer360(id: id, recentLimit: 5))
        #expect(claire.customer.email?.value == "claire.martin@example.fr")
        #expect(claire.customer.phone?.e164 == "+33612345678")
        #expect(claire.customer.country?.value == "FR")
        #expect(claire.customer.gender == .female)
        #expect(claire.customer.attributesJSON == #"{"loyalty_card":"LC-1"}"#)
        #expect(claire.identities.map(\.kind).sorted() == ["email", "phone"])
        // A British number written nationally is read with the row's country.
        let james = try #require(try store.customerID(matching: "+447700900123"))
        #expect(try store.customer360(id: james, recentLimit: 1)?.customer.externalID == "C002")
        // A row without a kind is a prospect.
        #expect(try store.scalar("SELECT count(*) FROM customers WHERE kind = 'prospect'") == 2)
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let scratch = try Scratch()
        let path = try scratch.file("customers.csv", Self.customers)
        let store = try scratch.store()
        _ = try run(path, store)
        let before = try ["customers", "identities"].map { try store.dump($0) }
        let again = try run(path, store, options: ImportOptions(now: Instant(secondsSinceEpoch: testNow.secondsSinceEpoch + 3600)))
        #expect(again.counts == ImportCounts(inserted: 0, updated: 0, unchanged: 3, rejected: 1))
        #expect(try ["customers", "identities"].map { try store.dump($0) } == before)
        #expect(before[1].count == 4)
    }

    @Test func aChangedRowIsAnUpdateAndMovesItsIdentities() throws {
        let scratch = try Scratch()
        let store = try scratch.store()
        _ = try run(try scratch.file("a.csv", "customer_id,email\nC1,old@example.fr\nC2,keep@example.fr\n"), store)
        let summary = try run(try scratch.file("b.csv", "customer_id,email\nC1,new@example.fr\nC2,keep@example.fr\n"), store)
        #expect(summary.counts == ImportCounts(inserted: 0, updated: 1, unchanged: 1, rejected: 0))
        #expect(try store.customerID(matching: "new@example.fr") == store.customerID(matching: "C1"))
        #expect(try store.customerID(matching: "old@example.fr") == nil)
        #expect(summary.rejectsFile == nil)
    }

    @Test func theSameIdTwiceInAFileIsRejectedTheSecondTime() throws {
        let scratch = try Scratch()
        let path = try scratch.file("dup.csv", "customer_id,first_name\nC1,Ann\nC2,Bob\nC1,Annie\n")
        let summary = try run(path, try scratch.store())
        #expect(summary.counts == ImportCounts(inserted: 2, updated: 0, unchanged: 0, rejected: 1))
        #expect(scratch.read(path + ".rejects.csv")?.contains("4,customer_id,C1,appears again in this file (first at line 2)") == true)
    }

    @Test func aWrongHeaderChangesNothingAndSaysWhy() throws {
        let scratch = try Scratch()
        let store = try scratch.store()
        let path = try scratch.file("orders.csv", "order_id,client,date,total\nO1,C1,2025-01-01,10\n")
        #expect {
            _ = try run(path, store)
        } throws: { error in
            let message = "\(error)"
            return message.contains("not a customers file") && message.contains("'customer_id'")
                && message.contains("Did you mean 'client' for 'customer_id'")
        }
        #expect(try store.scalar("SELECT count(*) FROM customers") == 0)
        #expect(!scratch.exists(path + ".rejects.csv"))

        let unknown = try scratch.file("extra.csv", "customer_id,emial,shoe_size\nC1,a@b.fr,42\n")
        #expect {
            _ = try run(unknown, store)
        } throws: { error in
            let message = "\(error)"
            return message.contains("'emial' -> 'email'") && message.contains("attr.NAME")
        }
    }

    @Test func aTruncatedFileChangesNothing() throws {
        let scratch = try Scratch()
        let store = try scratch.store()
        let path = try scratch.file("cut.csv", "customer_id,first_name,city\nC1,Ann,Lyon\nC2,Bob,Paris\nC3,\"Ev")
        #expect(throws: FileFormatError.self) { _ = try run(path, store) }
        #expect(try store.scalar("SELECT count(*) FROM customers") == 0)
        #expect(try store.scalar("SELECT count(*) FROM imports") == 0)
    }

    @Test func readsJSONLinesWithAnAttributesObject() throws {
        let scratch = try Scratch()
        let path = try scratch.file(
            "people.jsonl",
            """
            {"customer_id": "J1", "email": "a@example.fr", "attributes": {"tier": "gold", "points": 120}}
            {"customer_id": 2, "kind": "customer", "phone": "+33 6 11 22 33 44"}
            {"customer_id": "J3", "shoe": 42}
            not json at all

            """)
        let store = try scratch.store()
        let summary = try run(path, store)
        #expect(summary.counts == ImportCounts(inserted: 2, updated: 0, unchanged: 0, rejected: 2))
        let id = try #require(try store.customerID(matching: "J1"))
        #expect(try store.customer360(id: id, recentLimit: 1)?.customer.attributesJSON == #"{"points":120,"tier":"gold"}"#)
        #expect(try store.customerID(matching: "2") != nil)
        let rejects = try #require(scratch.read(path + ".rejects.csv"))
        #expect(rejects.contains("3,,,\"unknown field 'shoe'; expected: customer_id, kind,"))
        #expect(rejects.contains("4,,,not valid JSON"))
    }

    @Test func aMappingRenamesColumnsAndAddsConstants() throws {
        let scratch = try Scratch()
        let mappingPath = try scratch.file(
            "mapping.json",
            #"{"columns": {"customer_id": "Numéro client", "email": "Courriel", "birth_date": "Né le"}, "dateFormat": "dd/MM/yyyy", "constants": {"country": "BE"}, "ignore": ["Remarque"]}"#
        )
        let path = try scratch.file("clients.csv", "Numéro client;Courriel;Né le;Remarque\nB1;luc@exemple.be;03/02/1975;vip\nB2;;31/02/1980;\n")
        let store = try scratch.store()
        let summary = try run(path, store, options: ImportOptions(mapping: try ColumnMapping(contentsOf: mappingPath), now: testNow))
        #expect(summary.counts == ImportCounts(inserted: 1, updated: 0, unchanged: 0, rejected: 1))
        let view = try store.view("B1", recent: 1)
        #expect(view.customer.birthDate?.description == "1975-02-03")
        #expect(view.customer.country?.value == "BE")
        #expect(scratch.read(path + ".rejects.csv")?.contains("3,birth_date,31/02/1980,\"not a valid date; expected the layout dd/MM/yyyy, or set dateFormat") == true)
    }

    @Test func aMappingCanNameCustomAttributes() throws {
        let scratch = try Scratch()
        let mapping = try scratch.file(
            "m.json", #"{"columns": {"customer_id": "id", "attr.tier": "Niveau"}, "constants": {"attr.source": "salon 2025"}}"#)
        let path = try scratch.file("c.csv", "id,Niveau\nK1,or\n")
        let store = try scratch.store()
        _ = try Importer.run(
            .customers, file: path, options: ImportOptions(mapping: try ColumnMapping(contentsOf: mapping), now: testNow), into: store)
        #expect(try store.view("K1").customer.attributesJSON == #"{"source":"salon 2025","tier":"or"}"#)
    }

    @Test func aBadMappingFileIsExplained() throws {
        let scratch = try Scratch()
        let path = try scratch.file("m.json", #"{"columns": {"client": "id"}}"#)
        #expect {
            _ = try ColumnMapping(contentsOf: path)
        } throws: { "\($0)".contains("'client' is not a Rapport field") }
        let broken = try scratch.file("n.json", #"{"columns": ["#)
        #expect(throws: FileFormatError.self) { _ = try ColumnMapping(contentsOf: broken) }
    }
}

@Suite("Updating customers from partial files")
struct PartialCustomerUpdateTests {
    @Test func aFileWithFewColumnsChangesOnlyThoseColumns() throws {
        let scratch = try Scratch()
        let store = try scratch.store()
        let options = ImportOptions(now: testNow)
        let full = try scratch.file(
            "full.csv",
            "customer_id,kind,first_name,email,phone,created_at,attr.tier\nC1,former,Claire,old@example.fr,06 12 34 56 78,2020-01-02,gold\n")
        _ = try Importer.run(.customers, file: full, options: options, into: store)
        let partial = try scratch.file("partial.csv", "customer_id,email,attr.points\nC1,new@example.fr,120\n")
        let later = ImportOptions(now: Instant(secondsSinceEpoch: testNow.secondsSinceEpoch + 86_400))
        #expect(try Importer.run(.customers, file: partial, options: later, into: store).counts.updated == 1)
        let view = try store.view("C1")
        #expect(view.customer.firstName == "Claire")
        #expect(view.customer.kind == .former)
        #expect(view.customer.phone?.e164 == "+33612345678")
        #expect(view.customer.email?.value == "new@example.fr")
        #expect(view.customer.createdAt?.description == "2020-01-02T00:00:00Z")
        // Merged key by key: the stored keys first, the new ones after.
        #expect(view.customer.attributesJSON == #"{"tier":"gold","points":"120"}"#)
        #expect(view.identities.map(\.value).sorted() == ["+33612345678", "new@example.fr"])
        // The same partial file again changes nothing.
        #expect(try Importer.run(.customers, file: partial, options: later, into: store).counts.unchanged == 1)
    }
}
