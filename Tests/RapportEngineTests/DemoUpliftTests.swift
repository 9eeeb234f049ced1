import Foundation
import RapportCore
import RapportIngest
import RapportSQLite
import Testing

@testable import RapportEngine

/// A campaign planned on the demo base, measured against its holdout: with nothing added, the
/// demo's purchases owe nothing to it and the intervals contain 0; with purchases added for a
/// known share of treated contacts, the revenue interval contains the true uplift.
@Suite struct DemoUpliftTests {
    @Test func intervalsContainTheTrueUpliftOnTheDemoBase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-uplift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteKnowledgeBase(path: directory.appendingPathComponent("kb.sqlite").path)
        let files = try DemoGenerator.generate(DemoConfiguration(customers: 3_000, seed: 21), into: directory.path)
        for (kind, file) in [
            (ImportKind.products, files.products), (.customers, files.customers), (.orders, files.orders), (.consents, files.consents),
        ] {
            _ = try Importer.run(kind, file: file, into: store)
        }
        let lastOrder = try #require(try store.summary().lastOrder)
        let sentAt = Instant(secondsSinceEpoch: (lastOrder.dayNumber - 40) * 86_400 + 10 * 3_600)
        var definition = CampaignDefinition(name: "Measured", target: #"kind = "customer""#, at: sentAt)
        definition.holdout = 0.5
        var policy = PressurePolicy()
        policy.allowedDays = Set(Weekday.allCases)
        policy.quietHours = nil
        let campaign = try store.editingRecords { editor in
            let book = CampaignBook(editor)
            try book.setPolicy(policy, at: sentAt)
            let stored = try book.save(definition, source: "test", at: sentAt)
            try book.setStatus(.scheduled, of: stored, at: sentAt)
            return stored
        }
        _ = try CampaignOperations.run(store: store, now: sentAt)
        let contacts = StoredTable.named("contacts")
        let treated = try store.editingRecords { editor in
            let planned = try editor.rows(
                of: contacts, matching: [ColumnMatch("campaign_id", .integer(campaign.id)), ColumnMatch("status", .text("planned"))])
            for row in planned {
                try editor.update(
                    contacts, setting: [ColumnMatch("status", .text("sent")), ColumnMatch("sent_at", row[contacts.index(of: "planned_at")])],
                    matching: [ColumnMatch("customer_id", row[0]), ColumnMatch("id", row[1])])
            }
            return planned
        }
        let before = try store.editingRecords { try CampaignMeasurement(windowDays: 14).results(of: campaign, editor: $0) }
        #expect(before.treated > 500 && before.heldOut > 500, "\(before.treated) treated, \(before.heldOut) held out")
        #expect(try #require(before.conversion.interval).contains(0), "no true effect: \(String(describing: before.conversion.interval))")
        #expect(try #require(before.revenuePerContact.interval).contains(0))

        // One treated contact in five buys 50 more the day after: +10 per treated contact.
        var orders: [[StoredValue]] = []
        var next: Int64 = 9_000_000
        for row in treated where (row[1].integerValue ?? 0) % 5 == 0 {
            next += 1
            let at = (row[contacts.index(of: "planned_at")].integerValue ?? 0) + 86_400
            orders.append([
                row[0], .integer(next), .text("U\(next)"), .integer(at), .text("web"), .null, .text("completed"), .real(50), .real(20),
                .integer(1), .text("EUR"), .integer(next),
            ])
        }
        try store.editingRecords { try $0.insert(rows: orders, into: StoredTable.named("orders")) }
        let after = try store.editingRecords { try CampaignMeasurement(windowDays: 14).results(of: campaign, editor: $0) }
        let trueUplift = 50.0 * Double(orders.count) / Double(after.treated)
        let interval = try #require(after.revenuePerContact.interval)
        #expect(interval.contains(trueUplift), "Welch interval \(interval) contains the true \(trueUplift)")
        #expect(interval.lowerBound > 0 && after.conversion.isSignificant)
    }
}
