/// Chooses one customer's contacts: the subset of their candidates with the largest total of
/// adjusted values that breaks no pressure rule, given their history. Greedy by value first (which
/// is optimal when the rules do not bind); when it had to leave a candidate out, a depth-first
/// search with a bound proves or improves on it, within a node budget.
struct CustomerSearch {
    var pressure = CustomerPressure()
    /// Candidates worth keeping at the current prices, best first.
    private(set) var order: [Int] = []
    private var values: [Double] = []
    private var priorities: [Double] = []
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
    /// An insertion sort: customers have a handful of candidates, and it allocates nothing.
    private mutating func sortByValue(_ problem: ArbitrationProblem) {
        priorities.removeAll(keepingCapacity: true)
        for j in order { priorities.append(problem.offers[Int(problem.candidateOffer[j])].priority) }
        for i in 1..<order.count {
            let j = order[i], value = values[i], priority = priorities[i]
            var k = i
            while k > 0 {
                let before = (values[k - 1], priorities[k - 1], order[k - 1])
                let goesFirst = value > before.0 || (value == before.0 && (priority > before.1 || (priority == before.1 && j < before.2)))
                guard goesFirst else { break }
                order[k] = order[k - 1]
                values[k] = values[k - 1]
                priorities[k] = priorities[k - 1]
                k -= 1
            }
            order[k] = j
            values[k] = value
            priorities[k] = priority
        }
    }
}
