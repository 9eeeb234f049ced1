/// The interactions of a person outside their orders: site and app visits, abandoned carts, and
/// the newsletters they open and click while subscribed.
struct DemoBrowsing {
    let catalogue: DemoCatalogue
    let window: DemoWindow
    let campaigns: DemoCampaigns
    /// All pages: the departments' pages, then `DemoEventLog.staticPages`.
    let pages: [String]

    init(catalogue: DemoCatalogue, window: DemoWindow) {
        self.catalogue = catalogue
        self.window = window
        let pages = catalogue.categories.map(\.page) + DemoEventLog.staticPages
        self.pages = pages
        campaigns = DemoCampaigns(window: window) { page in Int32(pages.firstIndex(of: page) ?? 0) }
    }

    /// A page someone with this taste would look at.
    private func interestingPage(_ taste: DemoWeightedTable, rng: inout DemoRandom) -> Int {
        switch rng.weighted([0.55, 0.2, 0.15, 0.05, 0.03, 0.02]) {
        case 0: return taste.draw(&rng)
        case 1:
            return Int(DemoEventLog.productPageBase) + catalogue.product(in: taste.draw(&rng), rng: &rng)
        case 2: return catalogue.categories.count
        case 3: return catalogue.categories.count + 1
        case 4: return catalogue.categories.count + 3
        default: return catalogue.categories.count + 4
        }
    }

    /// Visits and abandoned carts between `from` and `until`, at the person's own pace.
    func browse(
        person: Int, shopper: DemoShopper, taste: DemoWeightedTable, from: Int64, until: Int64,
        intensity: Double, events: inout DemoEventLog, rng: inout DemoRandom
    ) {
        guard until > from else { return }
        let years = Double(until - from) / DemoTime.year
        let visits = rng.poisson(shopper.visitRate * intensity * years)
        for _ in 0..<visits {
            let day = (from + Int64(rng.uniform() * Double(until - from))) / 86_400
            let channel: DemoChannel = shopper.usesApp && rng.chance(0.5) ? .app : .web
            let at = max(from + 60, DemoPurchases.time(on: day, channel: channel, rng: &rng))
            guard at <= window.end else { continue }
            events.add(.webVisit, person: person, at: at, channel: channel, a: interestingPage(taste, rng: &rng))
        }
        let carts = rng.poisson(0.35 * intensity * years)
        for _ in 0..<carts {
            let day = (from + Int64(rng.uniform() * Double(until - from))) / 86_400
            let channel: DemoChannel = shopper.usesApp && rng.chance(0.5) ? .app : .web
            let at = max(from + 60, DemoPurchases.time(on: day, channel: channel, rng: &rng))
            guard at <= window.end else { continue }
            let product = catalogue.product(in: taste.draw(&rng), rng: &rng)
            let quantity = 1 + rng.weighted([0.8, 0.15, 0.05])
            events.add(
                .cartAbandoned, person: person, at: at, channel: channel, a: product,
                b: catalogue.products[product].priceCents * quantity)
        }
    }

    /// The visit that comes just before most web and app orders, on the page of the first product.
    func visitBefore(
        _ order: DemoOrder, lines: [DemoLine], person: Int, notBefore: Int64, events: inout DemoEventLog,
        rng: inout DemoRandom
    ) {
        guard order.channel == .web || order.channel == .app, rng.chance(0.6) else { return }
        let at = max(notBefore, order.at - Int64(rng.int(in: 120...3_600)))
        guard at >= window.start, at < order.at else { return }
        let product = lines[Int(order.lineStart)].product
        let code = product >= 0 ? Int(DemoEventLog.productPageBase) + Int(product) : catalogue.categories.count
        events.add(.webVisit, person: person, at: at, channel: order.channel, a: code)
    }

    /// Opens and clicks of the campaigns sent while the person was subscribed (each interval is a
    /// grant and the revocation that ended it). People who stopped buying open far less.
    func readCampaigns(
        person: Int, subscribed: [(Int64, Int64)], droppedAt: Int64?, taste: DemoWeightedTable,
        shopper: DemoShopper, events: inout DemoEventLog, rng: inout DemoRandom
    ) {
        guard !subscribed.isEmpty else { return }
        let openRate = rng.beta(1.3, 3.5)
        let clickRate = rng.beta(1.2, 5)
        let device = rng.weighted([0.62, 0.33, 0.05])
        for (index, sent) in campaigns.sendTimes.enumerated() {
            guard subscribed.contains(where: { sent >= $0.0 && sent < $0.1 }) else { continue }
            let lapsed = droppedAt.map { sent > $0 + 60 * 86_400 } ?? false
            guard rng.chance(openRate * (lapsed ? 0.35 : 1)) else { continue }
            let opened = sent + 60 + Int64(rng.exponential(rate: 1 / (5 * DemoTime.hour)))
            guard opened <= window.end else { continue }
            events.add(
                .emailOpen, person: person, at: opened, channel: .email, campaign: index,
                a: rng.chance(0.85) ? device : rng.int(3))
            guard rng.chance(clickRate * (lapsed ? 0.5 : 1)) else { continue }
            let clicked = opened + 15 + Int64(rng.exponential(rate: 1 / 90.0))
            guard clicked <= window.end else { continue }
            let target = campaigns.pages[index] >= 0 ? Int(campaigns.pages[index]) : taste.draw(&rng)
            events.add(.emailClick, person: person, at: clicked, channel: .email, campaign: index, a: target)
            let landed = clicked + Int64(rng.int(in: 2...40))
            if rng.chance(0.8), landed <= window.end {
                let channel: DemoChannel = shopper.usesApp && rng.chance(0.3) ? .app : .web
                events.add(.webVisit, person: person, at: landed, channel: channel, campaign: index, a: target)
            }
        }
    }

    /// A visit or an opened e-mail from an identifier that is in no customer row.
    func addOrphan(ghost: Int, events: inout DemoEventLog, rng: inout DemoRandom) {
        let day = (window.start + Int64(rng.uniform() * Double(window.span))) / 86_400
        let at = DemoPurchases.time(on: day, channel: .web, rng: &rng)
        if rng.chance(0.6) || campaigns.codes.isEmpty {
            events.add(.webVisit, person: -(ghost + 1), at: at, channel: .web, a: rng.int(pages.count))
        } else {
            let index = rng.int(campaigns.codes.count)
            let opened = min(window.end, campaigns.sendTimes[index] + Int64(rng.int(in: 60...20_000)))
            events.add(.emailOpen, person: -(ghost + 1), at: opened, channel: .email, campaign: index, a: rng.int(3))
        }
    }
}
