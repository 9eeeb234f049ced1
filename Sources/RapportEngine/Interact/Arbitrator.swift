import Dispatch

/// Decides which candidate contacts to keep so that the sum of their net values (expected value
/// minus cost) is as large as it can be found, while no customer's pressure rule, no channel's daily
/// capacity and no programme's budget is exceeded.
///
/// How: each customer's choice is exact given prices on the shared resources (``CustomerSearch``).
/// Resources that would be over-used are priced by bisection (a Lagrangian relaxation: a price is
/// the value a contact must beat to use the resource), which splits the problem into independent
/// customers solved in parallel. What remains over after pricing is removed worst first; room left
/// is then filled best first, and a contact left out for lack of budget or capacity replaces
/// chosen ones worth less together. The result never breaks a rule, whatever the prices reached.
///
/// Deterministic: the same problem gives the same decisions on any number of cores. Ties in value
/// go to the higher priority.
public struct Arbitrator: Sendable {
    /// Bisection steps at most for the prices of the shared resources.
    public var maximumPricingPasses = 30
    /// Stop pricing when every price is known within this fraction.
    public var priceTolerance = 1e-4

    public init() {}

    public func arbitrate(_ problem: ArbitrationProblem) -> ArbitrationOutcome {
        let net = (0..<problem.candidateCount).map { problem.netValue($0) }
        var chosen = [UInt8](repeating: 0, count: problem.candidateCount)
        var capacityPrices = [Double](repeating: 0, count: problem.capacityLeft.count)
        var budgetPrices = [Double](repeating: 0, count: problem.budgetLeft.count)
        var passes = 1
        var usage = solveAll(problem, net, capacityPrices, budgetPrices, into: &chosen)
        if usage.exceeds(problem) {
            var pricing = Pricing(problem: problem, net: net)
            pricing.observe(usage, problem)
            while passes < maximumPricingPasses && !pricing.converged(priceTolerance) {
                (capacityPrices, budgetPrices) = pricing.midpoints()
                usage = solveAll(problem, net, capacityPrices, budgetPrices, into: &chosen)
                pricing.observe(usage, problem)
                passes += 1
            }
            (capacityPrices, budgetPrices) = pricing.upperPrices()
            usage = solveAll(problem, net, capacityPrices, budgetPrices, into: &chosen)
            passes += 1
        }
        var state = SharedResources(problem: problem, usage: usage)
        state.removeExcess(problem, net, &chosen)
        state.fill(problem, net, &chosen, capacityPrices: capacityPrices, budgetPrices: budgetPrices)
        state.exchange(problem, net, &chosen)
        state.fill(problem, net, &chosen, capacityPrices: capacityPrices, budgetPrices: budgetPrices)
        var codes = chosen.map { $0 == 1 ? UInt8(0) : UInt8(255) }
        attributeRules(problem, net, state, &codes)
        var objective = 0.0
        for j in 0..<problem.candidateCount where codes[j] == 0 { objective += net[j] }
        return ArbitrationOutcome(
            codes: codes, objective: objective, pricingPasses: passes, capacityPrices: capacityPrices,
            budgetPrices: budgetPrices)
    }

    /// Solves every customer at these prices in parallel; marks their choice in `chosen` and
    /// returns what the choices use of the shared resources.
    private func solveAll(
        _ problem: ArbitrationProblem, _ net: [Double], _ capacityPrices: [Double], _ budgetPrices: [Double],
        into chosen: inout [UInt8]
    ) -> ResourceUsage {
        let customers = problem.customerCount
        let chunks = Swift.max(1, Swift.min(256, customers / 2048))
        let partial = ChunkResults<ResourceUsage>(count: chunks)
        chosen.withUnsafeMutableBufferPointer { buffer in
            let flags = SharedFlags(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var usage = ResourceUsage(problem)
                var search = CustomerSearch()
                let from = customers * chunk / chunks, to = customers * (chunk + 1) / chunks
                for customer in from..<to {
                    for j in problem.candidateStart[customer]..<problem.candidateStart[customer + 1] { flags.set(j, 0) }
                    search.solve(
                        customer: customer, problem: problem, net: net, capacityPrices: capacityPrices,
                        budgetPrices: budgetPrices)
                    for j in search.best {
                        flags.set(j, 1)
                        usage.add(j, problem)
                    }
                }
                partial.set(chunk, usage)
            }
        }
        var total = ResourceUsage(problem)
        for chunk in 0..<chunks { total.merge(partial.value(chunk)) }
        return total
    }

    /// Gives every candidate left out the rule that stops it now: its cost, the customer's first
    /// broken pressure rule, then the capacity or budget that has no room left.
    private func attributeRules(_ problem: ArbitrationProblem, _ net: [Double], _ state: SharedResources, _ codes: inout [UInt8]) {
        let customers = problem.customerCount
        let chunks = Swift.max(1, Swift.min(256, customers / 2048))
        codes.withUnsafeMutableBufferPointer { buffer in
            let flags = SharedFlags(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var pressure = CustomerPressure()
                let from = customers * chunk / chunks, to = customers * (chunk + 1) / chunks
                for customer in from..<to {
                    let range = problem.candidateStart[customer]..<problem.candidateStart[customer + 1]
                    guard range.contains(where: { flags.get($0) != 0 }) else { continue }
                    pressure.reset(problem: problem, customer: customer)
                    for j in range where flags.get(j) == 0 {
                        let offer = problem.offers[Int(problem.candidateOffer[j])]
                        pressure.push(time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: offer.message)
                    }
                    for j in range where flags.get(j) != 0 {
                        let offer = problem.offers[Int(problem.candidateOffer[j])]
                        let rule: ArbitrationRule
                        if net[j] <= 0 {
                            rule = .notWorthItsCost
                        } else if let broken = pressure.violation(
                            time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: offer.message,
                            problem: problem)
                        {
                            rule = broken
                        } else if let budget = offer.budget, state.budgetLeft[Int(budget)] < offer.cost {
                            rule = .budget
                        } else {
                            rule = .capacity
                        }
                        flags.set(j, rule.code)
                    }
                }
            }
        }
    }
}

/// What a set of choices uses of the shared resources.
struct ResourceUsage: Sendable {
    var capacity: [Int]
    var budget: [Double]

    init(_ problem: ArbitrationProblem) {
        capacity = Array(repeating: 0, count: problem.capacityLeft.count)
        budget = Array(repeating: 0, count: problem.budgetLeft.count)
    }

    mutating func add(_ j: Int, _ problem: ArbitrationProblem) {
        let r = problem.candidateCapacity[j]
        if r >= 0 { capacity[Int(r)] += 1 }
        let offer = problem.offers[Int(problem.candidateOffer[j])]
        if let b = offer.budget { budget[Int(b)] += offer.cost }
    }

    mutating func merge(_ other: ResourceUsage) {
        for r in capacity.indices { capacity[r] += other.capacity[r] }
        for b in budget.indices { budget[b] += other.budget[b] }
    }

    func exceeds(_ problem: ArbitrationProblem) -> Bool {
        capacity.indices.contains { capacity[$0] > problem.capacityLeft[$0] }
            || budget.indices.contains { budget[$0] > problem.budgetLeft[$0] + 1e-9 }
    }
}

/// Bisection on each resource's price: a price that leaves the resource over-used is too low, one
/// that leaves it within its limit is high enough. A resource never over-used keeps price 0.
struct Pricing {
    private var capacityLow: [Double], capacityHigh: [Double], capacityActive: [Bool]
    private var budgetLow: [Double], budgetHigh: [Double], budgetActive: [Bool]
    private var current: (capacity: [Double], budget: [Double])
    /// The largest price that can matter: above it no candidate is worth its resource.
    private let capacityCeiling: [Double], budgetCeiling: [Double]

    init(problem: ArbitrationProblem, net: [Double]) {
        var capacityCeiling = [Double](repeating: 0, count: problem.capacityLeft.count)
        var budgetCeiling = [Double](repeating: 0, count: problem.budgetLeft.count)
        for j in 0..<problem.candidateCount where net[j] > 0 {
            let r = problem.candidateCapacity[j]
            if r >= 0 { capacityCeiling[Int(r)] = Swift.max(capacityCeiling[Int(r)], net[j]) }
            let offer = problem.offers[Int(problem.candidateOffer[j])]
            if let b = offer.budget, offer.cost > 0 { budgetCeiling[Int(b)] = Swift.max(budgetCeiling[Int(b)], net[j] / offer.cost) }
        }
        self.capacityCeiling = capacityCeiling.map { $0 * 1.000001 + 1e-9 }
        self.budgetCeiling = budgetCeiling.map { $0 * 1.000001 + 1e-9 }
        capacityLow = Array(repeating: 0, count: capacityCeiling.count)
        capacityHigh = self.capacityCeiling
        capacityActive = Array(repeating: false, count: capacityCeiling.count)
        budgetLow = Array(repeating: 0, count: budgetCeiling.count)
        budgetHigh = self.budgetCeiling
        budgetActive = Array(repeating: false, count: budgetCeiling.count)
        current = (Array(repeating: 0, count: capacityCeiling.count), Array(repeating: 0, count: budgetCeiling.count))
    }

    /// Narrows each price's interval with the usage seen at the current prices.
    mutating func observe(_ usage: ResourceUsage, _ problem: ArbitrationProblem) {
        for r in capacityLow.indices {
            if usage.capacity[r] > problem.capacityLeft[r] {
                capacityActive[r] = true
                capacityLow[r] = current.capacity[r]
            } else if capacityActive[r] {
                capacityHigh[r] = current.capacity[r]
            }
        }
        for b in budgetLow.indices {
            if usage.budget[b] > problem.budgetLeft[b] + 1e-9 {
                budgetActive[b] = true
                budgetLow[b] = current.budget[b]
            } else if budgetActive[b] {
                budgetHigh[b] = current.budget[b]
            }
        }
    }

    func converged(_ tolerance: Double) -> Bool {
        for r in capacityLow.indices where capacityActive[r] {
            if capacityHigh[r] - capacityLow[r] > tolerance * capacityCeiling[r] { return false }
        }
        for b in budgetLow.indices where budgetActive[b] {
            if budgetHigh[b] - budgetLow[b] > tolerance * budgetCeiling[b] { return false }
        }
        return true
    }

    mutating func midpoints() -> ([Double], [Double]) {
        for r in capacityLow.indices where capacityActive[r] { current.capacity[r] = (capacityLow[r] + capacityHigh[r]) / 2 }
        for b in budgetLow.indices where budgetActive[b] { current.budget[b] = (budgetLow[b] + budgetHigh[b]) / 2 }
        return current
    }

    /// The prices known to be high enough for each over-used resource.
    func upperPrices() -> ([Double], [Double]) {
        (
            capacityLow.indices.map { capacityActive[$0] ? capacityHigh[$0] : 0 },
            budgetLow.indices.map { budgetActive[$0] ? budgetHigh[$0] : 0 }
        )
    }
}

/// Flags in an array that parallel chunks write at disjoint indexes.
struct SharedFlags: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>?
    func set(_ index: Int, _ value: UInt8) { base![index] = value }
    func get(_ index: Int) -> UInt8 { base![index] }
}

/// One result per parallel chunk, each written once by its own chunk and read after all returned.
final class ChunkResults<Value>: @unchecked Sendable {
    private let values: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: nil)
    }

    deinit {
        _ = values.deinitialize()
        values.deallocate()
    }

    func set(_ index: Int, _ value: Value) { values[index] = value }
    func value(_ index: Int) -> Value { values[index]! }
}
