import Foundation

/// What demo data to make.
///
/// The same configuration always gives byte-identical files.
public struct DemoConfiguration: Sendable {
    /// Number of people (customers and prospects), hence of rows in customers.csv. About 70 % are
    /// customers with orders, 30 % prospects.
    public var customers: Int
    /// Seed of the pseudo-random generator; another seed gives other people and other purchases.
    public var seed: UInt64
    /// Last day of activity, `YYYY-MM-DD`; every time in the files is on or before it (UTC).
    public var endDate: String
    /// Length of the history in years, ending at `endDate`.
    public var years: Int

    /// A configuration for `customers` people, `years` of history up to `endDate`.
    public init(customers: Int, seed: UInt64 = 42, endDate: String = "2026-10-31", years: Int = 2) {
        self.customers = customers
        self.seed = seed
        self.endDate = endDate
        self.years = years
    }
}

/// The files the generator wrote (absolute paths) and how many data rows (not counting headers)
/// each holds.
public struct DemoFiles: Sendable {
    /// Path of customers.csv.
    public var customers: String
    /// Path of products.csv.
    public var products: String
    /// Path of orders.csv.
    public var orders: String
    /// Path of events.jsonl.
    public var events: String
    /// Path of consents.csv.
    public var consents: String
    /// Rows of customers.csv: exactly `DemoConfiguration.customers`.
    public var customerRows: Int
    /// Rows of products.csv (the catalogue: about 175 products in ten departments).
    public var productRows: Int
    /// Rows of orders.csv: one per basket line.
    public var orderRows: Int
    /// Distinct orders in orders.csv.
    public var orderCount: Int
    /// Lines of events.jsonl.
    public var eventRows: Int
    /// Rows of consents.csv: one to four per person.
    public var consentRows: Int
}

/// Why demo data could not be made.
public enum DemoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration is unusable (a negative count, an end date that is not `YYYY-MM-DD`…).
    case invalidConfiguration(String)
    /// A file or the directory could not be created or written.
    case cannotWrite(path: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): return "invalid demo configuration: \(reason)"
        case .cannotWrite(let path): return "cannot write \(path)"
        }
    }
}

/// Makes the data of a realistic home-goods retailer, to try Rapport on.
///
/// Guarantees:
/// - Deterministic: the same configuration gives byte-identical files (own PRNG; no clock, locale
///   or system randomness).
/// - The files follow `docs/formats.md`: UTF-8, LF line ends, CSV with a header and quoted fields
///   where needed, one JSON object per line in events.jsonl.
/// - Every time is ISO 8601 in UTC (`2025-03-14T09:30:00Z`) between the start of the period and the
///   end of `endDate`; dates are `YYYY-MM-DD`.
/// - Purchases follow a repeat-buying process with dropout (gamma-distributed rates, beta-distributed
///   dropout after each purchase, more dropout after a complaint or a poor score), seasonal, with
///   baskets whose departments go together (Coffee & Tea with Tableware, Bakeware with Kitchen…).
/// - The rows of one order follow each other; orders and events are in time order, and their
///   identifiers (`O0000001`, `E00000001`) follow that order.
/// - From 200 people up, the data carries deliberate faults for the importer to reject: about
///   1.5 % of customer rows with a bad e-mail, phone, country or birth date (each kind at least
///   once), about 1 % of people entered twice under two identifiers, about 0.2 % of orders and
///   events for identifiers in no customer row, and a few order lines with unknown SKUs.
public enum DemoGenerator {
    /// Writes customers.csv, products.csv, orders.csv (one row per basket line, order header
    /// repeated), events.jsonl, consents.csv into `directory` (created if missing), replacing files
    /// of those names.
    public static func generate(_ configuration: DemoConfiguration, into directory: String) throws -> DemoFiles {
        guard configuration.customers >= 0 else {
            throw DemoError.invalidConfiguration("the number of customers cannot be negative")
        }
        guard configuration.years >= 1, configuration.years <= 50 else {
            throw DemoError.invalidConfiguration("years must be between 1 and 50")
        }
        guard let window = DemoWindow(endDate: configuration.endDate, years: configuration.years) else {
            throw DemoError.invalidConfiguration("the end date must be a date written YYYY-MM-DD")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw DemoError.cannotWrite(path: root)
        }
        func path(_ name: String) -> String { root.hasSuffix("/") ? root + name : root + "/" + name }

        let count = configuration.customers
        let master = DemoRandom(seed: configuration.seed)
        var catalogueRandom = master.derived(1)
        var flawRandom = master.derived(2)
        var rng = master.derived(3)
        var orphanRandom = master.derived(4)

        let catalogue = DemoCatalogue(rng: &catalogueRandom)
        var products = try DemoWriter(path: path("products.csv"))
        products.out.ascii("sku,name,category,price,unit_cost\n")
        for product in catalogue.products {
            products.out.text(product.sku)
            products.out.comma()
            products.out.field(product.name)
            products.out.comma()
            products.out.field(catalogue.categories[product.category].name)
            products.out.comma()
            products.out.amount(cents: product.priceCents)
            products.out.comma()
            products.out.amount(cents: product.costCents)
            products.endRow()
        }
        try products.close()

        var customers = try DemoWriter(path: path("customers.csv"))
        DemoPeople.writeHeader(&customers.out)
        var consents = try DemoWriter(path: path("consents.csv"))
        DemoConsents.writeHeader(&consents.out)

        var people = DemoPeople(count: count, endYear: window.endYear, rng: &flawRandom)
        var purchases = DemoPurchases(catalogue: catalogue, window: window, expectedPeople: count)
        let browsing = DemoBrowsing(catalogue: catalogue, window: window)
        var events = DemoEventLog(capacity: count * 8)
        let span = Double(window.span)

        for index in 0..<count {
            let isCustomer = rng.chance(0.7)
            var person = people.person(index, isCustomer: isCustomer, rng: &rng)
            let shopper = DemoShopper(city: person.identity.city, catalogue: catalogue, rng: &rng)
            let taste = DemoWeightedTable(shopper.taste)
            var history: DemoHistory?
            if isCustomer {
                let first = window.start + Int64(rng.uniform() * span)
                let firstOrder = purchases.orders.count
                let bought = purchases.shop(person: index, shopper: shopper, firstPurchase: first, events: &events, rng: &rng)
                let lead = rng.chance(0.5) ? Double(rng.int(in: 60...1_800)) : rng.exponential(rate: 1 / (25 * DemoTime.day))
                let created = bought.firstOrder - Int64(lead)
                person.createdAt =
                    created >= window.start
                    ? created : window.start + Int64(rng.uniform() * Double(bought.firstOrder - window.start))
                for order in purchases.orders[firstOrder...] {
                    browsing.visitBefore(
                        order, lines: purchases.lines, person: index, notBefore: person.createdAt, events: &events, rng: &rng)
                }
                history = bought
            } else {
                let day = (window.start + Int64(rng.uniform() * span)) / 86_400
                person.createdAt = DemoPurchases.time(on: day, channel: .web, rng: &rng)
            }
            describeAcquisition(&person, shopper: shopper, rng: &rng)

            let (rows, subscribed) = DemoConsents.make(for: person, history: history, window: window, rng: &rng)
            for consent in rows {
                DemoConsents.write(consent, person: person.number, &consents.out)
                consents.endRow()
            }

            // Interest in the shop lasts while buying and fades a few months after the last order.
            var interestEnd = window.end
            if let dropped = history?.droppedAt { interestEnd = min(window.end, dropped + Int64(rng.uniform(30, 150) * DemoTime.day)) }
            browsing.browse(
                person: index, shopper: shopper, taste: taste, from: person.createdAt, until: interestEnd,
                intensity: isCustomer ? 1 : 0.6, events: &events, rng: &rng)
            browsing.readCampaigns(
                person: index, subscribed: subscribed, droppedAt: history?.droppedAt, taste: taste, shopper: shopper,
                events: &events, rng: &rng)

            DemoPeople.write(person, &customers.out)
            customers.endRow()
            try customers.flushIfFull()
            try consents.flushIfFull()
        }
        try customers.close()
        try consents.close()

        // Identifiers of nobody, for orders and events the importer must reject.
        var ghosts: [Int] = []
        if count >= 200 {
            for _ in 0..<max(3, count / 2_000) { ghosts.append(count + 1 + orphanRandom.int(max(1_000, count))) }
            for k in 0..<max(2, purchases.orders.count / 500) {
                purchases.addOrphan(ghost: k % ghosts.count, rng: &orphanRandom)
            }
            for k in 0..<max(2, events.events.count / 500) {
                browsing.addOrphan(ghost: k % ghosts.count, events: &events, rng: &orphanRandom)
            }
        }
        func writeCustomer(_ person: Int32, _ out: inout DemoText) {
            let number = person >= 0 ? Int(person) + 1 : ghosts[Int(-person) - 1]
            out.identifier(UInt8(ascii: "C"), number, width: 6)
        }

        // Orders in time order, numbered in that order.
        let orderList = purchases.orders
        var orderSequence = Array(orderList.indices)
        orderSequence.sort { a, b in
            orderList[a].at != orderList[b].at ? orderList[a].at < orderList[b].at : a < b
        }
        var orderNumber = [Int](repeating: 0, count: orderList.count)
        for (rank, index) in orderSequence.enumerated() { orderNumber[index] = rank + 1 }

        var orders = try DemoWriter(path: path("orders.csv"))
        DemoPurchases.writeHeader(&orders.out)
        let lines = purchases.lines
        for index in orderSequence {
            let order = orderList[index]
            let first = Int(order.lineStart)
            for line in lines[first..<first + Int(order.lineCount)] {
                orders.out.identifier(UInt8(ascii: "O"), orderNumber[index], width: 7)
                orders.out.comma()
                writeCustomer(order.person, &orders.out)
                orders.out.comma()
                orders.out.instant(order.at)
                orders.out.comma()
                orders.out.ascii(order.channel.name)
                orders.out.comma()
                if order.store >= 0 { orders.out.field(DemoPlaces.stores[Int(order.store)].name) }
                orders.out.comma()
                orders.out.ascii(order.status.name)
                orders.out.ascii(",EUR,,")
                if line.product >= 0 {
                    orders.out.text(catalogue.products[Int(line.product)].sku)
                } else {
                    orders.out.field(DemoPurchases.unknownSKUs[Int(-line.product) - 1])
                }
                orders.out.comma()
                orders.out.number(Int(line.quantity))
                orders.out.comma()
                orders.out.amount(cents: Int(line.amountCents))
                orders.endRow()
            }
            try orders.flushIfFull()
        }
        try orders.close()

        // Events in time order.
        let eventList = events.events
        var eventSequence = Array(eventList.indices)
        eventSequence.sort { a, b in
            eventList[a].at != eventList[b].at ? eventList[a].at < eventList[b].at : a < b
        }
        var eventsFile = try DemoWriter(path: path("events.jsonl"))
        for (rank, index) in eventSequence.enumerated() {
            DemoEventLog.write(
                eventList[index], id: rank + 1, catalogue: catalogue, campaigns: browsing.campaigns, pages: browsing.pages,
                orderNumber: { orderNumber[$0] }, customer: writeCustomer, &eventsFile.out)
            eventsFile.endRow()
            try eventsFile.flushIfFull()
        }
        try eventsFile.close()

        return DemoFiles(
            customers: customers.path, products: products.path, orders: orders.path, events: eventsFile.path,
            consents: consents.path, customerRows: customers.rows, productRows: products.rows, orderRows: orders.rows,
            orderCount: orderList.count, eventRows: eventsFile.rows, consentRows: consents.rows)
    }

    /// How the person came to the shop (`attr.acquisition_source`) and their loyalty card number
    /// (`attr.loyalty_card`), which shop regulars have far more often.
    private static func describeAcquisition(_ person: inout DemoPerson, shopper: DemoShopper, rng: inout DemoRandom) {
        let sources = ["web_search", "social_media", "newsletter", "referral", "marketplace", "print_ad", "store", "contest"]
        let weights: [Double]
        if !person.isCustomer {
            weights = [0.15, 0.25, 0.3, 0.05, 0.0, 0.02, 0.08, 0.15]
        } else if shopper.storeShare > 0.4 {
            weights = [0.1, 0.06, 0.04, 0.06, 0.0, 0.04, 0.7, 0.0]
        } else {
            weights = [0.35, 0.2, 0.1, 0.1, 0.06, 0.04, 0.12, 0.03]
        }
        person.acquisition = rng.chance(0.1) ? "" : sources[rng.weighted(weights)]
        let cardChance = person.isCustomer ? (shopper.storeShare > 0.3 ? 0.65 : 0.1) : 0.03
        if rng.chance(cardChance) {
            person.loyaltyCard = "LC" + String(1_000_000_000 + rng.int(9_000_000_000))
        }
    }
}
