import Foundation
import RapportCore
import Testing

@testable import RapportEngine

/// Properties of the arbitration on random problems: no rule is ever broken (checked by a
/// separate, naive reading of the rules), the plan is close to the exact optimum found by
/// enumeration, ties go to the higher priority, and the result does not depend on the cores.
@Suite("Arbitration")
struct ArbitrationTests {
    static let day: Int64 = 86_400

    /// A small deterministic generator (xorshift), so failures replay.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    static func randomProblem(seed: UInt64, customers: Int, offers: Int, capacities: Bool, budget: Bool) -> ArbitrationProblem {
        var random = Random(state: seed | 1)
        var problem = ArbitrationProblem()
        problem.caps = [.init(limit: random.int(1...2), window: 7 * day), .init(limit: 1, window: 3 * day, channel: 1)]
        problem.minimumGap = Int64(random.int(0...1)) * day / 2
        problem.uniquenessWindow = 20 * day
        let offerChannels = (0..<offers).map { _ in UInt8(random.int(0...2)) }
        let offerTimes = (0..<offers).map { _ in Int64(random.int(0...9)) * day / 2 }
        for index in 0..<offers {
            problem.offers.append(
                .init(
                    message: Int32(random.int(0...offers)), priority: Double(random.int(1...3)), cost: Double(random.int(0...3)),
                    budget: budget && index % 2 == 0 ? 0 : nil))
        }
        if budget { problem.budgetLeft = [Double(customers) * 1.5] }
        if capacities { problem.capacityLeft = [max(1, customers / 3), max(1, customers / 2)] }
        for _ in 0..<customers {
            if random.int(0...2) == 0 {
                problem.addHistory(time: Int64(random.int(-6...2)) * day / 2, channel: UInt8(random.int(0...2)), message: Int32(random.int(0...offers)))
            }
            for offer in 0..<offers where random.unit() < 0.7 {
                let channel = offerChannels[offer]
                let capacity: Int32 = capacities && channel != 1 ? Int32(channel == 0 ? 0 : 1) : -1
                problem.addCandidate(
                    offer: Int32(offer), channel: channel, time: offerTimes[offer] + Int64(random.int(0...3)) * 3600,
                    value: Double(random.int(0...20)) / 2, capacity: capacity)
            }
            problem.finishCustomer()
        }
        return problem
    }

    /// Whether keeping `kept` breaks any rule, read naively from the problem.
    static func breaksARule(_ problem: ArbitrationProblem, _ kept: [Bool]) -> String? {
        var capacityUse = [Int](repeating: 0, count: problem.capacityLeft.count)
        var budgetUse = [Double](repeating: 0, count: problem.budgetLeft.count)
        for customer in 0..<problem.customerCount {
            var events: [(time: Int64, channel: UInt8, message: Int32, new: Bool)] = []
            for h in problem.historyStart[customer]..<problem.historyStart[customer + 1] {
                events.append((problem.historyTime[h], problem.historyChannel[h], problem.historyMessage[h], false))
            }
            for j in problem.candidateStart[customer]..<problem.candidateStart[customer + 1] where kept[j] {
                let offer = problem.offers[Int(problem.candidateOffer[j])]
                events.append((problem.candidateTime[j], problem.candidateChannel[j], offer.message, true))
                if problem.candidateCapacity[j] >= 0 { capacityUse[Int(problem.candidateCapacity[j])] += 1 }
                if let b = offer.budget { budgetUse[Int(b)] += offer.cost }
            }
            for a in events.indices {
                for b in events.indices where a != b && (events[a].new || events[b].new) {
                    let distance = abs(events[a].time - events[b].time)
                    if distance < problem.minimumGap { return "gap, customer \(customer)" }
                    if events[a].message >= 0 && events[a].message == events[b].message && distance < problem.uniquenessWindow {
                        return "uniqueness, customer \(customer)"
                    }
                }
            }
            for cap in problem.caps {
                for end in events {
                    let inside = events.filter {
                        $0.time > end.time - cap.window && $0.time <= end.time && (cap.channel == nil || $0.channel == cap.channel)
                    }
                    if inside.contains(where: \.new) && inside.count > cap.limit { return "cap \(cap), customer \(customer)" }
                }
            }
        }
        for r in capacityUse.indices where capacityUse[r] > problem.capacityLeft[r] { return "capacity \(r)" }
        for b in budgetUse.indices where budgetUse[b] > problem.budgetLeft[b] + 1e-9 { return "budget \(b)" }
        return nil
    }

    static func value(_ problem: ArbitrationProblem, _ kept: [Bool]) -> Double {
        (0..<problem.candidateCount).filter { kept[$0] }.reduce(0) { $0 + problem.netValue($1) }
    }

    /// The best value over every subset of candidates.
    static func optimum(_ problem: ArbitrationProblem) -> Double {
        let n = problem.candidateCount
        var best = 0.0
        for mask in 0..<(1 << n) {
            let kept = (0..<n).map { mask & (1 << $0) != 0 }
            if (0..<n).contains(where: { kept[$0] && problem.netValue($0) <= 0 }) { continue }
            let value = value(problem, kept)
            if value > best + 1e-9 && breaksARule(problem, kept) == nil { best = value }
        }
        return best
    }

    static func kept(_ outcome: ArbitrationOutcome) -> [Bool] { (0..<outcome.candidateCount).map(outcome.isKept) }

    @Test func noRuleIsEverBrokenOnRandomProblems() {
        for seed in 1...150 as ClosedRange<UInt64> {
            let problem = Self.randomProblem(seed: seed * 7919, customers: 40, offers: 5, capacities: seed % 2 == 0, budget: seed % 3 == 0)
            let outcome = Arbitrator().arbitrate(problem)
            let broken = Self.breaksARule(problem, Self.kept(outcome))
            #expect(broken == nil, "seed \(seed): \(broken ?? "")")
            // Every candidate left out has the rule that stops it now.
            for j in 0..<problem.candidateCount where !outcome.isKept(j) {
                #expect(outcome.rule(of: j) != nil)
            }
        }
    }

    @Test func thePlanIsCloseToTheExactOptimumOfSmallProblems() {
        var ratios: [Double] = []
        for seed in 1...60 as ClosedRange<UInt64> {
            let problem = Self.randomProblem(seed: seed * 104_729, customers: 3, offers: 4, capacities: seed % 2 == 0, budget: seed % 3 == 0)
            guard problem.candidateCount <= 12 else { continue }
            let best = Self.optimum(problem)
            let found = Arbitrator().arbitrate(problem).objective
            #expect(found <= best + 1e-9, "seed \(seed): found \(found) above the optimum \(best)")
            ratios.append(best > 0 ? found / best : 1)
        }
        #expect(ratios.count >= 30)
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        #expect(mean >= 0.97, "mean ratio \(mean)")
        #expect(ratios.min()! >= 0.75, "worst ratio \(ratios.min()!)")
    }

    @Test func withoutSharedResourcesEachCustomerGetsTheirExactOptimum() {
        for seed in 1...40 as ClosedRange<UInt64> {
            let problem = Self.randomProblem(seed: seed * 31, customers: 2, offers: 5, capacities: false, budget: false)
            guard problem.candidateCount <= 12 else { continue }
            #expect(abs(Arbitrator().arbitrate(problem).objective - Self.optimum(problem)) < 1e-9, "seed \(seed)")
        }
    }

    @Test func aTieInValueGoesToTheHigherPriority() {
        var problem = ArbitrationProblem()
        problem.caps = [.init(limit: 1, window: 7 * Self.day)]
        problem.offers = [.init(message: 0, priority: 1, cost: 0), .init(message: 1, priority: 5, cost: 0)]
        for _ in 0..<3 {
            problem.addCandidate(offer: 0, channel: 0, time: 0, value: 2)
            problem.addCandidate(offer: 1, channel: 0, time: Self.day, value: 2)
            problem.finishCustomer()
        }
        let outcome = Arbitrator().arbitrate(problem)
        for customer in 0..<3 {
            #expect(!outcome.isKept(2 * customer))
            #expect(outcome.isKept(2 * customer + 1))
            #expect(outcome.rule(of: 2 * customer) == .cap(0))
        }
    }

    @Test func aCapacityKeepsTheMostValuableContactsAndNamesTheRule() {
        var problem = ArbitrationProblem()
        problem.offers = [.init(message: 0, priority: 1, cost: 0)]
        problem.capacityLeft = [3]
        for value in [5.0, 1, 9, 7, 3, 8] {
            problem.addCandidate(offer: 0, channel: 0, time: 0, value: value, capacity: 0)
            problem.finishCustomer()
        }
        let outcome = Arbitrator().arbitrate(problem)
        #expect(Self.kept(outcome) == [false, false, true, true, false, true])
        #expect(outcome.rule(of: 0) == .capacity)
        #expect(outcome.objective == 24)
    }

    @Test func aBudgetIsNeverExceededAndBuysTheBestValuePerMoney() {
        var problem = ArbitrationProblem()
        problem.offers = [.init(message: 0, priority: 1, cost: 10, budget: 0), .init(message: 1, priority: 1, cost: 1, budget: 0)]
        problem.budgetLeft = [12]
        // Offer 0 nets 20 for 10; offer 1 nets 4 for 1: four of offer 1 and one of offer 0 do not fit.
        for _ in 0..<4 {
            problem.addCandidate(offer: 0, channel: 0, time: 0, value: 30)
            problem.addCandidate(offer: 1, channel: 1, time: 2 * Self.day, value: 5)
            problem.finishCustomer()
        }
        let outcome = Arbitrator().arbitrate(problem)
        #expect(Self.breaksARule(problem, Self.kept(outcome)) == nil)
        #expect(outcome.objective == 28)  // one of offer 0 (20) and two of offer 1 (8)
        #expect((0..<8).contains { outcome.rule(of: $0) == .budget })
    }

    @Test func aContactNotWorthItsCostIsNeverKept() {
        var problem = ArbitrationProblem()
        problem.offers = [.init(message: 0, priority: 1, cost: 2)]
        problem.addCandidate(offer: 0, channel: 0, time: 0, value: 2)
        problem.finishCustomer()
        let outcome = Arbitrator().arbitrate(problem)
        #expect(outcome.rule(of: 0) == .notWorthItsCost)
    }

    @Test func theOutcomeIsTheSameOnEveryRun() {
        let problem = Self.randomProblem(seed: 99, customers: 4_000, offers: 8, capacities: true, budget: true)
        let first = Arbitrator().arbitrate(problem)
        let second = Arbitrator().arbitrate(problem)
        #expect(Self.kept(first) == Self.kept(second))
        #expect(first.objective == second.objective)
        #expect(Self.breaksARule(problem, Self.kept(first)) == nil)
    }

    @Test func aProblemWrittenToFilesReadsBackTheSame() throws {
        let problem = Self.randomProblem(seed: 5, customers: 50, offers: 4, capacities: true, budget: true)
        let directory = NSTemporaryDirectory() + "rapport-problem-\(UUID().uuidString)"
        try problem.write(to: directory, kept: Array(repeating: true, count: problem.candidateCount))
        let again = try ArbitrationProblem.read(from: directory)
        #expect(again.candidateStart == problem.candidateStart && again.candidateTime == problem.candidateTime)
        #expect(again.candidateValue == problem.candidateValue && again.historyMessage == problem.historyMessage)
        #expect(again.offers == problem.offers && again.caps == problem.caps && again.budgetLeft == problem.budgetLeft)
        #expect(Arbitrator().arbitrate(again).objective == Arbitrator().arbitrate(problem).objective)
    }
}
