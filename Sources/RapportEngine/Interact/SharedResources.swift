/// What is left of the channel capacities and programme budgets while the last steps of an
/// arbitration remove contacts over a limit and fill the room that remains.
struct SharedResources {
    var capacityLeft: [Int]
    var budgetLeft: [Double]

    init(problem: ArbitrationProblem, usage: ResourceUsage) {
        capacityLeft = zip(problem.capacityLeft, usage.capacity).map { $0 - $1 }
        budgetLeft = zip(problem.budgetLeft, usage.budget).map { $0 - $1 }
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
    /// and budget, and no pressure rule of their customer broken.
    mutating func fill(_ problem: ArbitrationProblem, _ net: [Double], _ chosen: inout [UInt8]) {
        var waiting: [Int] = []
        for j in 0..<problem.candidateCount where chosen[j] == 0 && net[j] > 0 && hasRoom(j, problem) {
            waiting.append(j)
        }
        guard !waiting.isEmpty else { return }
        waiting = Self.worstFirst(waiting, problem, key: { net[$0] }).reversed()
        var pressure = CustomerPressure()
        for j in waiting where hasRoom(j, problem) {
            let customerOf = Self.customer(of: j, problem)
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
        let perMoney: (Int) -> Double = { j in net[j] / problem.offers[Int(problem.candidateOffer[j])].cost }
        var budgetQueues = chosenOnBudget.map { Self.worstFirst($0, problem, key: perMoney)[...] }
        var capacityQueues = chosenOnCapacity.map { Self.worstFirst($0, problem, key: { net[$0] })[...] }
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
            let customer = Self.customer(of: j, problem)
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
        let r = Int(problem.candidateCapacity[j])
        if r >= 0 { capacityLeft[r] += 1 }
        let offer = problem.offers[Int(problem.candidateOffer[j])]
        if let b = offer.budget { budgetLeft[Int(b)] += offer.cost }
    }

    /// Candidates by ascending key; equal keys put the lower priority, then the later candidate,
    /// first (so the higher priority is kept, and reversed order fills it first).
    static func worstFirst(_ candidates: [Int], _ problem: ArbitrationProblem, key: (Int) -> Double) -> [Int] {
        candidates.map { ($0, key($0)) }.sorted { lhs, rhs in
            if lhs.1 != rhs.1 { return lhs.1 < rhs.1 }
            let lp = problem.offers[Int(problem.candidateOffer[lhs.0])].priority
            let rp = problem.offers[Int(problem.candidateOffer[rhs.0])].priority
            if lp != rp { return lp < rp }
            return lhs.0 > rhs.0
        }.map(\.0)
    }

    static func customer(of j: Int, _ problem: ArbitrationProblem) -> Int {
        var low = 0, high = problem.customerCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if problem.candidateStart[mid] <= j { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
