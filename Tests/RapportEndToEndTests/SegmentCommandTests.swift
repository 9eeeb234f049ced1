import Foundation
import Testing

/// Segments and affinities through the real binary, on a small demo shop.
@Suite("rapport segment and affinity", .serialized)
struct SegmentCommandTests {
    let binary: RapportBinary
    let directory: String

    init() throws {
        binary = try RapportBinary.locate()
        directory = NSTemporaryDirectory() + "rapport-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    @Test func definesWatchesExplainsAndExportsATarget() throws {
        #expect(try binary.run(["demo", "--no-serve", "--customers", "400", "--seed", "11"], in: directory).status == 0)
        let day = ["--as-of", "2026-10-31"]
        let created = try binary.run(
            ["segment", "create", "kitchen", "--definition", #"bought category "kitchen" in last 365 days and consent email"#] + day,
            in: directory)
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output.contains(#"Saved dynamic segment "kitchen""#))

        let refreshed = try binary.run(["segment", "refresh", "--as-of", "2026-06-30"], in: directory)
        #expect(refreshed.status == 0)
        #expect(refreshed.output.contains("kitchen: "))

        let shown = try binary.run(["segment", "show", "kitchen"] + day, in: directory)
        #expect(shown.output.contains("Snapshots (newest first):"))
        #expect(shown.output.contains("substantial: "))  // a 400-person shop makes a small segment

        let listed = try binary.run(["segment", "list"], in: directory)
        #expect(listed.output.contains("kitchen"))

        let explained = try binary.run(["segment", "explain", "kitchen", "--customer", "C000001"] + day, in: directory)
        #expect(explained.status == 0)
        #expect(explained.output.contains("email consent: "))

        let export = directory + "/kitchen.csv"
        let exported = try binary.run(["segment", "export", "kitchen", "--output", export, "--channel", "email"], in: directory)
        #expect(exported.status == 0, "\(exported.error)")
        let rows = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "customer_id,external_id,first_name,last_name,email,phone,postcode,city,country")
        #expect(exported.output.contains("Wrote \(rows.count - 1) members"))

        let bad = try binary.run(["segment", "evaluate", #"contry = "FR""#], in: directory)
        #expect(bad.status == 1)
        #expect(bad.error.contains("line 1, column 1: unknown field `contry`: did you mean `country`?"))

        let rules = try binary.run(["affinity", "--min-support", "0.01"] + day, in: directory)
        #expect(rules.status == 0, "\(rules.error)")
        #expect(rules.output.contains("frequent itemsets at"))
        let offers = try binary.run(["affinity", "offers", "--segment", "kitchen", "--output", directory + "/offers.csv"] + day, in: directory)
        #expect(offers.status == 0, "\(offers.error)")
        #expect(offers.output.contains("offers for"))
    }
}
