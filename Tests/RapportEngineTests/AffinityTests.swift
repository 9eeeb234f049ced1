import Foundation
import RapportAnalytics
import RapportEngine
import Testing

@Suite("Basket affinities")
struct AffinityTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Expected: Decodable {
        struct Itemset: Decodable {
            var items: [String]
            var support: Double
        }
        struct Rule: Decodable {
            var antecedent: [String]
            var consequent: [String]
            var support, confidence, lift, leverage: Double
            var conviction: Double?
        }
        var mlxtend: String
        var baskets: Int
        var minimumSupport: Double
        var minimumConfidence: Double
        var itemsets: [Itemset]
        var rules: [Rule]
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test
    func itemsetsAndRulesEqualMlxtendOnTheFixedBaskets() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("baskets.csv"), encoding: .utf8)
        var builder = BasketBuilder()
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            builder.add(basket: String(fields[0]), item: String(fields[1]))
        }
        let (baskets, names) = builder.build()
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("mlxtend_expected.json")))
        #expect(baskets.count == expected.baskets)

        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minimumSupport: expected.minimumSupport)
        let found = Dictionary(uniqueKeysWithValues: itemsets.map { ($0.items.map { names[Int($0)] }.sorted(), $0.support(of: baskets.count)) })
        #expect(found.count == expected.itemsets.count)
        for itemset in expected.itemsets {
            guard let support = found[itemset.items] else {
                Issue.record("missing itemset \(itemset.items)")
                continue
            }
            #expect(Self.close(support, itemset.support), "\(itemset.items)")
        }

        let rules = try AssociationRules.derive(
            from: itemsets, basketCount: baskets.count, minimumConfidence: expected.minimumConfidence)
        #expect(rules.count == expected.rules.count)
        let byKey = Dictionary(
            uniqueKeysWithValues: rules.map { rule in
                ([rule.antecedent.map { names[Int($0)] }.sorted(), rule.consequent.map { names[Int($0)] }.sorted()], rule)
            })
        for rule in expected.rules {
            guard let mine = byKey[[rule.antecedent, rule.consequent]] else {
                Issue.record("missing rule \(rule.antecedent) → \(rule.consequent)")
                continue
            }
            #expect(Self.close(mine.support, rule.support))
            #expect(Self.close(mine.confidence, rule.confidence))
            #expect(Self.close(mine.lift, rule.lift))
            #expect(Self.close(mine.leverage, rule.leverage))
            if let conviction = rule.conviction {
                #expect(Self.close(mine.conviction, conviction))
            } else {
                #expect(mine.conviction.isInfinite)
            }
        }
    }

    /// Every subset of items counted by brute force over the baskets.
    static func bruteForce(_ baskets: Baskets, minimumCount: Int, maximumLength: Int) -> [[Int32]: Int] {
        var counts: [[Int32]: Int] = [:]
        for index in 0 ..< baskets.count {
            let items = Array(baskets.basket(index))
            guard !items.isEmpty else { continue }
            for mask in 1 ..< (1 << items.count) where mask.nonzeroBitCount <= maximumLength {
                let subset = items.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
                counts[subset, default: 0] += 1
            }
        }
        return counts.filter { $0.value >= minimumCount }
    }

    @Test(arguments: [UInt64(5), 6, 7, 8])
    func fpGrowthFindsExactlyTheItemsetsOfBruteForce(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let itemCount = 12
        let rows: [[Int32]] = (0 ..< 300).map { _ in
            (0 ..< Int(random.next() % 7)).map { _ in Int32(min(random.next() % 16, random.next() % 16) % UInt64(itemCount)) }
        }
        let baskets = Baskets(rows, itemCount: itemCount)
        let maximumLength = seed == 8 ? 2 : 8
        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minimumSupport: 0.03, maximumLength: maximumLength)
        let expected = Self.bruteForce(baskets, minimumCount: 9, maximumLength: maximumLength)
        #expect(Dictionary(uniqueKeysWithValues: itemsets.map { ($0.items, $0.count) }) == expected)
        #expect(itemsets.count > 20)
    }

    @Test
    func theClassicExampleAndItsEdges() throws {
        // a=0 b=1 c=2 d=3 e=4
        let baskets = Baskets([[0, 1, 4], [1, 3], [1, 2], [0, 1, 3], [0, 2], [1, 2], [0, 2], [0, 1, 2, 4], [0, 1, 2], []], itemCount: 5)
        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minimumSupport: 0.2)
        let counts = Dictionary(uniqueKeysWithValues: itemsets.map { ($0.items, $0.count) })
        #expect(counts[[1]] == 7)
        #expect(counts[[0, 1, 2]] == 2)
        #expect(counts[[0, 1, 4]] == 2)
        #expect(counts[[2, 3]] == nil)
        #expect(try FPGrowth.frequentItemsets(in: baskets, minimumSupport: 1).isEmpty)
        #expect(try FPGrowth.frequentItemsets(in: Baskets([], itemCount: 3), minimumSupport: 0.5).isEmpty)
        #expect(throws: AffinityError.minimumSupport(0)) { try FPGrowth.frequentItemsets(in: baskets, minimumSupport: 0) }
        let rules = try AssociationRules.derive(from: itemsets, basketCount: baskets.count, minimumConfidence: 1)
        // e is always bought with a and b.
        #expect(rules.contains { $0.antecedent == [4] && $0.consequent == [0, 1] && $0.conviction.isInfinite })
    }
}
