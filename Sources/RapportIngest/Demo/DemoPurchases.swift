/// An order header, compactly. Lines are `lineCount` entries of `DemoPurchases.lines` from
/// `lineStart`.
struct DemoOrder: Sendable {
    var at: Int64
    /// Person index, or -(k + 1) for the k-th identifier of nobody.
    var person: Int32
    var lineStart: Int32
    var lineCount: Int16
    var channel: DemoChannel
    /// Store index, or -1.
    var store: Int8
    var status: DemoOrderStatus
}

/// A basket line: product index (or -(k + 1) for the k-th unknown SKU), units and amount in cents.
struct DemoLine: Sendable {
    var product: Int32
    var quantity: Int32
    var amountCents: Int32
}

enum DemoOrderStatus: UInt8, Sendable {
    case completed, returned, cancelled

    var name: StaticString {
        switch self {
        case .completed: return "completed"
        case .returned: return "returned"
        case .cancelled: return "cancelled"
        }
    }
}

/// The hidden traits that drive one person's buying: a BG/NBD-like repeat-buying process where the
/// purchase rate is gamma-distributed across people and, after each purchase, the person drops out
/// with a beta-distributed probability, raised by a complaint or a poor survey score.
struct DemoShopper {
    /// Purchases per year while active.
    var rate: Double
    /// Probability of dropping out after each purchase.
    var dropout: Double
    /// 0 (always disappointed) ... 1 (delighted): drives complaints, returns and survey scores.
    var satisfaction: Double
    /// Share of purchases made in a shop, for people near one.
    var storeShare: Double
    var homeStores: [Int]
    var usesApp: Bool
    /// Taste for each department (weights).
    var taste: [Double]
    /// Web visits per year while interested.
    var visitRate: Double

    init(city: Int, catalogue: DemoCatalogue, rng: inout DemoRandom) {
        rate = min(25, max(0.15, rng.gamma(shape: 1.1, scale: 2.4)))
        dropout = rng.beta(1.1, 3.4)
        satisfaction = rng.beta(5, 1.8)
        homeStores = DemoPlaces.storesOfCity[city]
        storeShare = homeStores.isEmpty ? 0.02 : rng.beta(2.2, 2.0)
        usesApp = rng.chance(0.25)
        taste = catalogue.categoryWeights.map { rng.gamma(shape: 1.4 * $0) + 0.01 }
        visitRate = rng.gamma(shape: 1.3, scale: 1.6)
    }
}

/// What happened to a buyer over the period, for the rest of their data.
struct DemoHistory {
    var firstOrder: Int64 = 0
    var lastOrder: Int64 = 0
    var orders = 0
    /// When the person stopped buying for good, or nil if still active at the end.
    var droppedAt: Int64?
    var unhappy = false
}

/// Generates the orders of the demo (and the interactions that follow an order: complaints,
/// surveys, returns) and keeps them until they are written in time order.
struct DemoPurchases {
    let catalogue: DemoCatalogue
    let window: DemoWindow
    var orders: [DemoOrder] = []
    var lines: [DemoLine] = []

    static let unknownSKUs = ["P0000", "P9001", "P9417", "P8820", "PX-204", "P0042-B"]
    static let lineCountWeights: [Double] = [0.42, 0.26, 0.15, 0.09, 0.05, 0.03]
    /// Seasonal purchase intensity by month (January ... December); the maximum bounds the thinning.
    static let season: [Double] = [1.1, 0.8, 0.9, 1.0, 1.0, 1.05, 1.1, 0.75, 0.9, 1.0, 1.35, 1.6]
    static let seasonMax = 1.6
    /// Relative traffic by hour (UTC) of the web and app, and of the shops (10:00–19:00).
    static let webHours = DemoWeightedTable([
        0.6, 0.3, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 2.5, 3, 3.2, 3.5, 4, 3.8, 3.2, 3, 3.2, 3.6, 4.2, 5, 5.5, 5, 3.5, 1.6,
    ])
    static let storeHours = DemoWeightedTable([
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3.5, 3, 3, 3.5, 4, 4.5, 4, 2, 0, 0, 0, 0,
    ])

    init(catalogue: DemoCatalogue, window: DemoWindow, expectedPeople: Int) {
        self.catalogue = catalogue
        self.window = window
        orders.reserveCapacity(expectedPeople * 2)
        lines.reserveCapacity(expectedPeople * 5)
    }

    /// A time on `day` (a day number) typical of the channel.
    static func time(on day: Int64, channel: DemoChannel, rng: inout DemoRandom) -> Int64 {
        let hour = channel == .store ? storeHours.draw(&rng) : webHours.draw(&rng)
        return day * 86_400 + Int64(hour * 3_600 + rng.int(3_600))
    }

    /// Runs one buyer's purchase process from `firstPurchase` (a time inside the window) to the end
    /// of the window or their dropping out, adding orders and the complaints, surveys and returns
    /// they lead to.
    mutating func shop(
        person: Int, shopper: DemoShopper, firstPurchase: Int64, events: inout DemoEventLog,
        rng: inout DemoRandom
    ) -> DemoHistory {
        var history = DemoHistory()
        var satisfaction = shopper.satisfaction
        var t = Double(firstPurchase)
        let end = Double(window.end)
        let tasteTable = DemoWeightedTable(shopper.taste)
        while true {
            let placed = order(person: person, day: Int64(t) / 86_400, shopper: shopper, taste: tasteTable, satisfaction: satisfaction, rng: &rng)
            let orderIndex = orders.count - 1
            let header = orders[orderIndex]
            if history.orders == 0 { history.firstOrder = placed }
            history.lastOrder = max(history.lastOrder, placed)
            history.orders += 1

            // What follows the order.
            var disappointed = false
            if header.status == .returned {
                let returnDay = (placed + Int64(rng.uniform(2, 20) * DemoTime.day)) / 86_400
                let inStore = header.channel == .store || rng.chance(0.3)
                let at = DemoPurchases.time(on: returnDay, channel: inStore ? .store : .web, rng: &rng)
                if at <= window.end {
                    let firstKnown = lines[Int(header.lineStart)..<Int(header.lineStart) + Int(header.lineCount)]
                        .first { $0.product >= 0 }
                    events.add(
                        .returnItem, person: person, at: at, channel: inStore ? .store : .web,
                        a: orderIndex, b: Int(firstKnown?.product ?? -1), c: rng.int(DemoEventLog.returnReasons.count))
                }
            }
            let complaintChance = 0.01 + 0.07 * (1 - satisfaction) + (header.status == .returned ? 0.15 : 0)
            if header.status != .cancelled || rng.chance(0.3), rng.chance(complaintChance) {
                let channels: [DemoChannel] = [.phone, .email, .store, .web]
                let channel = channels[rng.weighted([0.4, 0.35, header.channel == .store ? 0.3 : 0.02, 0.1])]
                let day = (placed + Int64(rng.exponential(rate: 1 / (3 * DemoTime.day)) + 43_200)) / 86_400
                // Phone lines and shops are open in the day; e-mails and forms come at any hour.
                let at = DemoPurchases.time(on: day, channel: channel == .phone || channel == .store ? .store : .web, rng: &rng)
                if at > placed, at <= window.end {
                    var reason = rng.int(DemoEventLog.complaintReasons.count)
                    if header.channel == .store && reason == 0 { reason = 5 }
                    if header.channel != .store && reason == 6 { reason = 7 }
                    events.add(.complaint, person: person, at: at, channel: channel, a: reason, b: orderIndex)
                    disappointed = true
                    satisfaction *= 0.75
                }
            }
            if header.status != .cancelled, rng.chance(0.2) {
                let at = DemoPurchases.time(on: (placed + Int64(rng.uniform(1, 10) * DemoTime.day)) / 86_400, channel: .web, rng: &rng)
                if at <= window.end {
                    let nps = rng.chance(0.7)
                    let score: Int
                    if nps {
                        score = max(0, min(10, Int((1 + 9.2 * satisfaction + 1.6 * rng.normal()).rounded())))
                        if score <= 6 { disappointed = true }
                    } else {
                        score = max(1, min(5, Int((1 + 4.2 * satisfaction + 0.8 * rng.normal()).rounded())))
                        if score <= 2 { disappointed = true }
                    }
                    events.add(.surveyAnswer, person: person, at: at, channel: rng.chance(0.8) ? .email : .web, a: nps ? 0 : 1, b: score)
                }
            }
            if disappointed { history.unhappy = true }

            // Drop out, or wait for the next purchase (a seasonal Poisson process, by thinning).
            let dropout = min(0.95, shopper.dropout + (disappointed ? 0.3 : 0))
            if rng.chance(dropout) {
                history.droppedAt = placed
                break
            }
            let candidateRate = shopper.rate * DemoPurchases.seasonMax / DemoTime.year
            var accepted = false
            while !accepted {
                t += rng.exponential(rate: candidateRate)
                if t > end { break }
                accepted = rng.chance(DemoPurchases.season[DemoCalendar.month(of: Int64(t)) - 1] / DemoPurchases.seasonMax)
            }
            if !accepted { break }
            // Purchases a few minutes apart are one visit: keep at least half a day between orders.
            t = max(t, Double(placed) + DemoTime.day / 2)
            if t > end { break }
        }
        return history
    }

    /// Places one order on `day`: picks the channel, the basket, the status; returns its time.
    private mutating func order(
        person: Int, day: Int64, shopper: DemoShopper, taste: DemoWeightedTable, satisfaction: Double,
        rng: inout DemoRandom
    ) -> Int64 {
        var channel: DemoChannel
        var store = -1
        let sunday = DemoCalendar.weekday(day) == 6
        if !shopper.homeStores.isEmpty && !sunday && rng.chance(shopper.storeShare) {
            channel = .store
            store = rng.pick(shopper.homeStores)
        } else if shopper.homeStores.isEmpty && !sunday && rng.chance(0.02) {
            channel = .store
            store = rng.int(DemoPlaces.stores.count)
        } else if rng.chance(0.02) {
            channel = .phone
        } else {
            channel = shopper.usesApp && rng.chance(0.55) ? .app : .web
        }
        let at = DemoPurchases.time(on: day, channel: channel, rng: &rng)
        let month = DemoCalendar.month(of: at)
        let start = lines.count
        let wanted = 1 + rng.weighted(DemoPurchases.lineCountWeights)
        var category = taste.draw(&rng)
        if month >= 4 && month <= 6 && rng.chance(0.12) { category = DemoCatalogue.garden }
        if month == 12 && rng.chance(0.3) { category = DemoCatalogue.gifts }
        let discountChance = month == 1 || month == 7 ? 0.25 : (month == 11 ? 0.18 : 0.05)
        for index in 0..<wanted {
            if index > 0 {
                category = rng.chance(0.75) ? catalogue.companion(of: category, rng: &rng) : taste.draw(&rng)
            }
            var product = -1
            for _ in 0..<3 {
                let candidate = catalogue.product(in: category, rng: &rng)
                if !lines[start...].contains(where: { $0.product == Int32(candidate) }) {
                    product = candidate
                    break
                }
            }
            guard product >= 0 else { continue }
            var price = catalogue.products[product].priceCents
            if rng.chance(0.002) {
                product = -(1 + rng.int(DemoPurchases.unknownSKUs.count))
                price = 500 + rng.int(5_500)
            }
            let quantity = 1 + rng.weighted(price < 1_500 ? [0.6, 0.28, 0.12] : [0.86, 0.11, 0.03])
            var amount = Double(price * quantity)
            if rng.chance(discountChance) {
                amount *= 1 - [0.1, 0.15, 0.2, 0.3][rng.weighted([0.35, 0.2, 0.3, 0.15])]
            }
            lines.append(DemoLine(product: Int32(product), quantity: Int32(quantity), amountCents: Int32(amount.rounded())))
        }
        let statusDraw = rng.uniform()
        let returnChance = 0.03 + 0.05 * (1 - satisfaction)
        let status: DemoOrderStatus =
            statusDraw < 0.025 ? .cancelled : (statusDraw < 0.025 + returnChance ? .returned : .completed)
        orders.append(
            DemoOrder(
                at: at, person: Int32(person), lineStart: Int32(start), lineCount: Int16(lines.count - start),
                channel: channel, store: Int8(store), status: status))
        return at
    }

    /// Adds an order from an identifier that is in no customer row, for the importer's rejects.
    mutating func addOrphan(ghost: Int, rng: inout DemoRandom) {
        let day = (window.start + Int64(rng.uniform() * Double(window.span))) / 86_400
        let at = DemoPurchases.time(on: day, channel: .web, rng: &rng)
        let start = lines.count
        for _ in 0..<(1 + rng.int(2)) {
            let product = rng.int(catalogue.products.count)
            lines.append(DemoLine(product: Int32(product), quantity: 1, amountCents: Int32(catalogue.products[product].priceCents)))
        }
        orders.append(
            DemoOrder(
                at: at, person: Int32(-(ghost + 1)), lineStart: Int32(start), lineCount: Int16(lines.count - start),
                channel: .web, store: -1, status: .completed))
    }

    /// Writes the header of orders.csv.
    static func writeHeader(_ out: inout DemoText) {
        out.ascii("order_id,customer_id,placed_at,channel,store,status,currency,total,sku,quantity,amount\n")
    }
}
