import Foundation
import RapportCore
import RapportIngest
import RapportSQLite
import Testing

@Suite("Importing orders with their baskets")
struct OrderImportTests {
    static let products = """
        sku,name,category,price,unit_cost
        P1,Espresso cups (x4),Tableware,24.00,9.50
        P2,Coffee beans 1kg,Coffee & Tea,18.90,7.00
        P3,Gift card,Gifts,25,

        """
    static let customers = "customer_id,kind,email\nC1,prospect,ann@example.fr\nC2,customer,bob@example.fr\n"

    func prepared() throws -> (Scratch, SQLiteKnowledgeBase) {
        let scratch = try Scratch()
        let store = try scratch.store()
        let options = ImportOptions(now: testNow)
        _ = try Importer.run(.products, file: try scratch.file("products.csv", Self.products), options: options, into: store)
        _ = try Importer.run(.customers, file: try scratch.file("customers.csv", Self.customers), options: options, into: store)
        return (scratch, store)
    }

    func importOrders(_ path: String, _ store: SQLiteKnowledgeBase, _ options: ImportOptions = ImportOptions(now: testNow)) throws -> ImportSummary {
        try Importer.run(.orders, file: path, options: options, into: store)
    }

    @Test func groupsLinesIntoOrdersAndDerivesTotalsAndMargins() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "orders.csv",
            """
            order_id,customer_id,placed_at,channel,sku,quantity,amount
            O1,C1,2025-05-01T10:00:00Z,web,P1,2,48.00
            O1,C1,2025-05-01T10:00:00Z,web,P2,1,18.90
            O2,C2,2025-06-01,store,P3,1,25

            """)
        let summary = try importOrders(path, store)
        #expect(summary.counts == ImportCounts(inserted: 2, updated: 0, unchanged: 0, rejected: 0))
        #expect(summary.promotedProspects == 1)
        let c1 = try store.view("C1", recent: 5)
        #expect(c1.customer.kind == .customer)
        let order = try #require(c1.recentOrders.first)
        #expect(order.lines.map(\.sku) == ["P1", "P2"])
        #expect(abs(order.total - 66.90) < 1e-9)
        #expect(order.items == 3)
        // 66.90 - (2 x 9.50 + 1 x 7.00)
        #expect(abs((order.margin ?? 0) - 40.90) < 1e-9)
        // A product without a unit cost leaves the margin unknown.
        #expect(try store.scalar("SELECT count(*) FROM orders WHERE external_id = 'O2' AND margin IS NULL") == 1)
        #expect(try importOrders(path, store).counts == ImportCounts(inserted: 0, updated: 0, unchanged: 2, rejected: 0))
    }

    @Test func aBadLineRejectsItsWholeOrderAndListsEveryRow() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "orders.csv",
            """
            order_id,customer_id,placed_at,sku,quantity,amount
            O1,C1,2025-05-01,P1,1,24
            O1,C1,2025-05-01,P404,1,10
            O2,C404,2025-05-02,P1,1,24
            O3,C2,2025-05-03,P2,0,18.90
            O4,C2,2025-05-04,P2,1,18.90

            """)
        let summary = try importOrders(path, store)
        #expect(summary.counts == ImportCounts(inserted: 1, updated: 0, unchanged: 0, rejected: 3))
        let rejects = try #require(scratch.read(path + ".rejects.csv"))
        #expect(rejects.contains("3,sku,P404,unknown product; import the catalogue first"))
        #expect(rejects.contains("2,order_id,O1,\"rejected with its order, which has an error on line 3\""))
        #expect(rejects.contains("4,customer_id,C404,\"no customer with this id in the base; import the customers first, or pass --create-customers\""))
        #expect(rejects.contains("5,quantity,0,must be at least 1"))
        #expect(try store.scalar("SELECT count(*) FROM order_lines") == 1)
    }

    @Test func createsUnknownCustomersWhenAsked() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file("orders.csv", "order_id,customer_id,placed_at,total\nO1,NEW1,2025-01-02,10\nO2,NEW1,2025-02-02,12.5\nO3,C2,2025-03-01,3\n")
        let summary = try importOrders(path, store, ImportOptions(createMissingCustomers: true, now: testNow))
        #expect(summary.counts.inserted == 3)
        #expect(summary.createdCustomers == 1)
        #expect(try store.scalar("SELECT count(*) FROM customers WHERE external_id = 'NEW1' AND kind = 'customer'") == 1)
    }

    @Test func rowsOfAnOrderMustFollowEachOther() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "orders.csv",
            "order_id,customer_id,placed_at,sku,amount\nO1,C1,2025-05-01,P1,24\nO2,C2,2025-05-01,P1,24\nO1,C1,2025-05-01,P2,18.9\n")
        let summary = try importOrders(path, store)
        #expect(summary.counts == ImportCounts(inserted: 2, updated: 0, unchanged: 0, rejected: 1))
        #expect(scratch.read(path + ".rejects.csv")?.contains("must follow each other; it already appeared at line 2") == true)
    }

    @Test func readsLinesFromASeparateFile() throws {
        let (scratch, store) = try prepared()
        let orders = try scratch.file("orders.csv", "order_id,customer_id,placed_at,status\nO1,C1,2025-05-01,completed\nO2,C2,2025-05-02,returned\n")
        let lines = try scratch.file("lines.csv", "order_id,sku,quantity,amount\nO1,P1,1,24\nO2,P2,2,37.8\nO1,P2,1,18.9\nO9,P1,1,24\nO2,PX,1,1\n")
        let summary = try importOrders(orders, store, ImportOptions(linesFile: lines, now: testNow))
        // O2 has a bad line (PX): the order is rejected whole, with its good line.
        #expect(summary.counts == ImportCounts(inserted: 1, updated: 0, unchanged: 0, rejected: 1))
        #expect(summary.linesAttached == 2)
        #expect(summary.linesRejected == 3)
        #expect(try store.scalar("SELECT count(*) FROM order_lines") == 2)
        #expect(try store.scalar("SELECT CAST(total * 100 AS INTEGER) FROM orders WHERE external_id = 'O1'") == 4290)
        let lineRejects = try #require(scratch.read(lines + ".rejects.csv"))
        #expect(lineRejects.contains("5,order_id,O9,no such order in orders.csv"))
        #expect(lineRejects.contains("6,sku,PX,unknown product"))
        #expect(lineRejects.contains("3,order_id,O2,\"rejected with its order, which has an error on line 3 of the orders file\""))
        let orderRejects = try #require(scratch.read(orders + ".rejects.csv"))
        #expect(orderRejects.contains("3,order_id,O2,its basket line 6 of the lines file is rejected"))
    }

    @Test func aBrokenRecordInsideAnOrderRejectsTheOrder() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "orders.csv",
            "order_id,customer_id,placed_at,sku,amount\nO1,C1,2025-05-01,P1,24\nO1,C1,2025-05-01,P2,18.9,extra\nO2,C2,2025-05-01,P1,24\n")
        let summary = try importOrders(path, store)
        #expect(summary.counts == ImportCounts(inserted: 1, updated: 0, unchanged: 0, rejected: 1))
        #expect(try store.scalar("SELECT count(*) FROM orders WHERE external_id = 'O1'") == 0)
        let rejects = try #require(scratch.read(path + ".rejects.csv"))
        #expect(rejects.contains("2,order_id,O1,\"rejected with its order, which has an error on line 3\""))
        #expect(rejects.contains("3,,,\"this line has 6 fields where the header has 5"))
    }

    @Test func aRejectedOrderCreatesNoCustomer() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "orders.csv",
            "order_id,customer_id,placed_at,total\nO1,NEW1,2025-01-02,\nO2,NEW2,2025-01-02,5\nO3,C1,2025-01-02,5\nO2,NEW3,2025-01-03,5\n")
        let summary = try importOrders(path, store, ImportOptions(createMissingCustomers: true, now: testNow))
        #expect(summary.counts == ImportCounts(inserted: 2, updated: 0, unchanged: 0, rejected: 2))
        #expect(summary.createdCustomers == 1)
        #expect(try store.customerID(matching: "NEW1") == nil)
        #expect(try store.customerID(matching: "NEW3") == nil)
    }

    @Test func aChangedOrderReplacesItsLines() throws {
        let (scratch, store) = try prepared()
        _ = try importOrders(try scratch.file("a.csv", "order_id,customer_id,placed_at,sku,amount\nO1,C1,2025-05-01,P1,24\nO1,C1,2025-05-01,P2,18.9\n"), store)
        let summary = try importOrders(try scratch.file("b.csv", "order_id,customer_id,placed_at,sku,amount\nO1,C2,2025-05-01,P3,25\n"), store)
        #expect(summary.counts == ImportCounts(inserted: 0, updated: 1, unchanged: 0, rejected: 0))
        #expect(try store.scalar("SELECT count(*) FROM order_lines") == 1)
        #expect(try store.scalar("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'C2'") == 1)
    }

    @Test func refusesFutureAndNegativeValues() throws {
        let (scratch, store) = try prepared()
        let path = try scratch.file(
            "orders.csv",
            "order_id;customer_id;placed_at;total\nO1;C1;2031-01-01;10\nO2;C1;2025-01-01;-5\nO3;C1;2025-01-01;\nO4;C1;2025-01-01;1,234\nO5;C1;2025-01-01;12,50\n")
        let summary = try importOrders(path, store)
        #expect(summary.counts.rejected == 4)
        #expect(try store.scalar("SELECT CAST(total * 100 AS INTEGER) FROM orders WHERE external_id = 'O5'") == 1250)
        let rejects = try #require(scratch.read(path + ".rejects.csv"))
        #expect(rejects.contains("2,placed_at,2031-01-01,in the future"))
        #expect(rejects.contains("3,total,-5,may not be negative"))
        #expect(rejects.contains("4,total,,an order without basket lines needs its total"))
        #expect(rejects.contains("5,total,\"1,234\",\"ambiguous: a comma followed by three digits"))
    }
}

@Suite("Mappings that reuse a Rapport name")
struct MappingCollisionTests {
    @Test func aColumnMappedToOneFieldIsNotReadAsAnother() throws {
        let scratch = try Scratch()
        let store = try scratch.store()
        let mapping = try scratch.file("m.json", #"{"columns": {"placed_at": "date", "total": "amount"}}"#)
        let options = ImportOptions(mapping: try ColumnMapping(contentsOf: mapping), createMissingCustomers: true, now: testNow)
        let csv = try scratch.file("tx.csv", "customer_id,order_id,date,amount\nC0,1,2023-01-20,27.63\nC0,2,2023-08-30,31.13\n")
        #expect(try Importer.run(.orders, file: csv, options: options, into: store).counts.inserted == 2)
        let jsonl = try scratch.file("tx.jsonl", #"{"customer_id":"C1","order_id":"3","date":"2023-01-20","amount":5}"# + "\n")
        #expect(try Importer.run(.orders, file: jsonl, options: options, into: store).counts.inserted == 1)
        #expect(try store.scalar("SELECT CAST(sum(total) * 100 AS INTEGER) FROM orders") == 6376)
    }
}

@Suite("Identifiers generated for files that have none")
struct GeneratedIdentifierTests {
    @Test func twoFilesOfTheSameNameDoNotOverwriteEachOther() throws {
        let scratch = try Scratch()
        let store = try scratch.store()
        let mapping = try scratch.file("m.json", #"{"generatedIds": "line"}"#)
        let options = ImportOptions(mapping: try ColumnMapping(contentsOf: mapping), createMissingCustomers: true, now: testNow)
        try FileManager.default.createDirectory(atPath: scratch.directory + "/jan", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.directory + "/feb", withIntermediateDirectories: true)
        let january = try scratch.file("jan/orders.csv", "customer_id,placed_at,total\nC1,2025-01-05,10\nC1,2025-01-05,10\n")
        let february = try scratch.file("feb/orders.csv", "customer_id,placed_at,total\nC2,2025-02-05,20\n")
        // Two identical rows are two purchases.
        #expect(try Importer.run(.orders, file: january, options: options, into: store).counts.inserted == 2)
        #expect(try Importer.run(.orders, file: february, options: options, into: store).counts.inserted == 1)
        #expect(try Importer.run(.orders, file: january, options: options, into: store).counts.unchanged == 2)
        #expect(try store.scalar("SELECT count(*) FROM orders") == 3)
    }
}
