import RapportAnalytics

/// The tactical targets as bits of a per-customer mask, in the analysis's priority order.
enum TargetNames {
    static let all: [String] = TacticalTarget.allCases.map(\.rawValue)
    static let bits: [String: UInt16] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, UInt16(1) << UInt16($0)) })
}
