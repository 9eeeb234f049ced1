import Foundation
import RapportCore
import RapportIngest
import RapportSQLite
import Testing

/// The real CDNOW purchase file, imported as orders through a column mapping.
@Suite("CDNOW through a mapping")
struct CDNOWImportTests {
    static var masterFile: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("shared/data/cdnow/CDNOW_master.txt").path
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: masterFile), "needs ../shared/data/cdnow"))
    func importsEveryPurchaseOfEveryCustomer() throws {
        let scratch = try Scratch()
        let mappingPath = try scratch.file(
            "cdnow.json",
            """
            {"delimiter": "whitespace", "dateFormat": "yyyyMMdd", "generatedIds": "line",
             "columns": {"customer_id": "customer_id", "placed_at": "date", "total": "dollar_value", "items": "number_of_cds"},
             "constants": {"currency": "USD", "channel": "web"}}
            """)
        let options = ImportOptions(
            mapping: try ColumnMapping(contentsOf: mappingPath), createMissingCustomers: true, now: testNow)
        let store = try scratch.store()
        // The shared file is read-only: copy it so that the rejects file (if any) can be written.
        let input = scratch.directory + "/CDNOW_master.txt"
        try FileManager.default.copyItem(atPath: Self.masterFile, toPath: input)
        let summary = try Importer.run(.orders, file: input, options: options, into: store)
        #expect(summary.counts == ImportCounts(inserted: 69_659, updated: 0, unchanged: 0, rejected: 0))
        #expect(summary.createdCustomers == 23_570)
        #expect(try store.scalar("SELECT count(*) FROM customers WHERE kind = 'customer'") == 23_570)
        #expect(try store.scalar("SELECT count(*) FROM orders") == 69_659)
        #expect(try store.scalar("SELECT count(DISTINCT customer_id) FROM orders") == 23_570)
        #expect(try store.scalar("SELECT sum(items) FROM orders") == 167_881)
        #expect(try store.scalar("SELECT CAST(round(sum(total)) AS INTEGER) FROM orders") == 2_500_316)
        #expect(try store.scalar("SELECT min(placed_at) FROM orders") == Instant(CalendarDate(year: 1997, month: 1, day: 1)!).secondsSinceEpoch)
        #expect(try store.scalar("SELECT max(placed_at) FROM orders") == Instant(CalendarDate(year: 1998, month: 6, day: 30)!).secondsSinceEpoch)
        let again = try Importer.run(.orders, file: input, options: options, into: store)
        #expect(again.counts.unchanged == 69_659)
        #expect(again.createdCustomers == 0)
    }
}
