/// How raw values become scores 1…5 (5 is best).
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
            let cuts = sharedCuts(values)
            return values.map { scoreAbove($0, cuts: cuts) }
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

    /// The four values t₁…t₄ such that a value gets score 1 + #{k : value > t_k} under the shared
    /// policy: t_k is the m_k-th smallest value with m_k = ⌈k n / 5⌉, because "at least m values are
    /// strictly smaller than v" is "the m-th smallest value is smaller than v". Found by selection,
    /// not by sorting: O(n).
    static func sharedCuts(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
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
