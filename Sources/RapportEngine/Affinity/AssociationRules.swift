/// A rule "who buys the antecedent also buys the consequent", with the measures mlxtend reports.
public struct AssociationRule: Sendable, Hashable {
    /// Item codes, ascending.
    public var antecedent: [Int32]
    public var consequent: [Int32]
    /// Share of baskets holding both sides.
    public var support: Double
    public var antecedentSupport: Double
    public var consequentSupport: Double
    /// support / antecedent support: how often the consequent follows.
    public var confidence: Double
    /// confidence / consequent support: above 1 when the two go together more than by chance.
    public var lift: Double
    /// support − antecedent support × consequent support.
    public var leverage: Double
    /// (1 − consequent support) / (1 − confidence); infinite when confidence is 1.
    public var conviction: Double
}

/// Derives association rules from frequent itemsets.
public enum AssociationRules {
    /// Every rule X → Y with X and Y non-empty and disjoint and X ∪ Y frequent, whose confidence and
    /// lift reach the minimums; ordered by confidence, then lift (descending), then items.
    public static func derive(
        from itemsets: [FrequentItemset], basketCount: Int, minimumConfidence: Double = 0, minimumLift: Double = 0
    ) throws(AffinityError) -> [AssociationRule] {
        guard (0 ... 1).contains(minimumConfidence) else { throw AffinityError.minimumConfidence(minimumConfidence) }
        guard basketCount > 0 else { return [] }
        var counts: [[Int32]: Int] = [:]
        counts.reserveCapacity(itemsets.count)
        for itemset in itemsets { counts[itemset.items] = itemset.count }
        let total = Double(basketCount)
        var rules: [AssociationRule] = []
        for itemset in itemsets where itemset.items.count >= 2 && itemset.items.count < 63 {
            let items = itemset.items
            let support = Double(itemset.count) / total
            let full = (UInt64(1) << UInt64(items.count)) - 1
            for mask in 1 ..< full {
                var antecedent: [Int32] = []
                var consequent: [Int32] = []
                for (index, item) in items.enumerated() {
                    if mask & (1 << UInt64(index)) != 0 { antecedent.append(item) } else { consequent.append(item) }
                }
                // Subsets of a frequent itemset are frequent: both lookups succeed.
                guard let antecedentCount = counts[antecedent], let consequentCount = counts[consequent] else { continue }
                let antecedentSupport = Double(antecedentCount) / total
                let consequentSupport = Double(consequentCount) / total
                let confidence = support / antecedentSupport
                let lift = confidence / consequentSupport
                guard confidence >= minimumConfidence, lift >= minimumLift else { continue }
                rules.append(
                    AssociationRule(
                        antecedent: antecedent, consequent: consequent, support: support,
                        antecedentSupport: antecedentSupport, consequentSupport: consequentSupport, confidence: confidence,
                        lift: lift, leverage: support - antecedentSupport * consequentSupport,
                        conviction: confidence >= 1 ? .infinity : (1 - consequentSupport) / (1 - confidence)))
            }
        }
        rules.sort { a, b in
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.lift != b.lift { return a.lift > b.lift }
            if a.antecedent != b.antecedent { return a.antecedent.lexicographicallyPrecedes(b.antecedent) }
            return a.consequent.lexicographicallyPrecedes(b.consequent)
        }
        return rules
    }
}
