import Foundation
import RapportAnalytics
import RapportCore
import RapportEngine
import RapportSQLite

/// A small knowledge base with every kind of data a segment can test, generated from a seed: profiles
/// with gaps, custom attributes of three types, scores, orders with lines (some cancelled, some after
/// the evaluation day), events and consent histories.
struct TargetingFixture {
    static let today = CalendarDate(year: 2025, month: 6, day: 30)!
    static let categories = ["shoes", "bags", "hats", "socks"]
    static let products: [(sku: String, category: String?, price: Double)] = (1 ... 12).map { number in
        let category: String? = number == 12 ? nil : categories[number % 4]
        return (sku: "P\(number)", category: category, price: Double(10 * number))
    }
    static let eventTypes = ["cart_abandoned", "email_open", "web_visit"]
    static let segments = ["champions", "loyal", "at_risk", "hibernating"]

    let store: SQLiteKnowledgeBase
    let directory: URL

    init(customers: Int, seed: UInt64) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-targeting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteKnowledgeBase(path: directory.appendingPathComponent("kb.sqlite").path)
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        func chance(_ p: Double) -> Bool { Double(random.next() % 10_000) / 10_000 < p }
        let now = Instant(secondsSinceEpoch: 1_800_000_000)
        let todayNumber = Self.today.dayNumber
        func instant(daysAgo: Int64, second: Int64 = 0) -> Instant {
            Instant(secondsSinceEpoch: (todayNumber - daysAgo) * 86_400 + second)
        }
        var allScores: [CustomerScores] = []
        try store.importing { tx in
            for (index, product) in Self.products.enumerated() {
                try tx.insert(
                    Product(sku: product.sku, name: "Product \(product.sku)", category: product.category, price: product.price),
                    fingerprint: 0, id: Int64(index + 1), now: now)
            }
            var orderID: Int64 = 1
            var eventID: Int64 = 1
            for number in 1 ... customers {
                let id = Int64(number)
                var attributes: [String] = []
                if chance(0.6) { attributes.append("\"tier\":\"\(pick(["gold", "silver", "bronze"]))\"") }
                if chance(0.5) { attributes.append("\"points\":\(random.next() % 500)") }
                if chance(0.4) { attributes.append("\"vip\":\(chance(0.5))") }
                let customer = Customer(
                    externalID: "C\(number)", kind: pick([.customer, .customer, .prospect, .former]),
                    email: chance(0.7) ? try EmailAddress("c\(number)@example.com") : nil,
                    birthDate: chance(0.7) ? CalendarDate(dayNumber: todayNumber - Int64(6_000 + random.next() % 20_000)) : nil,
                    gender: chance(0.8) ? pick([.female, .male, .other]) : nil,
                    city: chance(0.8) ? pick(["Lyon", "Paris", "Lille", "Namur"]) : nil,
                    country: chance(0.85) ? try CountryCode(pick(["FR", "BE", "DE"])) : nil,
                    createdAt: instant(daysAgo: Int64(random.next() % 1_000)),
                    attributesJSON: "{" + attributes.joined(separator: ",") + "}")
                try tx.insert(customer, fields: .all, fingerprint: 0, id: id, now: now)
                for _ in 0 ..< Int(random.next() % 7) {
                    var lines: [OrderLine] = []
                    for _ in 0 ... Int(random.next() % 3) {
                        let product = pick(Self.products)
                        lines.append(OrderLine(sku: product.sku, quantity: 1, amount: product.price))
                    }
                    // Some orders fall after the evaluation day: they must never count.
                    let daysAgo = Int64(random.next() % 400) - 10
                    let order = Order(
                        externalID: "O\(orderID)", customerExternalID: customer.externalID,
                        placedAt: instant(daysAgo: daysAgo, second: Int64(random.next() % 86_400)),
                        status: chance(0.85) ? .completed : pick([.cancelled, .returned]),
                        total: lines.reduce(0) { $0 + $1.amount }, lines: lines)
                    let productIDs = lines.map { line in Int64(Self.products.firstIndex { $0.sku == line.sku }! + 1) }
                    try tx.insert(order, fingerprint: 0, id: orderID, customerID: id, productIDs: productIDs)
                    orderID += 1
                }
                for _ in 0 ..< Int(random.next() % 5) {
                    let event = Event(
                        externalID: "E\(eventID)", customerExternalID: customer.externalID,
                        type: try Token(pick(Self.eventTypes), field: "type"),
                        at: instant(daysAgo: Int64(random.next() % 40) - 2, second: Int64(random.next() % 86_400)))
                    try tx.insert(event, fingerprint: 0, id: eventID, customerID: id)
                    eventID += 1
                }
                for channel in [ContactChannel.email, .sms] where chance(0.6) {
                    for step in 0 ..< 1 + Int(random.next() % 2) {
                        _ = try tx.record(
                            Consent(
                                customerExternalID: customer.externalID, channel: channel,
                                status: pick([.granted, .granted, .denied, .revoked]),
                                at: instant(daysAgo: Int64(100 - step * 10))),
                            customerID: id, now: now)
                    }
                }
                if chance(0.8) {
                    var scores = CustomerScores(customerID: id)
                    scores.recency = Int(random.next() % 400)
                    scores.frequency = Int(random.next() % 8)
                    scores.monetary = Double(random.next() % 50_000) / 100
                    scores.rScore = 1 + Int(random.next() % 5)
                    scores.fScore = 1 + Int(random.next() % 5)
                    scores.mScore = 1 + Int(random.next() % 5)
                    scores.rfmSegment = pick(Self.segments)
                    scores.probabilityAlive = chance(0.9) ? Double(random.next() % 1_000) / 1_000 : nil
                    scores.lifetimeValue = chance(0.9) ? Double(random.next() % 100_000) / 100 : nil
                    scores.valueTier = pick(["low", "medium", "high"])
                    scores.lifecycleStage = pick(LifecycleStage.allCases).rawValue
                    let targets = TacticalTarget.allCases.filter { _ in chance(0.2) }.map(\.rawValue)
                    scores.tacticalTargets = targets
                    scores.tacticalTarget = targets.first
                    scores.cluster = chance(0.9) ? Int(random.next() % 4) : nil
                    allScores.append(scores)
                }
            }
        }
        try store.saveAnalysis(
            allScores,
            record: AnalysisRecord(id: 0, computedAt: now, asOf: Self.today, customers: customers, reportJSON: "{}"))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    func frame(_ needs: FrameNeeds = .everything) throws -> TargetingFrame {
        var needs = needs
        needs.eventTypes.formUnion(Self.eventTypes)
        needs.fields.formUnion([SegmentField.Source.attribute("tier"), .attribute("points"), .attribute("vip")])
        return try TargetingFrame.load(from: store, needs: needs, today: Self.today)
    }
}
