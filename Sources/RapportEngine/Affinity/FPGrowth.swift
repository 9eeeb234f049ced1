import RapportAnalytics

/// Why frequent itemsets cannot be mined with the given settings.
public enum AffinityError: Error, Sendable, Equatable, CustomStringConvertible {
    case minimumSupport(Double)
    case minimumConfidence(Double)

    public var description: String {
        switch self {
        case .minimumSupport(let value):
            "minimum support \(value) is not a share: give a number above 0 and at most 1 (0.01 is 1% of baskets)"
        case .minimumConfidence(let value):
            "minimum confidence \(value) is not a share: give a number from 0 to 1"
        }
    }
}

/// Exact frequent-itemset mining by FP-growth (Han, Pei & Yin 2000): the baskets are compressed into a
/// prefix tree of frequent items ordered by decreasing support, then each item's conditional tree is
/// mined recursively. The tree lives in flat arrays; the top-level items are shared between the
/// cores. The result is every itemset whose support (count over all baskets) is at least the
/// minimum, as mlxtend's `fpgrowth` defines it.
public enum FPGrowth {
    public static func frequentItemsets(
        in baskets: Baskets, minimumSupport: Double, maximumLength: Int? = nil
    ) throws(AffinityError) -> [FrequentItemset] {
        guard minimumSupport > 0, minimumSupport <= 1 else { throw AffinityError.minimumSupport(minimumSupport) }
        let total = baskets.count
        guard total > 0 else { return [] }
        let minimumCount = Self.minimumCount(support: minimumSupport, baskets: total)
        let maximumLength = maximumLength ?? Int.max
        guard maximumLength >= 1 else { return [] }

        // Frequent items ranked by decreasing count (ties by code, for a deterministic tree).
        var counts = [Int](repeating: 0, count: baskets.itemCount)
        for item in baskets.items { counts[Int(item)] += 1 }
        let ranked = (0 ..< baskets.itemCount).filter { counts[$0] >= minimumCount }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        guard !ranked.isEmpty else { return [] }
        var rank = [Int32](repeating: -1, count: baskets.itemCount)
        for (position, item) in ranked.enumerated() { rank[item] = Int32(position) }

        var tree = FPTree(itemCount: ranked.count)
        var path: [Int32] = []
        for basket in 0 ..< total {
            path.removeAll(keepingCapacity: true)
            for item in baskets.basket(basket) where rank[Int(item)] >= 0 { path.append(rank[Int(item)]) }
            guard !path.isEmpty else { continue }
            path.sort()
            tree.insert(path, count: 1)
        }
        let globalItems = ranked.map { Int32($0) }
        let frozenTree = tree
        let parts = ranked.count >= 64 ? 2 : 1
        let pieces = ParallelColumns.map(parts) { part -> [FrequentItemset] in
            var miner = Miner(minimumCount: minimumCount, maximumLength: maximumLength)
            var item = frozenTree.itemCount - 1 - part
            while item >= 0 {
                miner.mine(item: item, of: frozenTree, items: globalItems, prefix: [])
                item -= parts
            }
            return miner.found
        }
        var result = Array(pieces.joined())
        for index in result.indices { result[index].items.sort() }
        result.sort { a, b in
            a.items.count != b.items.count ? a.items.count < b.items.count : a.items.lexicographicallyPrecedes(b.items)
        }
        return result
    }

    /// The smallest count whose share of `baskets` reaches `support` in floating point, exactly as a
    /// comparison `count / baskets >= support` decides.
    static func minimumCount(support: Double, baskets: Int) -> Int {
        var count = max(1, Int((support * Double(baskets)).rounded(.up)))
        while count > 1, Double(count - 1) / Double(baskets) >= support { count -= 1 }
        while Double(count) / Double(baskets) < support { count += 1 }
        return count
    }
}

/// A prefix tree of item paths in flat arrays; node 0 is the root. Children are kept as a linked list
/// of siblings (baskets are short, so lists are short), and each item's nodes are chained from `head`.
struct FPTree: Sendable {
    var item: [Int32] = [-1]
    var count: [Int] = [0]
    var parent: [Int32] = [-1]
    var firstChild: [Int32] = [-1]
    var nextSibling: [Int32] = [-1]
    var nextSameItem: [Int32] = [-1]
    /// First node of each item, -1 when none.
    var head: [Int32]
    /// Total count of each item in the tree.
    var itemTotals: [Int]
    /// The root's child for each item (the root has one child per frequent item at most, too many to
    /// scan as a list).
    var rootChild: [Int32]
    let itemCount: Int

    init(itemCount: Int) {
        self.itemCount = itemCount
        head = [Int32](repeating: -1, count: itemCount)
        itemTotals = [Int](repeating: 0, count: itemCount)
        rootChild = [Int32](repeating: -1, count: itemCount)
    }

    /// Adds a path of item ranks in increasing order with a count.
    mutating func insert(_ path: some Collection<Int32>, count weight: Int) {
        var node: Int32 = 0
        for element in path {
            var child: Int32
            if node == 0 {
                child = rootChild[Int(element)]
            } else {
                child = firstChild[Int(node)]
                while child >= 0 && item[Int(child)] != element { child = nextSibling[Int(child)] }
            }
            if child < 0 {
                child = Int32(item.count)
                item.append(element)
                count.append(0)
                parent.append(node)
                firstChild.append(-1)
                nextSibling.append(firstChild[Int(node)])
                firstChild[Int(node)] = child
                nextSameItem.append(head[Int(element)])
                head[Int(element)] = child
                if node == 0 { rootChild[Int(element)] = child }
            }
            count[Int(child)] += weight
            itemTotals[Int(element)] += weight
            node = child
        }
    }
}

/// Mines conditional trees depth first, collecting itemsets of global item codes.
private struct Miner {
    let minimumCount: Int
    let maximumLength: Int
    var found: [FrequentItemset] = []
    private var paths: [[Int32]] = []
    private var weights: [Int] = []

    init(minimumCount: Int, maximumLength: Int) {
        self.minimumCount = minimumCount
        self.maximumLength = maximumLength
    }

    /// Reports `prefix + item` and mines the itemsets that extend it with more frequent items.
    mutating func mine(item: Int, of tree: FPTree, items: [Int32], prefix: [Int32]) {
        let itemset = prefix + [items[item]]
        found.append(FrequentItemset(items: itemset, count: tree.itemTotals[item]))
        guard itemset.count < maximumLength else { return }

        // The conditional pattern base: the path above every node of `item`, with that node's
        // count, flattened into one buffer (paths end at `pathEnds`).
        var localCounts = [Int](repeating: 0, count: item)
        var pathItems: [Int32] = []
        var pathEnds: [Int] = []
        var pathWeights: [Int] = []
        var node = tree.head[item]
        while node >= 0 {
            let weight = tree.count[Int(node)]
            let start = pathItems.count
            var ancestor = tree.parent[Int(node)]
            while ancestor > 0 {
                let element = tree.item[Int(ancestor)]
                pathItems.append(element)
                localCounts[Int(element)] += weight
                ancestor = tree.parent[Int(ancestor)]
            }
            if pathItems.count > start {
                pathEnds.append(pathItems.count)
                pathWeights.append(weight)
            }
            node = tree.nextSameItem[Int(node)]
        }
        let kept = (0 ..< item).filter { localCounts[$0] >= minimumCount }
            .sorted { localCounts[$0] != localCounts[$1] ? localCounts[$0] > localCounts[$1] : $0 < $1 }
        guard !kept.isEmpty else { return }
        var newRank = [Int32](repeating: -1, count: item)
        for (position, element) in kept.enumerated() { newRank[element] = Int32(position) }
        var conditional = FPTree(itemCount: kept.count)
        var filtered: [Int32] = []
        var start = 0
        for (end, weight) in zip(pathEnds, pathWeights) {
            filtered.removeAll(keepingCapacity: true)
            for element in pathItems[start ..< end] where newRank[Int(element)] >= 0 { filtered.append(newRank[Int(element)]) }
            start = end
            guard !filtered.isEmpty else { continue }
            filtered.sort()
            conditional.insert(filtered, count: weight)
        }
        let conditionalItems = kept.map { items[$0] }
        for next in stride(from: kept.count - 1, through: 0, by: -1) {
            mine(item: next, of: conditional, items: conditionalItems, prefix: itemset)
        }
    }
}
