import RapportCore

/// Names RFM cells. A cell is the recency score R (1…5) and the FM score, the mean of F and M
/// rounded up ((F + M + 1) / 2); the first rule whose ranges hold the cell names it.
public struct RFMSegmentMap: Sendable, Hashable, Codable {
    /// One named block of cells.
    public struct Rule: Sendable, Hashable, Codable {
        public var segment: String
        public var recency: ClosedRange<Int>
        public var frequencyMonetary: ClosedRange<Int>

        public init(_ segment: String, recency: ClosedRange<Int>, frequencyMonetary: ClosedRange<Int>) {
            self.segment = segment
            self.recency = recency
            self.frequencyMonetary = frequencyMonetary
        }
    }

    public var rules: [Rule]

    /// Checks that every one of the 25 cells is named, and names the first cell that is not.
    public init(rules: [Rule]) throws(AnalysisConfigurationError) {
        self.rules = rules
        for r in 1 ... 5 {
            for fm in 1 ... 5 where segment(recency: r, frequencyMonetary: fm) == nil {
                throw AnalysisConfigurationError(
                    setting: "rfmSegments", value: "R=\(r), FM=\(fm)",
                    reason: "no rule names this cell; widen a rule's ranges or add a rule for it")
            }
        }
    }

    /// The segment of one cell, nil only for scores outside 1…5 in a map that was not checked.
    public func segment(recency: Int, frequencyMonetary: Int) -> String? {
        rules.first { $0.recency.contains(recency) && $0.frequencyMonetary.contains(frequencyMonetary) }?.segment
    }

    /// The segment of R, F and M scores.
    public func segment(r: Int, f: Int, m: Int) -> String? {
        segment(recency: r, frequencyMonetary: (f + m + 1) / 2)
    }

    /// The default map: eleven segments over the R × FM grid (rows R, columns FM):
    ///
    /// | R \ FM | 1 | 2 | 3 | 4 | 5 |
    /// | --- | --- | --- | --- | --- | --- |
    /// | 5 | New | Potential loyalists | Potential loyalists | Champions | Champions |
    /// | 4 | Promising | Potential loyalists | Potential loyalists | Loyal | Champions |
    /// | 3 | About to sleep | About to sleep | Need attention | Loyal | Loyal |
    /// | 2 | Hibernating | Hibernating | At risk | At risk | Can't lose them |
    /// | 1 | Lost | Lost | At risk | At risk | Can't lose them |
    public static let standard: RFMSegmentMap = {
        let rules: [Rule] = [
            Rule("Champions", recency: 5 ... 5, frequencyMonetary: 4 ... 5),
            Rule("Champions", recency: 4 ... 4, frequencyMonetary: 5 ... 5),
            Rule("Loyal", recency: 3 ... 4, frequencyMonetary: 4 ... 5),
            Rule("Potential loyalists", recency: 4 ... 5, frequencyMonetary: 2 ... 3),
            Rule("New", recency: 5 ... 5, frequencyMonetary: 1 ... 1),
            Rule("Promising", recency: 4 ... 4, frequencyMonetary: 1 ... 1),
            Rule("Need attention", recency: 3 ... 3, frequencyMonetary: 3 ... 3),
            Rule("About to sleep", recency: 3 ... 3, frequencyMonetary: 1 ... 2),
            Rule("Can't lose them", recency: 1 ... 2, frequencyMonetary: 5 ... 5),
            Rule("At risk", recency: 1 ... 2, frequencyMonetary: 3 ... 4),
            Rule("Hibernating", recency: 2 ... 2, frequencyMonetary: 1 ... 2),
            Rule("Lost", recency: 1 ... 1, frequencyMonetary: 1 ... 2),
        ]
        return RFMSegmentMap(uncheckedRules: rules)
    }()

    init(uncheckedRules: [Rule]) {
        self.rules = uncheckedRules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rules = try container.decode([Rule].self, forKey: .rules)
        try self.init(rules: rules)
    }
}

/// A setting of the analysis that cannot be used, with the value and how to fix it.
public struct AnalysisConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var setting: String
    public var value: String
    public var reason: String

    public init(setting: String, value: String, reason: String) {
        self.setting = setting
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(setting) \(value): \(reason)" }
}
