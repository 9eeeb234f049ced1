import Dispatch
import RapportCore

/// Two records that may be one person, with the score and its evidence.
public struct DuplicateCandidate: Sendable, Hashable {
    public var pair: CustomerPair
    public var score: PairScore

    public init(_ pair: CustomerPair, score: PairScore) {
        self.pair = pair
        self.score = score
    }
}

/// Two customer ids, the smaller first.
public struct CustomerPair: Sendable, Hashable {
    public var first: Int64
    public var second: Int64

    public init(_ a: Int64, _ b: Int64) {
        first = min(a, b)
        second = max(a, b)
    }
}

/// One automatic merge to make: `absorbedID` into `survivorID`.
public struct PlannedMerge: Sendable, Hashable {
    public var survivorID: Int64
    public var absorbedID: Int64
    public var survivorExternalID: String
    public var absorbedExternalID: String
    public var score: PairScore

    public init(survivor: MatchRecord, absorbed: MatchRecord, score: PairScore) {
        survivorID = survivor.id
        absorbedID = absorbed.id
        survivorExternalID = survivor.externalID
        absorbedExternalID = absorbed.externalID
        self.score = score
    }
}

/// What a search for duplicates found.
public struct DuplicateFindings: Sendable {
    public var records: Int
    /// Distinct pairs compared after blocking.
    public var comparedPairs: Int
    /// Blocks larger than ``MatchingRules/largestBlock``, not compared pair by pair.
    public var skippedBlocks: Int
    /// Merges to make automatically, each into the survivor of its group.
    public var merges: [PlannedMerge]
    /// Pairs for a person to decide, best first: scores in the review band, and automatic links
    /// of groups too large to merge without asking.
    public var review: [DuplicateCandidate]
}

/// Finds the records of one person among many: blocking (``BlockingKeys``) limits the pairs
/// compared, ``PairScorer`` scores them, and links at or above the automatic threshold are grouped
/// (transitively) into merges, unless first names or birth dates clearly differ between any two
/// members (then the group waits for review), whose survivor is, in each group, a customer before a prospect, then
/// the oldest record, then the smallest id.
public struct DuplicateFinder: Sendable {
    public let rules: MatchingRules

    public init(rules: MatchingRules) {
        self.rules = rules
    }

    /// Searches `records`; a pair of customer ids in `rejected` (smaller id first) is never linked:
    /// a person decided they are two people.
    public func find(in records: [MatchRecord], rejected: Set<CustomerPair> = []) -> DuplicateFindings {
        var records = records
        NameFrequencies.assignWeights(to: &records, rules: rules)
        let (pairs, skipped) = candidatePairs(records)
        let scorer = PairScorer(rules: rules)
        let (scores, vetoes) = Self.score(pairs, of: records, with: scorer)
        let shift = rules.thresholdShift(records: records.count)
        let automaticThreshold = rules.automaticThreshold + shift
        let reviewThreshold = rules.reviewThreshold + shift
        var automatic: [(Int, Int)] = []
        var review: [DuplicateCandidate] = []
        for (k, pair) in pairs.enumerated() {
            let i = Int(pair >> 32)
            let j = Int(pair & 0xffff_ffff)
            if !rejected.isEmpty && rejected.contains(CustomerPair(records[i].id, records[j].id)) { continue }
            let score = scores[k]
            if score >= automaticThreshold && !vetoes[k] {
                automatic.append((i, j))
            } else if score >= reviewThreshold {
                review.append(DuplicateCandidate(CustomerPair(records[i].id, records[j].id), score: scorer.explain(records[i], records[j])))
            }
        }
        var groups = UnionFind(count: records.count)
        for (i, j) in automatic { groups.union(i, j) }
        var members: [Int: [Int]] = [:]
        var seen = Set<Int>()
        for (i, j) in automatic {
            for index in [i, j] where seen.insert(index).inserted {
                members[groups.find(index), default: []].append(index)
            }
        }
        var merges: [PlannedMerge] = []
        var tooLarge = Set<Int>()
        for (root, group) in members {
            guard group.count <= rules.largestGroup, !Self.hasConflict(group, records, scorer) else {
                tooLarge.insert(root)
                continue
            }
            let survivor = group.min { Self.survives(records[$0], over: records[$1]) }!
            for index in group where index != survivor {
                merges.append(
                    PlannedMerge(
                        survivor: records[survivor], absorbed: records[index], score: scorer.explain(records[survivor], records[index])))
            }
        }
        // Links of groups too large, or whose members conflict, wait for a person.
        for (i, j) in automatic where tooLarge.contains(groups.find(i)) {
            review.append(DuplicateCandidate(CustomerPair(records[i].id, records[j].id), score: scorer.explain(records[i], records[j])))
        }
        merges.sort { ($0.survivorID, $0.absorbedID) < ($1.survivorID, $1.absorbedID) }
        review.sort { ($0.score.score, $1.pair.first, $1.pair.second) > ($1.score.score, $0.pair.first, $0.pair.second) }
        return DuplicateFindings(
            records: records.count, comparedPairs: pairs.count, skippedBlocks: skipped, merges: merges, review: review)
    }

    /// The score of every pair, and whether first names or birth dates differ, computed on every
    /// core: pairs are independent.
    static func score(_ pairs: [UInt64], of records: [MatchRecord], with scorer: PairScorer) -> (scores: [Double], vetoes: [Bool]) {
        var scores = [Double](repeating: 0, count: pairs.count)
        var vetoes = [Bool](repeating: false, count: pairs.count)
        let chunks = max(1, min(64, pairs.count / 20_000))
        scores.withUnsafeMutableBufferPointer { scoreBuffer in
            vetoes.withUnsafeMutableBufferPointer { vetoBuffer in
                records.withUnsafeBufferPointer { recordBuffer in
                    // Each chunk writes its own range of the two buffers, and nothing reads them
                    // before every chunk is done. Records are read in place (no copy, no
                    // reference counting of their strings).
                    let shared = DisjointWrites(scores: scoreBuffer, vetoes: vetoBuffer, records: recordBuffer)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let start = pairs.count * chunk / chunks
                        let end = pairs.count * (chunk + 1) / chunks
                        for k in start..<end {
                            let pair = pairs[k]
                            let (score, vetoed) = scorer.quickScore(
                                shared.records[Int(pair >> 32)], shared.records[Int(pair & 0xffff_ffff)])
                            shared.scores[k] = score
                            shared.vetoes[k] = vetoed
                        }
                    }
                }
            }
        }
        return (scores, vetoes)
    }

    /// Whether two records of a group, linked only through others, have first names or birth
    /// dates that differ: merging the group would merge them too.
    static func hasConflict(_ group: [Int], _ records: [MatchRecord], _ scorer: PairScorer) -> Bool {
        guard group.count > 2 else { return false }
        for a in 0..<(group.count - 1) {
            for b in (a + 1)..<group.count where scorer.quickScore(records[group[a]], records[group[b]]).vetoed {
                return true
            }
        }
        return false
    }

    /// Whether `a` should be the survivor rather than `b`.
    static func survives(_ a: MatchRecord, over b: MatchRecord) -> Bool {
        let rankA = a.kind == .prospect ? 1 : 0
        let rankB = b.kind == .prospect ? 1 : 0
        return (rankA, a.createdAt, a.id) < (rankB, b.createdAt, b.id)
    }

    /// Every distinct pair (lower index in the high half) of records sharing a blocking key, and
    /// how many blocks were too large to compare.
    func candidatePairs(_ records: [MatchRecord]) -> (pairs: [UInt64], skippedBlocks: Int) {
        var keyed: [(key: UInt64, index: UInt32)] = []
        keyed.reserveCapacity(records.count * 6)
        for (index, record) in records.enumerated() {
            for key in BlockingKeys.keys(of: record) { keyed.append((key, UInt32(index))) }
        }
        keyed.sort { ($0.key, $0.index) < ($1.key, $1.index) }
        var pairs: [UInt64] = []
        var skipped = 0
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
            let size = end - start
            if size > rules.largestBlock {
                skipped += 1
            } else if size > 1 {
                for a in start..<(end - 1) {
                    for b in (a + 1)..<end where keyed[a].index != keyed[b].index {
                        pairs.append(UInt64(keyed[a].index) << 32 | UInt64(keyed[b].index))
                    }
                }
            }
            start = end
        }
        pairs.sort()
        var unique = 0
        for pair in pairs where unique == 0 || pairs[unique - 1] != pair {
            pairs[unique] = pair
            unique += 1
        }
        pairs.removeLast(pairs.count - unique)
        return (pairs, skipped)
    }
}

/// Disjoint sets over `0..<count`, with path halving and union by size.
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int) {
        parent = (0..<Int32(count)).map { $0 }
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = Int32(x)
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return Int(x)
    }

    mutating func union(_ a: Int, _ b: Int) {
        var ra = find(a)
        var rb = find(b)
        guard ra != rb else { return }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
    }
}

/// Buffers that concurrent chunks write at disjoint indexes, and the records they all read.
private struct DisjointWrites: @unchecked Sendable {
    let scores: UnsafeMutableBufferPointer<Double>
    let vetoes: UnsafeMutableBufferPointer<Bool>
    let records: UnsafeBufferPointer<MatchRecord>
}
