import Foundation
import RapportTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary killed while it sends a campaign's e-mails to a real SMTP server (aiosmtpd),
/// twice, then run again: every message arrives exactly once.
@Suite("Sending survives being killed", .serialized)
struct SendingCrashTests {
    static let customers = 400

    /// Synchronous on purpose: a test that awaits between polls can be starved of the cooperative
    /// pool by other tests running in parallel, and miss the moment to kill.
    @Test func killingTheSenderMidwayNeitherLosesNorRepeatsAMessage() throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let binary = try RapportBinary.locate()
        let directory = NSTemporaryDirectory() + "rapport-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var customers = "customer_id,kind,first_name,last_name,email,country\n"
        var consents = "customer_id,channel,status,at\n"
        for id in 1...Self.customers {
            customers += "K\(id),customer,Zoé\(id),Martin,zoe\(id)@example.com,FR\n"
            consents += "K\(id),email,granted,2026-01-01\n"
        }
        try customers.write(toFile: directory + "/customers.csv", atomically: true, encoding: .utf8)
        try consents.write(toFile: directory + "/consents.csv", atomically: true, encoding: .utf8)
        try #"""
            {"name": "Crash test", "target": "kind = \"customer\"", "at": "2026-12-07T09:00:00Z", "holdout": 0,
             "content": {"subject": "Bonjour {{first_name}}", "text": "Hello {{first_name}} {{last_name}}", "from": "Shop <shop@example.com>"}}
            """#.write(toFile: directory + "/campaign.json", atomically: true, encoding: .utf8)
        try #"{"host": "127.0.0.1", "port": \#(sink.port), "security": "none", "from": "shop@example.com", "connections": 4, "ratePerSecond": 60}"#
            .write(toFile: directory + "/smtp.json", atomically: true, encoding: .utf8)
        func run(_ arguments: [String]) throws -> RapportBinary.Outcome { try binary.run(arguments, in: directory) }
        #expect(try run(["import", "customers", "customers.csv"]).status == 0)
        #expect(try run(["import", "consents", "consents.csv"]).status == 0)
        #expect(try run(["campaign", "create", "campaign.json", "--schedule"]).status == 0)
        #expect(try run(["channel", "set", "email", "smtp.json"]).status == 0)
        #expect(try run(["campaign", "run", "--at", "2026-12-07T09:00:00Z"]).output.contains("\(Self.customers) planned"))

        for round in 1...2 {
            // Kill once 40 more messages have arrived since the last kill.
            let threshold = sink.messageIDs().total + 40
            let log = directory + "/sender-\(round).log"
            let sender = try binary.start(["campaign", "send", "--at", "2026-12-07T09:00:00Z"], in: directory, output: log)
            let deadline = Date().addingTimeInterval(60)
            while sink.messageIDs().total < threshold && sender.isRunning && Date() < deadline { usleep(5_000) }
            #expect(sender.isRunning, "the sender stopped before it could be killed: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            kill(sender.processIdentifier, SIGKILL)
            sender.waitUntilExit()
        }
        let finished = try run(["campaign", "send", "--at", "2026-12-07T09:00:00Z"])
        #expect(finished.status == 0)
        usleep(300_000)
        let (distinct, total) = sink.messageIDs()
        #expect(distinct.count == Self.customers, "lost messages")
        #expect(total == Self.customers, "\(total - distinct.count) messages sent twice")
        let again = try run(["campaign", "send", "--at", "2026-12-07T09:00:00Z"])
        #expect(again.output.contains("E-mail: 0 sent"))
        #expect(sink.messageIDs().total == Self.customers)
    }
}
