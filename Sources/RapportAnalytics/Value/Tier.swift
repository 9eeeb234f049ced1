import RapportCore

/// A third of the value scale: where a customer stands among buyers on one measure.
public enum Tier: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case low = 0, medium = 1, high = 2

    public var description: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        }
    }

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Splits buyers into tiers by rank on one measure: the top `highShare` are high, the next
/// `mediumShare` medium, the rest low. Equal values always share a tier (the lower one when a
/// tie straddles a boundary), so a tier can hold fewer customers than its share.
public struct TierShares: Sendable, Hashable, Codable {
    public var highShare: Double
    public var mediumShare: Double

    public init(highShare: Double = 0.2, mediumShare: Double = 0.3) {
        self.highShare = highShare
        self.mediumShare = mediumShare
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case highShare, mediumShare
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = TierShares()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        highShare = try c.value(.highShare, or: d.highShare)
        mediumShare = try c.value(.mediumShare, or: d.mediumShare)
    }

    func validate(_ setting: String) throws(AnalysisConfigurationError) {
        guard highShare > 0, mediumShare >= 0, highShare + mediumShare <= 1 else {
            throw AnalysisConfigurationError(
                setting: setting, value: "highShare \(highShare), mediumShare \(mediumShare)",
                reason: "shares must be positive and add up to at most 1 (for example 0.2 and 0.3)")
        }
    }

    /// The tier of each value; a NaN (a value that could not be computed) is low.
    public func tiers(_ values: [Double]) -> [Tier] {
        let n = values.count
        guard n > 0 else { return [] }
        let values = values.map { $0.isNaN ? -Double.infinity : $0 }
        var work = values
        func cut(keepingTop share: Double, from lower: Int) -> (value: Double, position: Int)? {
            let inTop = Int((share * Double(n)).rounded(.down))
            guard inTop < n else { return nil }  // everyone is in the top
            let position = n - inTop - 1  // the largest value outside the top share
            Selection.select(&work, position, from: lower)
            return (work[position], position)
        }
        let medium = cut(keepingTop: highShare + mediumShare, from: 0)
        let high = cut(keepingTop: highShare, from: medium?.position ?? 0)
        return values.map { value in
            if let high, value <= high.value {
                if let medium, value <= medium.value { return .low }
                return .medium
            }
            return .high
        }
    }
}
