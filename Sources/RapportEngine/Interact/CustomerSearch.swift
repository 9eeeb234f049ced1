/// Chooses one customer's contacts: the subset of their candidates with the largest total of
/// adjusted values that breaks no pressure rule, given their history. Greedy by value first (which
/// is optimal when the rules do not bind); when it had to leave a candidate out, a depth-first
/// search with a bound proves or improves on it, within a node budget.
struct CustomerSearch {
    var pressure = CustomerPressure()
    /// Candidates worth keeping at the current prices, best first.
    private(set) var order: [Int] = []
    private var values: [Double] = []
    private var suffix: [Double] = []
    private var current: [Int] = []
    private(set) var best: [Int] = []
    private var bestValue = 0.0
    private var nodes = 0

    /// Nodes a search may visit before it keeps the best found so far.
    static let nodeBudget = 20_000

    init() {
        order.reserveCapacity(32)
        values.reserveCapacity(32)
    }

    /// Fills ``best`` with the chosen candidates of `customer` (problem indexes) at these prices.
    mutating func solve(
        customer: Int, problem: ArbitrationProblem, net: [Double], capacityPrices: [Double], budgetPrices: [Double]
    ) {
        order.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        best.removeAll(keepingCapacity: true)
        let range = problem.candidateStart[customer]..<problem.candidateStart[customer + 1]
        guard !range.isEmpty else { return }
        for j in range {
            var value = net[j]
            let capacity = problem.candidateCapacity[j]
            if capacity >= 0 { value -= capacityPrices[Int(capacity)] }
            let offer = problem.offers[Int(problem.candidateOffer[j])]
            if let budget = offer.budget { value -= budgetPrices[Int(budget)] * offer.cost }
            if value > 0 {
                order.append(j)
                values.append(value)
            }
        }
        guard !order.isEmpty else { return }
        if order.count > 1 { sortByValue(problem) }
        pressure.reset(problem: problem, customer: customer)
        var greedyValue = 0.0
        for (position, j) in order.enumerated() where fits(j, problem) {
            pressure.push(time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: message(j, problem))
            best.append(j)
            greedyValue += values[position]
        }
        guard best.count < order.count, order.count > 1 else { return }
        bestValue = greedyValue
        suffix = Array(repeating: 0, count: order.count + 1)
        for position in stride(from: order.count - 1, through: 0, by: -1) {
            suffix[position] = suffix[position + 1] + values[position]
        }
        pressure.clearChosen()
        current.removeAll(keepingCapacity: true)
        nodes = 0
        search(from: 0, value: 0, problem)
    }

    private mutating func search(from position: Int, value: Double, _ problem: ArbitrationProblem) {
        nodes += 1
        if value + suffix[position] <= bestValue + 1e-12 || nodes > Self.nodeBudget { return }
        if position == order.count {
            bestValue = value
            best = current
            return
        }
        let j = order[position]
        if fits(j, problem) {
            pressure.push(time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: message(j, problem))
            current.append(j)
            search(from: position + 1, value: value + values[position], problem)
            current.removeLast()
            pressure.pop()
        }
        search(from: position + 1, value: value, problem)
    }

    private func fits(_ j: Int, _ problem: ArbitrationProblem) -> Bool {
        pressure.violation(
            time: problem.candidateTime[j], channel: problem.candidateChannel[j], message: message(j, problem),
            problem: problem) == nil
    }

    private func message(_ j: Int, _ problem: ArbitrationProblem) -> Int32 {
        problem.offers[Int(problem.candidateOffer[j])].message
    }

    /// Best value first; equal values go to the higher priority, then to the earlier candidate.
    private mutating func sortByValue(_ problem: ArbitrationProblem) {
        var pairs = zip(order, values).map { ($0, $1) }
        pairs.sort { lhs, rhs in
            if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
            let lp = problem.offers[Int(problem.candidateOffer[lhs.0])].priority
            let rp = problem.offers[Int(problem.candidateOffer[rhs.0])].priority
            if lp != rp { return lp > rp }
            return lhs.0 < rhs.0
        }
        for (index, pair) in pairs.enumerated() {
            order[index] = pair.0
            values[index] = pair.1
        }
    }
}
