/// How raw values become scores 1…5 (5 is best). In a configuration file:
/// `{"quintiles": "shared"}`, `{"quintiles": "ordinal"}` or `{"thresholds": [2, 3, 5, 8]}`.
public enum ScoreScale: Sendable, Hashable, Codable {
    /// Quintiles of the scored customers, with `ties` deciding equal values.
    case quintiles(ties: TiePolicy)
    /// Four ascending cut points: a value at or above the k-th gets at least score k + 1.
    case thresholds([Double])

    /// What happens to customers whose values are equal.
    public enum TiePolicy: String, Sendable, Hashable, Codable, CaseIterable {
        /// Equal values always get the same score: the score of the lowest rank they share, i.e.
        /// 1 + ⌊5 × (customers with a strictly worse value) / n⌋. When one value holds more than a
        /// fifth of the customers (half the base bought once) the scores it spans are skipped:
        /// one-time buyers all get F = 1 and the next frequency starts at F = 3. The default.
        case shared
        /// Every score holds a fifth of the customers (as SQL `ntile(5)` or pandas
        /// `rank(method="first")`): equal values are split in ascending customer-id order, so two
        /// customers with the same history can get different scores.
        case ordinal
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case quintiles, thresholds
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let ties = try container.decodeIfPresent(TiePolicy.self, forKey: .quintiles) {
            self = .quintiles(ties: ties)
        } else if let cuts = try container.decodeIfPresent([Double].self, forKey: .thresholds) {
            guard cuts.count == 4, cuts.allSatisfy(\.isFinite) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .thresholds, in: container,
                    debugDescription: "write four numbers, the values where scores 2, 3, 4 and 5 begin (found \(cuts.count))")
            }
            self = .thresholds(cuts)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: #"write {"quintiles": "shared"}, {"quintiles": "ordinal"} or {"thresholds": [a, b, c, d]}"#))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .quintiles(let ties): try container.encode(ties, forKey: .quintiles)
        case .thresholds(let cuts): try container.encode(cuts, forKey: .thresholds)
        }
    }
}

/// Scores one column of values with a ``ScoreScale``. Values must be finite; a larger value is
/// better (pass recency as minus the days since the last purchase).
public enum ScoreScaler {
    /// The score of each value, 1…5.
    public static func scores(_ values: [Double], scale: ScoreScale) -> [UInt8] {
        switch scale {
        case .thresholds(let cuts):
            return values.map { score($0, cuts: cuts) }
        case .quintiles(.shared):
            return scoresAbove(values, cuts: sharedCuts(values))
        case .quintiles(.ordinal):
            return ordinalScores(values)
        }
    }

    /// Score against fixed cut points: 1 + the number of cuts at or below the value.
    static func score(_ value: Double, cuts: [Double]) -> UInt8 {
        var score: UInt8 = 1
        for cut in cuts where value >= cut { score += 1 }
        return min(score, 5)
    }

    /// Score against strict cut points: 1 + the number of cuts strictly below the value.
    static func scoreAbove(_ value: Double, cuts: [Double]) -> UInt8 {
        var score: UInt8 = 1
        for cut in cuts where value > cut { score += 1 }
        return score
    }

    /// `scoreAbove` over a whole column, the four cuts held in registers.
    static func scoresAbove(_ values: [Double], cuts: [Double]) -> [UInt8] {
        guard cuts.count == 4 else { return values.map { scoreAbove($0, cuts: cuts) } }
        let (c1, c2, c3, c4) = (cuts[0], cuts[1], cuts[2], cuts[3])
        return [UInt8](unsafeUninitializedCapacity: values.count) { scores, initialized in
            values.withUnsafeBufferPointer { values in
                for i in values.indices {
                    let v = values[i]
                    // Bools added as bytes: no branch to mispredict on shuffled values.
                    var score: UInt8 = 1
                    score &+= unsafeBitCast(v > c1, to: UInt8.self)
                    score &+= unsafeBitCast(v > c2, to: UInt8.self)
                    score &+= unsafeBitCast(v > c3, to: UInt8.self)
                    score &+= unsafeBitCast(v > c4, to: UInt8.self)
                    scores[i] = score
                }
            }
            initialized = values.count
        }
    }

    /// The four values t₁…t₄ such that a value gets score 1 + #{k : value > t_k} under the shared
    /// policy: t_k is the m_k-th smallest value with m_k = ⌈k n / 5⌉, because "at least m values are
    /// strictly smaller than v" is "the m-th smallest value is smaller than v". Found by selection,
    /// not by sorting: O(n).
    static func sharedCuts(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
        if let cuts = integerCuts(values) ?? radixCuts(values) { return cuts }
        var work = values
        var cuts: [Double] = []
        var lower = 0
        for k in 1 ... 4 {
            let rank = (k * n + 4) / 5  // ⌈k n / 5⌉ ≥ 1
            // Values below `lower` are already ≤ the previous cut; select within the rest.
            let position = rank - 1
            Selection.select(&work, position, from: lower)
            cuts.append(work[position])
            lower = position
        }
        return cuts
    }

    /// The same cuts by counting, when every value is an integer in a range of at most 2²² (days
    /// since the last purchase, numbers of orders): one pass to count, no selection. Nil otherwise.
    static func integerCuts(_ values: [Double]) -> [Double]? {
        guard var low = values.first else { return nil }
        var high = low
        values.withUnsafeBufferPointer { values in
            for v in values {
                low = min(low, v)
                high = max(high, v)
            }
        }
        let range = high - low
        guard range >= 0 && range < Double(1 << 22) else { return nil }  // also false for NaN
        var counts = [Int](repeating: 0, count: Int(range) + 1)
        let integral = values.withUnsafeBufferPointer { values in
            counts.withUnsafeMutableBufferPointer { counts in
                for v in values {
                    let offset = v - low
                    // A NaN fails the range test; Int(offset) is then safe and exact for integers.
                    guard offset >= 0 && offset <= range else { return false }
                    let index = Int(offset)
                    guard Double(index) == offset else { return false }
                    counts[index] += 1
                }
                return true
            }
        }
        guard integral else { return nil }
        let n = values.count
        var cuts: [Double] = []
        var seen = 0
        var offset = 0
        for k in 1 ... 4 {
            let rank = (k * n + 4) / 5
            while seen + counts[offset] < rank {
                seen += counts[offset]
                offset += 1
            }
            cuts.append(low + Double(offset))
        }
        return cuts
    }

    /// The same cuts for non-negative values (amounts) in two passes: a histogram of the top 20 bits
    /// of each value's IEEE 754 pattern (which orders non-negative doubles), then a selection among
    /// the values of the four buckets that hold the cut ranks. Nil when a value is negative or not finite.
    static func radixCuts(_ values: [Double]) -> [Double]? {
        let n = values.count
        let shift: UInt64 = 44
        var counts = [Int32](repeating: 0, count: 1 << 20)
        let usable = values.withUnsafeBufferPointer { values in
            counts.withUnsafeMutableBufferPointer { counts in
                var ok = true
                for v in values {
                    ok = ok && v >= 0 && v.isFinite
                    counts[Int(((v + 0).bitPattern >> shift) & 0xFFFFF)] &+= 1
                }
                return ok
            }
        }
        guard usable else { return nil }
        // For each cut: its bucket and its rank among the bucket's values.
        var buckets: [Int] = []
        var ranksInBucket: [Int] = []
        var seen = 0
        var bucket = 0
        for k in 1 ... 4 {
            let rank = (k * n + 4) / 5
            while seen + Int(counts[bucket]) < rank {
                seen += Int(counts[bucket])
                bucket += 1
            }
            buckets.append(bucket)
            ranksInBucket.append(rank - seen)
        }
        let wanted = Array(Set(buckets)).sorted()
        var members = wanted.map { _ -> [Double] in [] }
        for (slot, b) in wanted.enumerated() { members[slot].reserveCapacity(Int(counts[b])) }
        values.withUnsafeBufferPointer { values in
            for v in values {
                let b = Int(((v + 0).bitPattern >> shift) & 0xFFFFF)
                for (slot, w) in wanted.enumerated() where w == b { members[slot].append(v) }
            }
        }
        var cuts: [Double] = []
        for k in 0 ..< 4 {
            let slot = wanted.firstIndex(of: buckets[k]) ?? 0
            Selection.select(&members[slot], ranksInBucket[k] - 1, from: 0)
            cuts.append(members[slot][ranksInBucket[k] - 1])
        }
        return cuts
    }

    /// Scores by rank with ties broken by position: rank r (0-based) gets 1 + ⌊5 r / n⌋.
    static func ordinalScores(_ values: [Double]) -> [UInt8] {
        let n = values.count
        var order = Array(0 ..< n)
        order.sort { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var scores = [UInt8](repeating: 1, count: n)
        for (rank, index) in order.enumerated() { scores[index] = UInt8(1 + (5 * rank) / n) }
        return scores
    }
}
