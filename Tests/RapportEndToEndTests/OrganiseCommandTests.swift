import Foundation
import Testing

/// `rapport dedupe`, `merge`, `unmerge`, `quality` and `privacy` as a user types them.
@Suite("Organising commands", .serialized)
struct OrganiseCommandTests {
    let binary: RapportBinary
    let directory: String

    init() throws {
        binary = try RapportBinary.locate()
        directory = NSTemporaryDirectory() + "rapport-organise-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let customers = """
            customer_id,kind,first_name,last_name,email,phone,birth_date,postcode,city,country
            C1,customer,Hélène,Quérard,helene.querard@free.fr,06 11 22 33 44,1975-04-03,35000,Rennes,FR
            C2,prospect,Helene,Querard,HELENE.QUERARD@FREE.FR,,,35000,Rennes,FR
            C3,customer,Paul,Vasseur,paul.vasseur@orange.fr,,1980-01-01,59000,Lille,FR
            C4,prospect,Paul,Vasseur,,,,59000,Lille,FR
            C5,customer,Inès,Barbier,ines.barbier@gmial.com,,,75011,Paris,FR

            """
        try customers.write(toFile: directory + "/customers.csv", atomically: true, encoding: .utf8)
        let orders = "order_id,customer_id,placed_at,total\nO1,C1,2025-01-02,40\nO2,C2,2025-02-03,60\n"
        try orders.write(toFile: directory + "/orders.csv", atomically: true, encoding: .utf8)
    }

    func run(_ arguments: [String]) throws -> RapportBinary.Outcome {
        try binary.run(arguments, environment: ["USER": "tester"], in: directory)
    }

    @Test func deduplicateReviewUnmergeExportAndErase() throws {
        #expect(try run(["import", "customers", "customers.csv"]).status == 0)
        #expect(try run(["import", "orders", "orders.csv"]).status == 0)

        let dry = try run(["dedupe", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.output.contains("Would merge 1 customers into 1 survivors; 1 pairs for review (dry run: nothing changed)"))

        let deduped = try run(["dedupe"])
        #expect(deduped.output.contains("Merged 1 customers into 1 survivors; 1 pairs wait for review"))
        let shown = try run(["customer", "show", "C2"])
        #expect(shown.output.contains("— C1"))
        #expect(shown.output.contains("2 orders") || shown.output.contains("orders 2"))

        let review = try run(["dedupe", "--review"])
        #expect(review.output.contains("1 pairs wait for review"))
        #expect(review.output.contains("C3") && review.output.contains("C4"))
        let rejected = try run(["dedupe", "--reject", "C3", "C4"])
        #expect(rejected.output.contains("are different people"))
        #expect(try run(["dedupe", "--review"]).output.contains("No pair waits for review."))

        let history = try run(["merge", "--history"])
        #expect(history.output.contains("merge 1"))
        let undone = try run(["unmerge", "1"])
        #expect(undone.status == 0)
        #expect(try run(["customer", "show", "C2"]).output.contains("— C2"))
        let again = try run(["unmerge", "1"])
        #expect(again.status == 1)
        #expect(again.error.contains("merge 1 was already undone"))

        let manual = try run(["merge", "C1", "helene.querard@free.fr"])
        #expect(manual.status == 1)
        #expect(manual.error.contains("cannot be merged into itself"))
        #expect(try run(["merge", "C1", "C2"]).output.contains("Merged #2 into #1 (merge 2"))

        let quality = try run(["quality"])
        #expect(quality.status == 0)
        #expect(quality.output.contains("email/email_domain_typo"))
        #expect(quality.output.contains("Reach by channel"))
        let one = try run(["quality", "--customer", "C5"])
        #expect(one.output.contains("looks like a typing error for gmail.com"))

        let exported = try run(["privacy", "export", "C1", "--output", "c1.json"])
        #expect(exported.status == 0)
        let json = try String(contentsOfFile: directory + "/c1.json", encoding: .utf8)
        #expect(json.contains("\"external_id\" : \"C1\"") && json.contains("\"C2\""))

        let unconfirmed = try run(["privacy", "erase", "C1"])
        #expect(unconfirmed.status != 0)
        #expect(unconfirmed.error.contains("add --yes"))
        let erased = try run(["privacy", "erase", "C1", "--yes"])
        #expect(erased.status == 0)
        #expect(erased.output.contains("Erased #1 (anonymise)"))
        #expect(try run(["customer", "show", "C1"]).status == 1)
        let audit = try run(["privacy", "audit", "#1"])
        #expect(audit.output.contains("cli:tester  merge") && audit.output.contains("cli:tester  export") && audit.output.contains("cli:tester  erase"))
        let summary = try run(["summary"])
        #expect(summary.output.contains("100.00"))
    }
}
