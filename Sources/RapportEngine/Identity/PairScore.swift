/// One field's part in a pair's score.
public struct MatchEvidence: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case agrees, close, initial, swapped, nearly, differs
    }

    public var field: String
    public var outcome: Outcome
    public var weight: Double

    public init(field: String, outcome: Outcome, weight: Double) {
        self.field = field
        self.outcome = outcome
        self.weight = weight
    }

    /// `email agrees (+14)`.
    public var description: String {
        let sign = weight >= 0 ? "+" : ""
        return "\(field) \(outcome.rawValue) (\(sign)\(NumberFormatting.trimmed(weight)))"
    }
}

/// How strongly two records look like one person, and why.
public struct PairScore: Sendable, Hashable {
    public var score: Double
    public var evidence: [MatchEvidence]

    /// The fields that agree, joined: the rule recorded with an automatic merge (`email+first_name`).
    public var agreeingFields: String {
        let fields = evidence.filter { $0.weight > 0 }.map(\.field)
        return fields.isEmpty ? "none" : fields.joined(separator: "+")
    }
}

enum NumberFormatting {
    static func trimmed(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Compares two records under ``MatchingRules``.
public struct PairScorer: Sendable {
    public let rules: MatchingRules

    public init(rules: MatchingRules) {
        self.rules = rules
    }

    /// The score alone, without building the evidence: what blocking calls on every pair.
    public func score(_ a: MatchRecord, _ b: MatchRecord) -> Double {
        var total = 0.0
        compare(a, b) { _, _, weight in total += weight }
        return total
    }

    /// The score with every field's part.
    public func explain(_ a: MatchRecord, _ b: MatchRecord) -> PairScore {
        var total = 0.0
        var evidence: [MatchEvidence] = []
        compare(a, b) { field, outcome, weight in
            total += weight
            evidence.append(MatchEvidence(field: field, outcome: outcome, weight: weight))
        }
        return PairScore(score: total, evidence: evidence)
    }

    private func compare(_ a: MatchRecord, _ b: MatchRecord, _ add: (String, MatchEvidence.Outcome, Double) -> Void) {
        let r = rules
        if let x = a.email, let y = b.email {
            x == y ? add("email", .agrees, r.emailAgrees) : add("email", .differs, r.emailDiffers)
        }
        if let x = a.phone, let y = b.phone {
            x == y ? add("phone", .agrees, r.phoneAgrees) : add("phone", .differs, r.phoneDiffers)
        }
        if let x = a.loyaltyCard, let y = b.loyaltyCard {
            x == y ? add("loyalty_card", .agrees, r.loyaltyCardAgrees) : add("loyalty_card", .differs, r.loyaltyCardDiffers)
        }
        if a.birth != 0 && b.birth != 0 {
            if a.birth == b.birth {
                add("birth_date", .agrees, r.birthDateAgrees)
            } else if Self.nearlySameDate(a.birth, b.birth) {
                add("birth_date", .nearly, r.birthDateNearly)
            } else {
                add("birth_date", .differs, r.birthDateDiffers)
            }
        }
        compareNames(a, b, add)
        if let x = a.postcode, let y = b.postcode {
            x == y ? add("postcode", .agrees, r.postcodeAgrees) : add("postcode", .differs, r.postcodeDiffers)
        }
        if !a.city.isEmpty && !b.city.isEmpty {
            a.city == b.city ? add("city", .agrees, r.cityAgrees) : add("city", .differs, r.cityDiffers)
        }
        if let x = a.country, let y = b.country, x != y { add("country", .differs, r.countryDiffers) }
        if let x = a.gender, let y = b.gender, x != y, x != "other", y != "other" { add("gender", .differs, r.genderDiffers) }
    }

    private func compareNames(_ a: MatchRecord, _ b: MatchRecord, _ add: (String, MatchEvidence.Outcome, Double) -> Void) {
        guard !a.first.isEmpty || !a.last.isEmpty, !b.first.isEmpty || !b.last.isEmpty else { return }
        let straight = nameWeight(a.first, b.first) + nameWeight(a.last, b.last)
        if !a.first.isEmpty, !a.last.isEmpty, !b.first.isEmpty, !b.last.isEmpty {
            let crossed = nameWeight(a.first, b.last) + nameWeight(a.last, b.first)
            if crossed > straight && crossed > 0 {
                add("names", .swapped, crossed)
                return
            }
        }
        if !a.first.isEmpty && !b.first.isEmpty { add("first_name", outcome(a.first, b.first), nameWeight(a.first, b.first)) }
        if !a.last.isEmpty && !b.last.isEmpty { add("last_name", outcome(a.last, b.last), nameWeight(a.last, b.last)) }
    }

    private func similarity(_ x: [UInt8], _ y: [UInt8]) -> Double {
        if x.isEmpty || y.isEmpty { return -1 }
        return JaroWinkler.similarity(x, y)
    }

    private func isInitial(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        (x.count == 1 || y.count == 1) && x.first == y.first
    }

    private func outcome(_ x: [UInt8], _ y: [UInt8]) -> MatchEvidence.Outcome {
        let s = similarity(x, y)
        if s >= rules.nameSameSimilarity { return .agrees }
        if s >= rules.nameCloseSimilarity { return .close }
        if isInitial(x, y) { return .initial }
        return s < rules.nameDifferentSimilarity ? .differs : .close
    }

    private func nameWeight(_ x: [UInt8], _ y: [UInt8]) -> Double {
        let s = similarity(x, y)
        if s < 0 { return 0 }
        if s >= rules.nameSameSimilarity { return rules.nameAgrees }
        if s >= rules.nameCloseSimilarity { return rules.nameClose }
        if isInitial(x, y) { return rules.nameInitial }
        return s < rules.nameDifferentSimilarity ? rules.nameDiffers : 0
    }

    /// Day and month swapped, or the two dates differing in one digit.
    static func nearlySameDate(_ a: Int32, _ b: Int32) -> Bool {
        let (ya, ma, da) = (a / 10000, a / 100 % 100, a % 100)
        let (yb, mb, db) = (b / 10000, b / 100 % 100, b % 100)
        if ya == yb && ma == db && da == mb { return true }
        var x = a
        var y = b
        var differing = 0
        while x > 0 || y > 0 {
            if x % 10 != y % 10 { differing += 1 }
            x /= 10
            y /= 10
        }
        return differing == 1
    }
}
