import Foundation
import RapportIngest
import Testing

/// The demo-data generator: determinism, file shapes, and the realism and faults it promises.
@Suite("Demo data generator")
struct DemoGeneratorTests {
    static let start = "2024-10-31T00:00:00Z"
    static let end = "2026-10-31T23:59:59Z"

    @Test func sameConfigurationGivesIdenticalBytes() throws {
        let configuration = DemoConfiguration(customers: 600, seed: 7)
        let first = try DemoGeneratorOutput(configuration)
        let second = try DemoGeneratorOutput(configuration)
        for (a, b) in zip(first.paths, second.paths) {
            #expect(a != b)
            #expect(first.data(a) != nil)
            #expect(first.data(a) == second.data(b), "\(a)")
        }
    }

    @Test func anotherSeedGivesOtherData() throws {
        let a = try DemoGeneratorOutput(DemoConfiguration(customers: 600, seed: 7))
        let b = try DemoGeneratorOutput(DemoConfiguration(customers: 600, seed: 8))
        #expect(a.text(a.files.customers) != b.text(b.files.customers))
        #expect(a.text(a.files.orders) != b.text(b.files.orders))
        #expect(a.text(a.files.events) != b.text(b.files.events))
        #expect(a.text(a.files.consents) != b.text(b.files.consents))
    }

    @Test func headersAreThoseOfTheFormats() throws {
        let demo = try DemoData.shared()
        #expect(
            demo.customers.header == [
                "customer_id", "kind", "first_name", "last_name", "email", "phone", "birth_date", "gender", "postcode",
                "city", "country", "timezone", "preferred_channel", "created_at", "attr.loyalty_card",
                "attr.acquisition_source",
            ])
        #expect(demo.products.header == ["sku", "name", "category", "price", "unit_cost"])
        #expect(
            demo.orders.header == [
                "order_id", "customer_id", "placed_at", "channel", "store", "status", "currency", "total", "sku",
                "quantity", "amount",
            ])
        #expect(demo.consents.header == ["customer_id", "channel", "status", "source", "at"])
        let keys: Set<String> = ["event_id", "customer_id", "type", "channel", "at", "campaign", "properties"]
        for event in demo.events { #expect(Set(event.keys) == keys) }
        for table in [demo.customers, demo.products, demo.orders, demo.consents] {
            for row in table.rows { #expect(row.count == table.header.count) }
        }
    }

    @Test func returnedCountsMatchTheFiles() throws {
        let demo = try DemoData.shared()
        let files = demo.output.files
        #expect(files.customerRows == 1_000)
        #expect(files.customerRows == demo.customers.rows.count)
        #expect(files.productRows == demo.products.rows.count)
        #expect((150...300).contains(files.productRows))
        #expect(files.orderRows == demo.orders.rows.count)
        #expect(files.orderCount == Set(demo.orders.column("order_id")).count)
        #expect(files.eventRows == demo.events.count)
        #expect(files.consentRows == demo.consents.rows.count)
        for path in demo.output.paths {
            #expect(path.hasPrefix("/"))
            let text = demo.output.text(path)
            #expect(text.hasSuffix("\n") && !text.contains("\r"))
        }
        let lineCount = demo.output.text(files.orders).split(separator: "\n").count
        #expect(lineCount == files.orderRows + 1)
    }

    @Test func prospectsOneTimeAndRepeatBuyersAllAppear() throws {
        let demo = try DemoData.shared()
        var ordersOf: [String: Set<String>] = [:]
        for row in demo.orders.rows { ordersOf[row[1], default: []].insert(row[0]) }
        let kinds = Dictionary(demo.customers.rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let prospects = kinds.filter { $0.value == "prospect" }.map(\.key)
        let customers = kinds.filter { $0.value == "customer" }.map(\.key)
        #expect(kinds.values.allSatisfy { $0 == "prospect" || $0 == "customer" })
        #expect((0.6...0.8).contains(Double(customers.count) / 1_000))
        #expect(prospects.allSatisfy { ordersOf[$0] == nil })
        #expect(customers.allSatisfy { (ordersOf[$0]?.count ?? 0) >= 1 })
        let oneTime = customers.filter { ordersOf[$0]?.count == 1 }.count
        let repeatBuyers = customers.filter { (ordersOf[$0]?.count ?? 0) >= 2 }.count
        let loyal = customers.filter { (ordersOf[$0]?.count ?? 0) >= 6 }.count
        #expect(oneTime > 100)
        #expect(repeatBuyers > 200)
        #expect(loyal > 10)
        // Lost customers: a first order in the first year and nothing in the last nine months.
        let lastOrder = Dictionary(demo.orders.rows.map { ($0[1], $0[2]) }, uniquingKeysWith: max)
        let firstOrder = Dictionary(demo.orders.rows.map { ($0[1], $0[2]) }, uniquingKeysWith: min)
        let lost = customers.filter { firstOrder[$0, default: ""] < "2025-06-01" && lastOrder[$0, default: ""] < "2026-02-01" }
        #expect(lost.count > 50)
    }

    @Test func deliberateErrorsAreThere() throws {
        let demo = try DemoData.shared()
        let emails = demo.customers.column("email")
        let phones = demo.customers.column("phone")
        let countries = demo.customers.column("country")
        let births = demo.customers.column("birth_date")
        #expect(emails.contains { $0.contains("@@") })
        #expect(emails.contains { !$0.isEmpty && ($0.hasSuffix("@") || !$0.contains("@") || !($0.split(separator: "@").last ?? "").contains(".")) })
        #expect(phones.contains { $0.contains { $0.isLetter } })
        #expect(phones.contains { !$0.isEmpty && $0.filter(\.isNumber).count < 9 })
        #expect(countries.contains { $0 == "XX" || $0 == "UK" })
        #expect(countries.contains { $0.count == 3 })
        #expect(births.contains { $0 > "2027" && $0.count == 10 })
        #expect(births.contains { !$0.isEmpty && !DemoGeneratorTests.isDate($0) })
        let faulty = demo.customers.rows.filter { row in
            let email = row[4], phone = row[5], birth = row[6], country = row[10]
            return email.contains("@@") || email.hasSuffix("@") || phone.contains { $0.isLetter }
                || (!phone.isEmpty && phone.filter(\.isNumber).count < 9) || country.count == 3 || country == "XX"
                || country == "UK" || (!birth.isEmpty && (!DemoGeneratorTests.isDate(birth) || birth > "2027"))
        }
        #expect((10...25).contains(faulty.count), "about 1.5 % of 1,000 rows: \(faulty.count)")

        // Orders and events for people who are not in customers.csv; lines with unknown SKUs.
        let ids = Set(demo.customers.column("customer_id"))
        let orphanOrders = Set(demo.orders.rows.filter { !ids.contains($0[1]) }.map { $0[0] })
        #expect(orphanOrders.count >= 2 && Double(orphanOrders.count) <= Double(demo.output.files.orderCount) * 0.01)
        let orphanEvents = demo.events.filter { !ids.contains($0["customer_id"] as? String ?? "") }
        #expect(orphanEvents.count >= 2 && Double(orphanEvents.count) <= Double(demo.events.count) * 0.01)
        let skus = Set(demo.products.column("sku"))
        #expect(demo.orders.column("sku").contains { !skus.contains($0) })
    }

    @Test func somePeopleAreEnteredTwice() throws {
        let demo = try DemoData.shared()
        var byEmail: [String: [[String]]] = [:]
        for row in demo.customers.rows where !row[4].isEmpty { byEmail[row[4].lowercased(), default: []].append(row) }
        let sameEmail = byEmail.values.filter { $0.count > 1 }
        #expect(sameEmail.contains { $0.map { $0[4] }.count != Set($0.map { $0[4] }).count || Set($0.map { $0[4] }).count > 1 })
        #expect(sameEmail.contains { Set($0.map { $0[4] }).count > 1 }, "the same address in another case")
        #expect(sameEmail.contains { Set($0.map { $0[2] + " " + $0[3] }).count > 1 }, "a name spelt differently")
        var byPhone: [String: Set<String>] = [:]
        for row in demo.customers.rows where !row[5].isEmpty && !row[5].contains(where: \.isLetter) {
            byPhone[DemoGeneratorTests.nationalDigits(row[5]), default: []].insert(row[5])
        }
        #expect(byPhone.values.contains { $0.count > 1 }, "the same phone written differently")
        #expect((5...30).contains(sameEmail.count + byPhone.values.filter { $0.count > 1 }.count))
    }

    @Test func theRowsOfAnOrderFollowEachOther() throws {
        let demo = try DemoData.shared()
        var finished: Set<String> = []
        var current = ""
        var header: [String] = []
        var previousTime = ""
        for row in demo.orders.rows {
            if row[0] != current {
                #expect(!finished.contains(row[0]), "order \(row[0]) is split")
                finished.insert(current)
                current = row[0]
                header = Array(row[0..<8])
                #expect(row[2] >= previousTime, "orders are in time order")
                previousTime = row[2]
            } else {
                #expect(Array(row[0..<8]) == header, "the header is repeated on every line")
            }
            #expect(row[7].isEmpty)
            #expect(row[6] == "EUR")
            #expect(["web", "store", "app", "phone"].contains(row[3]))
            #expect(row[3] == "store" ? !row[4].isEmpty : row[4].isEmpty)
            #expect(["completed", "returned", "cancelled"].contains(row[5]))
            #expect((1...3).contains(Int(row[9]) ?? 0))
            #expect(Double(row[10]) ?? -1 > 0)
        }
        var lineCounts: [String: Int] = [:]
        for id in demo.orders.column("order_id") { lineCounts[id, default: 0] += 1 }
        #expect(lineCounts.values.allSatisfy { (1...6).contains($0) })
        #expect(lineCounts.values.contains(1) && lineCounts.values.contains { $0 >= 4 })
        let statuses = demo.orders.column("status")
        #expect(statuses.filter { $0 == "completed" }.count > statuses.count * 8 / 10)
        #expect(statuses.contains("returned") && statuses.contains("cancelled"))
    }

    @Test func basketsHaveRealAffinities() throws {
        let demo = try DemoData.shared()
        let category = Dictionary(demo.products.rows.map { ($0[0], $0[2]) }, uniquingKeysWith: { a, _ in a })
        var baskets: [String: Set<String>] = [:]
        for row in demo.orders.rows { if let c = category[row[8]] { baskets[row[0], default: []].insert(c) } }
        func lift(_ a: String, _ b: String) -> Double {
            let withA = baskets.values.filter { $0.contains(a) }
            let pB = Double(baskets.values.filter { $0.contains(b) }.count) / Double(baskets.count)
            let pBGivenA = Double(withA.filter { $0.contains(b) }.count) / Double(max(1, withA.count))
            return pBGivenA / pB
        }
        #expect(lift("Coffee & Tea", "Tableware") > 1.3)
        #expect(lift("Bakeware", "Kitchen") > 1.3)
        #expect(lift("Garden", "Cleaning") > 1.3)
        #expect(lift("Garden", "Coffee & Tea") < 1)
    }

    @Test func productsReadAsAShopCatalogue() throws {
        let demo = try DemoData.shared()
        #expect(Set(demo.products.column("category")).count == 10)
        for row in demo.products.rows {
            #expect(row[0].hasPrefix("P") && row[0].count == 5)
            let price = Double(row[3]) ?? 0, cost = Double(row[4]) ?? 0
            let margin = (price - cost) / price
            #expect(price > 0 && margin >= 0.24 && margin <= 0.61, "\(row)")
        }
        let text = demo.output.text(demo.output.files.products)
        #expect(text.contains("\"Mixing Bowls, Set of 3\""))
        #expect(text.contains("\"Kids' Apron \"\"Little Chef\"\"\""))
    }

    @Test func peopleLookReal() throws {
        let demo = try DemoData.shared()
        let rows = demo.customers.rows
        let countries = demo.customers.column("country").map { $0.uppercased() }
        #expect(Double(countries.filter { $0 == "FR" }.count) > 0.6 * Double(rows.count))
        for code in ["GB", "BE", "CH"] { #expect(countries.contains(code)) }
        let firstNames = Set(demo.customers.column("first_name"))
        #expect(firstNames.count > 50)
        #expect(firstNames.contains { $0.contains { "éèëïçô".contains($0) } })
        for row in rows where row[10] == "FR" && !row[8].isEmpty {
            #expect(row[8].count == 5 && row[8].allSatisfy(\.isNumber))
        }
        let phones = demo.customers.column("phone")
        #expect(phones.contains { $0.hasPrefix("0") && $0.contains(" ") })
        #expect(phones.contains { $0.hasPrefix("+33 ") })
        #expect(phones.contains { $0.hasPrefix("+44") })
        for email in demo.customers.column("email") where !email.isEmpty && !email.contains("@@") && email == email.lowercased() {
            #expect(email.allSatisfy { $0.isASCII }, "\(email)")
        }
        #expect(Set(demo.customers.column("timezone")).isSuperset(of: ["Europe/Paris", "Europe/London"]))
        #expect(demo.customers.column("attr.loyalty_card").contains { !$0.isEmpty })
        #expect(Set(demo.customers.column("attr.acquisition_source")).count >= 5)
        for birth in demo.customers.column("birth_date") where DemoGeneratorTests.isDate(birth) && birth < "2027" {
            #expect(birth >= "1940-01-01" && birth <= "2006-12-31")
        }
    }

    @Test func eventsAreJSONObjectsOfTheRightKinds() throws {
        let demo = try DemoData.shared()
        let types = Set(demo.events.compactMap { $0["type"] as? String })
        #expect(types == ["web_visit", "cart_abandoned", "email_open", "email_click", "complaint", "survey_answer", "return"])
        let perPerson = Double(demo.events.count) / 1_000
        #expect((5...10).contains(perPerson), "\(perPerson) events per person")
        for event in demo.events {
            #expect(event["properties"] is [String: Any])
            #expect(event["campaign"] is String || event["campaign"] is NSNull)
        }
        let clicks = demo.events.filter { $0["type"] as? String == "email_click" }
        #expect(clicks.allSatisfy { ($0["campaign"] as? String)?.isEmpty == false })
        #expect(clicks.contains { ($0["campaign"] as? String)?.hasPrefix("NL-20") == true })
        let scores = demo.events.compactMap { event -> (String, Int)? in
            guard let p = event["properties"] as? [String: Any], let s = p["survey"] as? String, let n = p["score"] as? Int else { return nil }
            return (s, n)
        }
        #expect(scores.allSatisfy { $0.0 == "nps" ? (0...10).contains($0.1) : (1...5).contains($0.1) })
        #expect(scores.contains { $0.0 == "csat" })
        let ids = demo.events.compactMap { $0["event_id"] as? String }
        #expect(Set(ids).count == ids.count)
    }

    @Test func unhappyCustomersChurnMore() throws {
        let demo = try DemoData.shared()
        var complained: Set<String> = []
        for event in demo.events where event["type"] as? String == "complaint" {
            if let order = (event["properties"] as? [String: Any])?["order_id"] as? String { complained.insert(order) }
        }
        var ordersOf: [String: [String]] = [:]
        var seen: Set<String> = []
        for row in demo.orders.rows where seen.insert(row[0]).inserted { ordersOf[row[1], default: []].append(row[2] + " " + row[0]) }
        // After an order placed early enough for another to follow, does another follow?
        var after: [Bool: (orders: Int, followed: Int)] = [true: (0, 0), false: (0, 0)]
        for orders in ordersOf.values {
            let sorted = orders.sorted()
            for (index, entry) in sorted.enumerated() where entry < "2026-03-01" {
                let key = complained.contains(String(entry.split(separator: " ")[1]))
                after[key]!.orders += 1
                if index + 1 < sorted.count { after[key]!.followed += 1 }
            }
        }
        let unhappy = after[true]!, happy = after[false]!
        #expect(unhappy.orders >= 20)
        let unhappyRate = Double(unhappy.followed) / Double(max(1, unhappy.orders))
        let happyRate = Double(happy.followed) / Double(max(1, happy.orders))
        #expect(unhappyRate < happyRate - 0.1, "\(unhappyRate) vs \(happyRate)")
    }

    @Test func everyTimeIsInsideThePeriod() throws {
        let demo = try DemoData.shared()
        var times = demo.orders.column("placed_at") + demo.customers.column("created_at") + demo.consents.column("at")
        times += demo.events.compactMap { $0["at"] as? String }
        #expect(times.count > 10_000)
        for time in times {
            #expect(time.count == 20 && time.hasSuffix("Z") && Array(time)[10] == "T", "\(time)")
            #expect(time >= Self.start && time <= Self.end, "\(time)")
        }
        let people = demo.customers.rows.map { ($0[0], $0[13]) }
        let created = Dictionary(people, uniquingKeysWith: { a, _ in a })
        for row in demo.orders.rows { if let c = created[row[1]] { #expect(c <= row[2]) } }
        for row in demo.consents.rows { #expect(created[row[0], default: "~"] <= row[4]) }
        for event in demo.events {
            if let id = event["customer_id"] as? String, let c = created[id], let at = event["at"] as? String {
                #expect(c <= at, "\(event)")
            }
        }
        var perPerson: [String: Int] = [:]
        for row in demo.consents.rows { perPerson[row[0], default: 0] += 1 }
        #expect(perPerson.count == 1_000 && perPerson.values.allSatisfy { (1...4).contains($0) })
        #expect(Set(demo.consents.column("status")) == ["granted", "denied", "revoked"])
        #expect(Set(demo.consents.column("source")) == ["web_form", "store", "import"])
        #expect(Set(demo.consents.column("channel")) == ["email", "sms", "phone", "mail"])
    }

    @Test func otherPeriodsAndBadConfigurations() throws {
        let demo = try DemoGeneratorOutput(DemoConfiguration(customers: 300, seed: 1, endDate: "2020-02-29", years: 1))
        let orders = try DemoTable(demo.text(demo.files.orders))
        for time in orders.column("placed_at") { #expect(time >= "2019-02-28T00:00:00Z" && time <= "2020-02-29T23:59:59Z") }
        let empty = try DemoGeneratorOutput(DemoConfiguration(customers: 0))
        #expect(empty.files.customerRows == 0 && empty.files.orderRows == 0 && empty.files.productRows > 0)
        #expect(throws: DemoError.self) { try DemoGenerator.generate(DemoConfiguration(customers: -1), into: NSTemporaryDirectory()) }
        #expect(throws: DemoError.self) {
            try DemoGenerator.generate(DemoConfiguration(customers: 10, endDate: "31/10/2026"), into: NSTemporaryDirectory())
        }
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m)
        else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[m - 1]).contains(d)
    }

    /// The significant digits of a phone number, without country code or trunk zero.
    static func nationalDigits(_ phone: String) -> String {
        var digits = phone.replacingOccurrences(of: "(0)", with: "").filter(\.isNumber)
        if phone.hasPrefix("+") { digits.removeFirst(2) } else if digits.hasPrefix("00") { digits.removeFirst(4) }
        if digits.hasPrefix("0") { digits.removeFirst() }
        return digits
    }
}

/// One generation into a fresh temporary directory, read back into memory; the directory is then
/// removed.
fileprivate struct DemoGeneratorOutput: Sendable {
    let files: DemoFiles
    let contents: [String: Data]

    init(_ configuration: DemoConfiguration) throws {
        let directory = NSTemporaryDirectory() + "rapport-demo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        files = try DemoGenerator.generate(configuration, into: directory)
        var contents: [String: Data] = [:]
        for path in [files.customers, files.products, files.orders, files.events, files.consents] {
            #expect(path.hasPrefix(directory))
            contents[path] = FileManager.default.contents(atPath: path)
        }
        self.contents = contents
    }

    var paths: [String] { [files.customers, files.products, files.orders, files.events, files.consents] }

    func data(_ path: String) -> Data? { contents[path] }

    func text(_ path: String) -> String {
        contents[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// A CSV file read back: header and rows (RFC 4180 quoting).
fileprivate struct DemoTable: Sendable {
    let header: [String]
    let rows: [[String]]

    struct Malformed: Error {}

    init(_ text: String) throws {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" && field.isEmpty {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted, record.isEmpty, field.isEmpty, let first = records.first else { throw Malformed() }
        header = first
        rows = Array(records.dropFirst())
    }

    func column(_ name: String) -> [String] {
        guard let index = header.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }
}

/// The files of `customers: 1000, seed: 42`, generated once and read back for the tests that only
/// look at them.
fileprivate final class DemoData: @unchecked Sendable {
    let output: DemoGeneratorOutput
    let customers: DemoTable
    let products: DemoTable
    let orders: DemoTable
    let consents: DemoTable
    let events: [[String: Any]]

    private init() throws {
        output = try DemoGeneratorOutput(DemoConfiguration(customers: 1_000, seed: 42))
        customers = try DemoTable(output.text(output.files.customers))
        products = try DemoTable(output.text(output.files.products))
        orders = try DemoTable(output.text(output.files.orders))
        consents = try DemoTable(output.text(output.files.consents))
        events = try output.text(output.files.events).split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw DemoTable.Malformed()
            }
            return object
        }
    }

    private static let cached: Result<DemoData, any Error> = Result { try DemoData() }

    static func shared() throws -> DemoData { try cached.get() }
}
