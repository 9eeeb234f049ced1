/// What is left of the channel capacities and programme budgets while the last steps of an
/// arbitration remove contacts over a limit and fill the room that remains.
struct SharedResources {
    var capacityLeft: [Int]
    var budgetLeft: [Double]
    /// The customer of each candidate.
    let customerOf: [Int32]
    /// Customers who lost a contact while the excess was removed: their choice is no longer their
    /// best, so their other candidates may fill the room.
    private var touched: [Bool]

    init(problem: ArbitrationProblem, usage: ResourceUsage) {
        capacityLeft = zip(problem.capacityLeft, usage.capacity).map { $0 - $1 }
        budgetLeft = zip(problem.budgetLeft, usage.budget).map { $0 - $1 }
        var customerOf = [Int32](repeating: 0, count: problem.candidateCount)
        for customer in 0..<problem.customerCount {
            for j in problem.candidateStart[customer]..<problem.candidateStart[customer + 1] { customerOf[j] = Int32(customer) }
        }
        self.customerOf = customerOf
        touched = Array(repeating: false, count: problem.customerCount)
    }

    /// Removes chosen contacts from every over-used resource, the least valuable first (for a
    /// budget, the least value per unit of money), until each is within its limit. Removing a
    /// contact never breaks a pressure rule.
    mutating func removeExcess(_ problem: ArbitrationProblem, _ net: [Double], _ chosen: inout [UInt8]) {
        guard capacityLeft.contains(where: { $0 < 0 }) || budgetLeft.contains(where: { $0 < -1e-9 }) else { return }
        var onCapacity: [Int: [Int]] = [:]
        var onBudget: [Int: [Int]] = [:]
        for j in 0..<problem.candidateCount where chosen[j] == 1 {
            let r = Int(problem.candidateCapacity[j])
            if r >= 0 && capacityLeft[r] < 0 { onCapacity[r, default: []].append(j) }
            if let b = problem.offers[Int(problem.candidateOffer[j])].budget.map(Int.init), budgetLeft[b] < -1e-9 {
                onBudget[b, default: []].append(j)
            }
        }
        for r in onCapacity.keys.sorted() {
            for j in Self.worstFirst(onCapacity[r]!, problem, key: { net[$0] }) where capacityLeft[r] < 0 && chosen[j] == 1 {
                release(j, problem, &chosen)
            }
        }
        for b in onBudget.keys.sorted() {
            let perMoney: (Int) -> Double = { j in
                let cost = problem.offers[Int(problem.candidateOffer[j])].cost
                return cost > 0 ? net[j] / cost : .infinity
            }
            for j in Self.worstFirst(onBudget[b]!, problem, key: perMoney) where budgetLeft[b] < -1e-9 && chosen[j] == 1 {
                release(j, problem, &chosen)
            }
        }
    }

    /// Adds the best contacts left out while they fit: worth their cost, room on their capacity
    /// and budget, and no pressure rule of their customer broken. Only two kinds of candidates can
    /// fit: those of customers who lost a contact when the excess was removed, and those the prices
    /// left out (worth their cost, not their resources' price). Any other was left out by its
    /// customer's exact choice, so a rule stops it.
    mutating func fill(
        _ problem: ArbitrationProblem, _ net: [Double], _ chosen: inout [UInt8], capacityPrices: [Double], budgetPrices: [Double]
    ) {
        var waiting: [Int] = []
        for j in 0..<problem.candidateCount where chosen[j] == 0 && net[j] > 0 {
            guard touched[Int(customerOf[j])] || Self.pricedOut(j, problem, net, capacityPrices, budgetPrices), hasRoom(j, problem)
            else { continue }
            waiting.append(j)
        }
        guard !waiting.isEmpty else { return }
        waiting = Self.worstFirst(waiting, problem, key: { net[$0] }).reversed()
        var pressure = CustomerPressure()
        for j in waiting where hasRoom(j, problem) {
            let customerOf = Int(customerOf[j])
            pressure.reset(problem: problem, customer: customerOf)
            for k in problem.candidateStart[customerOf]..<problem.candidateStart[customerOf + 1] where chosen[k] == 1 {
                pressure.push(
                    time: problem.candidateTime[k], channel: problem.candidateChannel[k],
                    message: problem.offers[Int(problem.candidateOffer[k])].message)
            }
            let offer = problem.offers[Int(problem.candidateOffer[j])]
            guard
                pressure.violation(
                    time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: offer.message,
                    problem: problem) == nil
            else { continue }
            chosen[j] = 1
            take(j, problem)
        }
    }

    /// Whether the prices of its resources, not its value, left candidate `j` out.
    private static func pricedOut(_ j: Int, _ problem: ArbitrationProblem, _ net: [Double], _ capacityPrices: [Double], _ budgetPrices: [Double]) -> Bool {
        var price = 0.0
        let r = Int(problem.candidateCapacity[j])
        if r >= 0 { price += capacityPrices[r] }
        let offer = problem.offers[Int(problem.candidateOffer[j])]
        if let b = offer.budget { price += budgetPrices[Int(b)] * offer.cost }
        return price > 0 && net[j] - price <= 0
    }

    /// Trades chosen contacts for a better one left out for lack of budget or capacity: the
    /// cheapest value per unit of money on the budget (the least valuable on the capacity) go when
    /// together they are worth less than the one that takes their place. Pricing is fractional, so
    /// it can leave a valuable, expensive contact out for several cheap ones; this mends it.
    mutating func exchange(_ problem: ArbitrationProblem, _ net: [Double], _ chosen: inout [UInt8]) {
        guard !problem.budgetLeft.isEmpty || !problem.capacityLeft.isEmpty else { return }
        var chosenOnBudget = [[Int]](repeating: [], count: problem.budgetLeft.count)
        var chosenOnCapacity = [[Int]](repeating: [], count: problem.capacityLeft.count)
        var waiting: [Int] = []
        for j in 0..<problem.candidateCount {
            let offer = problem.offers[Int(problem.candidateOffer[j])]
            let r = Int(problem.candidateCapacity[j])
            if chosen[j] == 1 {
                if let b = offer.budget, offer.cost > 0 { chosenOnBudget[Int(b)].append(j) }
                if r >= 0 { chosenOnCapacity[r].append(j) }
            } else if net[j] > 0 && !hasRoom(j, problem) {
                waiting.append(j)
            }
        }
        guard !waiting.isEmpty else { return }
        // A trade gains only if the newcomer is worth more than the least valuable contact it
        // would displace.
        let cheapestOnBudget = chosenOnBudget.map { $0.map { net[$0] }.min() ?? .infinity }
        let cheapestOnCapacity = chosenOnCapacity.map { $0.map { net[$0] }.min() ?? .infinity }
        waiting = waiting.filter { j in
            let r = Int(problem.candidateCapacity[j])
            if r >= 0 && capacityLeft[r] <= 0 && net[j] <= cheapestOnCapacity[r] { return false }
            let offer = problem.offers[Int(problem.candidateOffer[j])]
            if let b = offer.budget, budgetLeft[Int(b)] < offer.cost - 1e-9, net[j] <= cheapestOnBudget[Int(b)] { return false }
            return true
        }
        guard !waiting.isEmpty else { return }
        // Only contacts worth less than the best newcomer can ever be displaced: sort those alone.
        var bestOnBudget = [Double](repeating: 0, count: budgetLeft.count)
        var bestOnCapacity = [Double](repeating: 0, count: capacityLeft.count)
        for j in waiting {
            let r = Int(problem.candidateCapacity[j])
            if r >= 0 { bestOnCapacity[r] = Swift.max(bestOnCapacity[r], net[j]) }
            if let b = problem.offers[Int(problem.candidateOffer[j])].budget { bestOnBudget[Int(b)] = Swift.max(bestOnBudget[Int(b)], net[j]) }
        }
        let perMoney: (Int) -> Double = { j in net[j] / problem.offers[Int(problem.candidateOffer[j])].cost }
        var budgetQueues = chosenOnBudget.indices.map { b in
            Self.worstFirst(chosenOnBudget[b].filter { net[$0] < bestOnBudget[b] }, problem, key: perMoney)[...]
        }
        var capacityQueues = chosenOnCapacity.indices.map { r in
            Self.worstFirst(chosenOnCapacity[r].filter { net[$0] < bestOnCapacity[r] }, problem, key: { net[$0] })[...]
        }
        var pressure = CustomerPressure()
        for j in Self.worstFirst(waiting, problem, key: { net[$0] }).reversed() where chosen[j] == 0 {
            let offer = problem.offers[Int(problem.candidateOffer[j])]
            let r = Int(problem.candidateCapacity[j])
            var removal: [Int] = []
            var lost = 0.0
            var freedMoney = 0.0, freedSlots = 0
            func needsMoney() -> Bool { offer.budget.map { budgetLeft[Int($0)] + freedMoney < offer.cost - 1e-9 } ?? false }
            func needsSlot() -> Bool { r >= 0 && capacityLeft[r] + freedSlots <= 0 }
            if let b = offer.budget.map(Int.init) {
                var queue = budgetQueues[b]
                while needsMoney(), let k = queue.first, lost < net[j] {
                    queue.removeFirst()
                    guard chosen[k] == 1 else { continue }
                    removal.append(k)
                    lost += net[k]
                    freedMoney += problem.offers[Int(problem.candidateOffer[k])].cost
                    if r >= 0 && Int(problem.candidateCapacity[k]) == r { freedSlots += 1 }
                }
            }
            if r >= 0 && needsSlot() {
                if let k = capacityQueues[r].first(where: { chosen[$0] == 1 && !removal.contains($0) }) {
                    removal.append(k)
                    lost += net[k]
                    freedSlots += 1
                    let costK = problem.offers[Int(problem.candidateOffer[k])]
                    if costK.budget == offer.budget { freedMoney += costK.cost }
                }
            }
            guard !needsMoney(), !needsSlot(), lost < net[j] - 1e-9 else { continue }
            let customer = Int(customerOf[j])
            pressure.reset(problem: problem, customer: customer)
            for k in problem.candidateStart[customer]..<problem.candidateStart[customer + 1] where chosen[k] == 1 && !removal.contains(k) {
                pressure.push(
                    time: problem.candidateTime[k], channel: problem.candidateChannel[k],
                    message: problem.offers[Int(problem.candidateOffer[k])].message)
            }
            guard pressure.violation(time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: offer.message, problem: problem) == nil
            else { continue }
            for k in removal { release(k, problem, &chosen) }
            if let b = offer.budget.map(Int.init) {
                while let k = budgetQueues[b].first, chosen[k] == 0 { budgetQueues[b].removeFirst() }
            }
            if r >= 0 {
                while let k = capacityQueues[r].first, chosen[k] == 0 { capacityQueues[r].removeFirst() }
            }
            chosen[j] = 1
            take(j, problem)
        }
    }

    private func hasRoom(_ j: Int, _ problem: ArbitrationProblem) -> Bool {
        let r = Int(problem.candidateCapacity[j])
        if r >= 0 && capacityLeft[r] <= 0 { return false }
        let offer = problem.offers[Int(problem.candidateOffer[j])]
        if let b = offer.budget, budgetLeft[Int(b)] < offer.cost - 1e-9 { return false }
        return true
    }

    private mutating func take(_ j: Int, _ problem: ArbitrationProblem) {
        let r = Int(problem.candidateCapacity[j])
        if r >= 0 { capacityLeft[r] -= 1 }
        let offer = problem.offers[Int(problem.candidateOffer[j])]
        if let b = offer.budget { budgetLeft[Int(b)] -= offer.cost }
    }

    private mutating func release(_ j: Int, _ problem: ArbitrationProblem, _ chosen: inout [UInt8]) {
        chosen[j] = 0
        touched[Int(customerOf[j])] = true
        let r = Int(problem.candidateCapacity[j])
        if r >= 0 { capacityLeft[r] += 1 }
        let offer = problem.offers[Int(problem.candidateOffer[j])]
        if let b = offer.budget { budgetLeft[Int(b)] += offer.cost }
    }

    /// Candidates by ascending key; equal keys put the lower priority, then the later candidate,
    /// first (so the higher priority is kept, and reversed order fills it first).
    static func worstFirst(_ candidates: [Int], _ problem: ArbitrationProblem, key: (Int) -> Double) -> [Int] {
        let offers = problem.offers, offerOf = problem.candidateOffer
        var keyed = candidates.map { j in (j: j, key: key(j), priority: offers[Int(offerOf[j])].priority) }
        keyed.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            return lhs.j > rhs.j
        }
        return keyed.map(\.j)
    }
}
