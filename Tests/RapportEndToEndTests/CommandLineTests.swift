import Foundation
import Testing

/// Drives the real `rapport` binary: the commands a user types, their output, their exit codes,
/// and a crash in the middle of an import.
@Suite("The rapport command", .serialized)
struct CommandLineTests {
    let binary: RapportBinary
    let directory: String

    init() throws {
        binary = try RapportBinary.locate()
        directory = NSTemporaryDirectory() + "rapport-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct MissingLine: Error {
        let label: String
        let output: String
    }

    /// The number `rapport summary` prints on its line that starts with `label` ("people").
    func count(_ label: String) throws -> Int {
        let outcome = try binary.run(["summary"], in: directory)
        guard outcome.status == 0,
            let line = outcome.output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) })
        else { throw MissingLine(label: label, output: outcome.output + outcome.error) }
        let digits = line.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
        guard let value = Int(String(digits)) else { throw MissingLine(label: label, output: outcome.output) }
        return value
    }

    @Test func importsReportsAndShowsACustomer() throws {
        let initialised = try binary.run(["init"], in: directory)
        #expect(initialised.status == 0)
        #expect(initialised.output.contains("Knowledge base ready: rapport.sqlite"))
        let customers = try write(
            "customers.csv", "customer_id,first_name,last_name,email,phone\nC1,Claire,Martin,claire@example.fr,06 12 34 56 78\nC2,Bad,Mail,bad@@mail,\n")
        let imported = try binary.run(["import", "customers", customers], in: directory)
        #expect(imported.status == 0)
        #expect(imported.output.contains("customers.csv: 1 new, 0 updated, 0 unchanged, 1 rejected"))
        #expect(imported.output.contains("rejected rows and reasons: customers.csv.rejects.csv"))
        let again = try binary.run(["import", "customers", customers], in: directory)
        #expect(again.output.contains("0 new, 0 updated, 1 unchanged, 1 rejected"))

        let shown = try binary.run(["customer", "show", "06.12.34.56.78"], in: directory)
        #expect(shown.status == 0)
        #expect(shown.output.contains("Claire Martin — C1"))
        #expect(shown.output.contains("e-mail claire@example.fr · phone +33612345678"))
        #expect(shown.output.contains("Consents: none recorded"))

        let missing = try binary.run(["customer", "show", "nobody@example.fr"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.error.contains("no customer 'nobody@example.fr'"))
    }

    @Test func aWrongFileFailsWithOneClearLine() throws {
        let orders = try write("orders.csv", "order_id,client,date\nO1,C1,2025-01-01\n")
        let outcome = try binary.run(["import", "customers", orders], in: directory)
        #expect(outcome.status == 1)
        #expect(outcome.error.hasPrefix("error: \(orders): not a customers file"))
        #expect(outcome.error.split(separator: "\n").count == 1)
        let badKind = try binary.run(["import", "clients", orders], in: directory)
        #expect(badKind.status != 0)
        #expect(badKind.error.contains("'clients' is not a kind of file"))
    }

    @Test func aKilledImportLeavesTheBaseAsItWas() throws {
        var text = "customer_id,first_name,email\n"
        for i in 1...20_000 { text += "K\(i),Name\(i),person\(i)@example.fr\n" }
        let file = try write("many.csv", text)
        #expect(try binary.run(["init"], in: directory).status == 0)
        let crashed = try binary.run(
            ["import", "customers", file], environment: ["RAPPORT_FAULT_ABORT_AFTER_RECORDS": "10000"], in: directory)
        #expect(crashed.reason == .uncaughtSignal)
        #expect(try count("people") == 0)
        let resumed = try binary.run(["import", "customers", file], in: directory)
        #expect(resumed.status == 0)
        #expect(resumed.output.contains("20,000 new"))
        #expect(try count("people") == 20_000)
    }

    @Test func aKilledAnalysisLeavesThePreviousScores() throws {
        #expect(try binary.run(["demo", "--no-serve", "--customers", "300", "--seed", "5"], in: directory).status == 0)
        let before = try binary.run(["customer", "show", "C000002"], in: directory)
        #expect(before.output.contains("Scores (latest analysis):"))
        let crashed = try binary.run(
            ["analyze", "--as-of", "2026-03-31"], environment: ["RAPPORT_FAULT_ABORT_AFTER_SCORES": "100"], in: directory)
        #expect(crashed.reason == .uncaughtSignal)
        let after = try binary.run(["customer", "show", "C000002"], in: directory)
        #expect(after.status == 0)
        #expect(after.output == before.output)
        let again = try binary.run(["analyze", "--as-of", "2026-03-31"], in: directory)
        #expect(again.status == 0, "\(again.error)")
    }

    @Test func theDemoBuildsADescribedBase() throws {
        let outcome = try binary.run(["demo", "--no-serve", "--customers", "400", "--seed", "7"], in: directory)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("Demo shop written: 400 people"))
        #expect(outcome.output.contains("customers.csv:"))
        #expect(outcome.output.contains("rejected rows and reasons:"))
        #expect(outcome.output.contains("Knowledge base rapport.sqlite"))
        #expect(outcome.output.contains("buyers"))
        #expect(outcome.output.contains("Analysis as of"))
        #expect(outcome.output.contains("Relational matrix"))
        let shown = try binary.run(["customer", "show", "C000001"], in: directory)
        #expect(shown.status == 0)
        #expect(shown.output.contains("C000001"))
        #expect(shown.output.contains("Scores (latest analysis):"))
        #expect(shown.output.contains("stage "))
    }

    @Test func fitsTheCDNOWSummaryAsPublished() throws {
        let summary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/cdnow/cdnow_customers_summary.csv").path
        try #require(FileManager.default.fileExists(atPath: summary), "needs ../shared/data/cdnow")
        let fit = try binary.run(["analyze", "fit", summary, "--model", "bg-nbd"], in: directory)
        #expect(fit.status == 0, "\(fit.error)")
        #expect(fit.output.contains("BG/NBD on 2,357 customers: r 0.2426"))
        #expect(fit.output.contains("log-likelihood -9,582.4"))
        let bad = try write("bad-summary.csv", "ID,frequency,recency,T\n1,2,30,38\n2,x,1,38\n")
        let refused = try binary.run(["analyze", "fit", bad], in: directory)
        #expect(refused.status != 0)
        #expect(refused.error.contains("line 3, frequency 'x'"))
    }

    @Test func analyzeWritesScoresAndExplainsABadConfiguration() throws {
        #expect(try binary.run(["demo", "--no-serve", "--customers", "300", "--seed", "3"], in: directory).status == 0)
        let again = try binary.run(["analyze", "--as-of", "2026-06-30"], in: directory)
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Analysis as of 2026-06-30"))
        #expect(again.output.contains("Scores of "))
        let shown = try binary.run(["customer", "show", "C000002"], in: directory)
        #expect(shown.output.contains("Scores (latest analysis):"))

        let defaults = try binary.run(["analyze", "configuration"], in: directory)
        #expect(defaults.status == 0)
        #expect(defaults.output.contains("\"horizonMonths\""))
        let misspelt = try write("bad.json", #"{"lifecycle": {"explorationDay": 60}}"#)
        let refused = try binary.run(["analyze", "--configuration", misspelt], in: directory)
        #expect(refused.status != 0)
        #expect(refused.error.contains("lifecycle"))
        #expect(refused.error.contains("unknown setting 'explorationDay'"))
        let holdout = try binary.run(["analyze", "holdout", "--calibration-end", "2026-04-30"], in: directory)
        #expect(holdout.status == 0, "\(holdout.error)")
        #expect(holdout.output.contains("total purchase occasions: actual"))
        let badDate = try binary.run(["analyze", "--as-of", "2026-13-01"], in: directory)
        #expect(badDate.status != 0)
        #expect(badDate.error.contains("--as-of '2026-13-01' is not a date"))
    }
}
