import Foundation
import Testing

/// `rapport programme`, `policy` and `campaign` as a user types them: bad files named with their
/// key, a simulation that writes nothing, runs that decide each wave once.
@Suite("Campaign commands", .serialized)
struct CampaignCommandTests {
    let binary: RapportBinary
    let directory: String

    init() throws {
        binary = try RapportBinary.locate()
        directory = NSTemporaryDirectory() + "rapport-campaigns-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var customers = "customer_id,kind,first_name,last_name,email,country,timezone\n"
        var consents = "customer_id,channel,status,at\n"
        for id in 1...40 {
            customers += "C\(id),customer,Ann\(id),Lee,ann\(id)@example.com,FR,Europe/Paris\n"
            if id % 4 != 0 { consents += "C\(id),email,granted,2026-01-01\n" }
        }
        try customers.write(toFile: directory + "/customers.csv", atomically: true, encoding: .utf8)
        try consents.write(toFile: directory + "/consents.csv", atomically: true, encoding: .utf8)
        try #"{"timeZone": "Europe/Paris", "caps": [{"limit": 1, "days": 7}], "globalHoldout": 0}"#
            .write(toFile: directory + "/policy.json", atomically: true, encoding: .utf8)
        try #"""
            {"name": "Welcome back", "programme": "Win back", "target": "kind = \"customer\"", "at": "2026-12-07T09:00:00Z",
             "channels": ["email"], "priority": 2, "valuePerResponse": 30, "holdout": 0.2,
             "variants": [{"name": "short"}, {"name": "long", "weight": 2}]}
            """#.write(toFile: directory + "/welcome.json", atomically: true, encoding: .utf8)
        try #"{"name": "Typo", "target": "kind = \"customer\"", "at": "2026-12-07T09:00:00Z", "chanels": ["email"]}"#
            .write(toFile: directory + "/typo.json", atomically: true, encoding: .utf8)
    }

    func run(_ arguments: [String]) throws -> RapportBinary.Outcome {
        try binary.run(arguments, environment: ["USER": "tester"], in: directory)
    }

    @Test func createSimulateAndRunACampaign() throws {
        #expect(try run(["import", "customers", "customers.csv"]).status == 0)
        #expect(try run(["import", "consents", "consents.csv"]).status == 0)
        #expect(try run(["policy", "set", "policy.json"]).output.contains("at most 1 contact in 7 days"))

        let typo = try run(["campaign", "create", "typo.json"])
        #expect(typo.status != 0)
        #expect(typo.error.contains("typo.json") && typo.error.contains("unknown setting 'chanels'"))
        let orphan = try run(["campaign", "create", "welcome.json"])
        #expect(orphan.error.contains("no programme is named \"Win back\""))

        #expect(try run(["programme", "create", "Win back", "--objective", "Bring them back", "--budget", "500"]).status == 0)
        let created = try run(["campaign", "create", "welcome.json"])
        #expect(created.output.contains("Campaign \"Welcome back\" saved (#1), draft"))

        let simulated = try run(["campaign", "simulate", "--at", "2026-12-07T08:00:00Z", "--include", "Welcome back"])
        #expect(simulated.status == 0)
        // 30 of 40 consent; 20% of the kept are held out as control.
        #expect(simulated.output.contains("targeted 40"))
        #expect(simulated.output.contains("no consent: 10"))
        #expect(simulated.output.contains("by variant: long"))
        #expect(simulated.output.contains("Calendar"))

        let early = try run(["campaign", "run", "--at", "2026-12-07T09:00:00Z"])
        #expect(early.output.contains("No wave due"), "a draft is not run")
        #expect(try run(["campaign", "set-status", "Welcome back", "scheduled"]).status == 0)
        let ran = try run(["campaign", "run", "--at", "2026-12-07T09:00:00Z"])
        #expect(ran.status == 0)
        #expect(ran.output.contains("Welcome back wave 1: 40 targeted"))
        #expect(ran.output.contains("Campaign \"Welcome back\" is done"))
        let again = try run(["campaign", "run", "--at", "2026-12-07T09:05:00Z"])
        #expect(again.output.contains("No wave due"))
        let listed = try run(["campaign", "list"])
        #expect(listed.output.contains("Welcome back [done]") && listed.output.contains("waves: 1/1 decided"))
        let programmes = try run(["programme", "list"])
        #expect(programmes.output.contains("campaigns: Welcome back (done)"))
        let status = try run(["campaign", "set-status", "Welcome back", "scheduled"])
        #expect(status.error.contains("is done and cannot become scheduled"))

        let report = try run(["report", "campaign", "Welcome back", "--window-days", "7", "--csv", "welcome.csv"])
        #expect(report.status == 0)
        #expect(report.output.contains("Campaign \"Welcome back\": orders within 7 days after each contact"))
        #expect(report.output.contains("40 targeted"))
        let csv = try String(contentsOfFile: directory + "/welcome.csv", encoding: .utf8)
        #expect(csv.hasPrefix("metric,value\ncampaign,Welcome back\nwindow_days,7\n") && csv.contains("\ntargeted,40\n"))
        #expect(try run(["report", "campaign", "Nope"]).error.contains("no campaign is named \"Nope\""))
        let size = try run(["report", "sample-size", "--baseline", "0.02", "--lift", "0.005"])
        #expect(size.output.contains("76,489 customers: 68,840 treated, 7,649 in control"))
        let tracking = try run(["tracking", "set", "--base-url", "crm.example.com"])
        #expect(tracking.status != 0 && tracking.error.contains("give the address people reach"))
        #expect(try run(["tracking", "set", "--base-url", "https://crm.example.com/"]).output.contains("links point at https://crm.example.com"))
    }
}
