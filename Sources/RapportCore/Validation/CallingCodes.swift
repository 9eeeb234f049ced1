/// How national phone numbers are written in a country: its calling code, whether a leading `0`
/// (trunk prefix) is dropped when dialling from abroad, and the lengths its national significant
/// numbers may have.
struct NumberingPlan: Sendable {
    let callingCode: String
    let trunkZero: Bool
    let nationalLengths: ClosedRange<Int>

    /// Plans of the countries Rapport's users sell to most; other countries accept numbers written
    /// in international form (`+` or `00`) checked against E.164's general rule.
    static let byCountry: [String: NumberingPlan] = [
        "FR": .init(callingCode: "33", trunkZero: true, nationalLengths: 9...9),
        "BE": .init(callingCode: "32", trunkZero: true, nationalLengths: 8...9),
        "CH": .init(callingCode: "41", trunkZero: true, nationalLengths: 9...9),
        "LU": .init(callingCode: "352", trunkZero: false, nationalLengths: 4...11),
        "MC": .init(callingCode: "377", trunkZero: false, nationalLengths: 8...9),
        "GB": .init(callingCode: "44", trunkZero: true, nationalLengths: 9...10),
        "IE": .init(callingCode: "353", trunkZero: true, nationalLengths: 7...9),
        "DE": .init(callingCode: "49", trunkZero: true, nationalLengths: 6...13),
        "AT": .init(callingCode: "43", trunkZero: true, nationalLengths: 4...13),
        "NL": .init(callingCode: "31", trunkZero: true, nationalLengths: 9...9),
        "ES": .init(callingCode: "34", trunkZero: false, nationalLengths: 9...9),
        "PT": .init(callingCode: "351", trunkZero: false, nationalLengths: 9...9),
        "IT": .init(callingCode: "39", trunkZero: false, nationalLengths: 6...11),
        "US": .init(callingCode: "1", trunkZero: false, nationalLengths: 10...10),
        "CA": .init(callingCode: "1", trunkZero: false, nationalLengths: 10...10),
        "MA": .init(callingCode: "212", trunkZero: true, nationalLengths: 9...9),
        "TN": .init(callingCode: "216", trunkZero: false, nationalLengths: 8...8),
        "DZ": .init(callingCode: "213", trunkZero: true, nationalLengths: 8...9),
        "SN": .init(callingCode: "221", trunkZero: false, nationalLengths: 9...9),
        "CI": .init(callingCode: "225", trunkZero: false, nationalLengths: 10...10),
        "DK": .init(callingCode: "45", trunkZero: false, nationalLengths: 8...8),
        "SE": .init(callingCode: "46", trunkZero: true, nationalLengths: 7...9),
        "NO": .init(callingCode: "47", trunkZero: false, nationalLengths: 8...8),
        "FI": .init(callingCode: "358", trunkZero: true, nationalLengths: 5...12),
        "PL": .init(callingCode: "48", trunkZero: false, nationalLengths: 9...9),
        "AU": .init(callingCode: "61", trunkZero: true, nationalLengths: 9...9),
        "JP": .init(callingCode: "81", trunkZero: true, nationalLengths: 9...10),
        "CN": .init(callingCode: "86", trunkZero: true, nationalLengths: 9...11),
        "IN": .init(callingCode: "91", trunkZero: true, nationalLengths: 10...10),
        "BR": .init(callingCode: "55", trunkZero: true, nationalLengths: 10...11),
    ]

    /// The plan whose calling code starts `digits`, for numbers written internationally; the
    /// longest matching code wins.
    static func plan(forInternational digits: Substring) -> NumberingPlan? {
        var best: NumberingPlan?
        for plan in byCountry.values where digits.hasPrefix(plan.callingCode) {
            if plan.callingCode.count > (best?.callingCode.count ?? 0) { best = plan }
        }
        return best
    }
}
