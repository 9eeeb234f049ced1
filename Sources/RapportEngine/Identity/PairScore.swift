import RapportCore

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

    /// `email agrees (+14)`, `last_name agrees (+6.8)`.
    public var description: String {
        let sign = weight >= 0 ? "+" : ""
        let places = weight == weight.rounded() ? 0 : 1
        return "\(field) \(outcome.rawValue) (\(sign)\(NumberText.decimal(weight, places: places)))"
    }
}

/// The fields a pair is compared on, named as the evidence names them.
enum MatchField: String {
    case email, phone, names, postcode, city, country, gender
    case loyaltyCard = "loyalty_card", birthDate = "birth_date", firstName = "first_name", lastName = "last_name"
}

/// How strongly two records look like one person, and why.
public struct PairScore: Sendable, Hashable {
    public var score: Double
    public var evidence: [MatchEvidence]

    /// First names or birth dates clearly differ: never merged without a person's decision.
    public var vetoesAutomaticMerge: Bool {
        evidence.contains { ($0.field == "first_name" || $0.field == "birth_date") && $0.outcome == .differs }
    }

    /// The fields that agree, joined: the rule recorded with an automatic merge (`email+first_name`).
    public var agreeingFields: String {
        let fields = evidence.filter { $0.weight > 0 }.map(\.field)
        return fields.isEmpty ? "none" : fields.joined(separator: "+")
    }
}

/// Compares two records under ``MatchingRules``.
public struct PairScorer: Sendable {
    public let rules: MatchingRules

    public init(rules: MatchingRules) {
        self.rules = rules
    }

    /// The score alone, without building the evidence, and whether first names or birth dates
    /// clearly differ (``PairScore/vetoesAutomaticMerge``): what blocking calls on every pair.
    public func score(_ a: MatchRecord, _ b: MatchRecord) -> Double {
        quickScore(a, b).score
    }

    func quickScore(_ a: MatchRecord, _ b: MatchRecord) -> (score: Double, vetoed: Bool) {
        var total = 0.0
        var vetoed = false
        compare(a, b) { field, outcome, weight in
            total += weight
            if outcome == .differs && (field == .firstName || field == .birthDate) { vetoed = true }
        }
        return (total, vetoed)
    }

    /// The score with every field's part.
    public func explain(_ a: MatchRecord, _ b: MatchRecord) -> PairScore {
        var total = 0.0
        var evidence: [MatchEvidence] = []
        compare(a, b) { field, outcome, weight in
            total += weight
            evidence.append(MatchEvidence(field: field.rawValue, outcome: outcome, weight: weight))
        }
        return PairScore(score: total, evidence: evidence)
    }

    private func compare(_ a: MatchRecord, _ b: MatchRecord, _ add: (MatchField, MatchEvidence.Outcome, Double) -> Void) {
        let r = rules
        if let x = a.email, let y = b.email {
            if x == y {
                add(.email, .agrees, r.emailAgrees)
            } else if a.emailDomain == b.emailDomain && Self.isTypingError(a.emailLocalPart, b.emailLocalPart) {
                add(.email, .close, r.emailTypingError)
            } else if a.emailLocalPart == b.emailLocalPart {
                add(.email, .close, r.emailLocalPartAgrees)
            } else {
                add(.email, .differs, r.emailDiffers)
            }
        }
        if let x = a.phone, let y = b.phone {
            if x == y {
                add(.phone, .agrees, r.phoneAgrees)
            } else if x.utf8.count == y.utf8.count && zip(x.utf8, y.utf8).filter({ $0 != $1 }).count == 1 {
                add(.phone, .close, r.phoneOneDigitOff)
            } else {
                add(.phone, .differs, r.phoneDiffers)
            }
        }
        if let x = a.loyaltyCard, let y = b.loyaltyCard {
            x == y ? add(.loyaltyCard, .agrees, r.loyaltyCardAgrees) : add(.loyaltyCard, .differs, r.loyaltyCardDiffers)
        }
        if a.birth != 0 && b.birth != 0 {
            if a.birth == b.birth {
                add(.birthDate, .agrees, r.birthDateAgrees)
            } else if Self.nearlySameDate(a.birth, b.birth) {
                add(.birthDate, .nearly, r.birthDateNearly)
            } else {
                add(.birthDate, .differs, r.birthDateDiffers)
            }
        }
        compareNames(a, b, add)
        if let x = a.postcode, let y = b.postcode {
            if x == y {
                add(.postcode, .agrees, a.postcodeWeight > 0 ? a.postcodeWeight : r.postcodeAgrees)
            } else {
                add(.postcode, .differs, r.postcodeDiffers)
            }
        }
        if !a.city.isEmpty && !b.city.isEmpty {
            a.city == b.city ? add(.city, .agrees, r.cityAgrees) : add(.city, .differs, r.cityDiffers)
        }
        if let x = a.country, let y = b.country, x != y { add(.country, .differs, r.countryDiffers) }
        if let x = a.gender, let y = b.gender, x != y, x != "other", y != "other" { add(.gender, .differs, r.genderDiffers) }
    }

    private func compareNames(_ a: MatchRecord, _ b: MatchRecord, _ add: (MatchField, MatchEvidence.Outcome, Double) -> Void) {
        guard !a.first.isEmpty || !a.last.isEmpty, !b.first.isEmpty || !b.last.isEmpty else { return }
        let firsts = nameWeight(a.first, a.firstNameWeight, b.first, b.firstNameWeight)
        let lasts = nameWeight(a.last, a.lastNameWeight, b.last, b.lastNameWeight)
        if !a.first.isEmpty, !a.last.isEmpty, !b.first.isEmpty, !b.last.isEmpty {
            let crossed = nameWeight(a.first, a.firstNameWeight, b.last, b.lastNameWeight)
                + nameWeight(a.last, a.lastNameWeight, b.first, b.firstNameWeight)
            if crossed > firsts + lasts && crossed > 0 {
                add(.names, .swapped, crossed)
                return
            }
        }
        if !a.first.isEmpty && !b.first.isEmpty { add(.firstName, outcome(a.first, b.first), firsts) }
        if !a.last.isEmpty && !b.last.isEmpty { add(.lastName, outcome(a.last, b.last), lasts) }
    }

    /// Jaro–Winkler, except that compound names (`sylvie marie`, `sylvie sandrine`) are compared
    /// part by part (the least similar part decides) and a compound name never matches a name of
    /// fewer parts: a shared first part does not make two different names look alike. -1 when a
    /// name is missing.
    private func similarity(_ x: [UInt8], _ y: [UInt8]) -> Double {
        if x.isEmpty || y.isEmpty { return -1 }
        if x == y { return 1 }
        let space = UInt8(ascii: " ")
        if !x.contains(space) && !y.contains(space) {
            let similarity = JaroWinkler.similarity(x, y)
            guard similarity < rules.nameCloseSimilarity, abs(x.count - y.count) <= 1 else { return similarity }
            return Self.withinOneEdit(x[...], y[...]) ? rules.nameCloseSimilarity : similarity
        }
        // One typing error (a letter added, dropped, replaced, or two swapped) is at least close,
        // however short the name: Jaro–Winkler alone puts `srah` and `sarah` apart.
        func part(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Double {
            let similarity = JaroWinkler.similarity(Array(a), Array(b))
            return Self.withinOneEdit(a, b) ? max(similarity, rules.nameCloseSimilarity) : similarity
        }
        let xParts = x.split(separator: space)
        let yParts = y.split(separator: space)
        if xParts.count == yParts.count {
            return zip(xParts, yParts).map(part).min() ?? 0
        }
        // `jean pierre` and `jeanpierre` are one name; `jean` and `jean nicolas` are not: at most
        // doubtful, below the line where names differ.
        let xJoined = x.filter { $0 != space }
        let yJoined = y.filter { $0 != space }
        if Self.withinOneEdit(xJoined[...], yJoined[...]) { return xJoined == yJoined ? 1 : rules.nameCloseSimilarity }
        return min(JaroWinkler.similarity(x, y), rules.nameDifferentSimilarity - 0.01)
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

    /// The weight of two names: by their frequency when both records have one (the rarer
    /// name's weight for a close spelling, less the gap between agreeing and close), else fixed.
    private func nameWeight(_ x: [UInt8], _ wx: Double, _ y: [UInt8], _ wy: Double) -> Double {
        let s = similarity(x, y)
        if s < 0 { return 0 }
        let agrees = wx > 0 && wy > 0 ? min(wx, wy) : rules.nameAgrees
        if s >= rules.nameSameSimilarity { return agrees }
        if s >= rules.nameCloseSimilarity { return max(rules.nameAgreesMinimum, agrees - (rules.nameAgrees - rules.nameClose)) }
        if isInitial(x, y) { return rules.nameInitial }
        return s < rules.nameDifferentSimilarity ? rules.nameDiffers : 0
    }

    /// Whether `a` becomes `b` by at most one insertion, deletion, substitution or swap of two
    /// neighbouring bytes (Damerau's single errors).
    static func withinOneEdit(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        let a = Array(a)
        let b = Array(b)
        if a == b { return true }
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return a.count > b.count ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }

    /// Two local parts (of addresses at the same domain) one typing error apart, the error being
    /// on a letter: `jean.martin1@` and `jean.martin2@`, or `emma.bertin@` and `emmabertin@`, are
    /// the ways two people with one name get two addresses, not typing errors.
    static func isTypingError(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard abs(a.count - b.count) <= 1, withinOneEdit(a[...], b[...]) else { return false }
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80 }
        return a.filter { !isLetter($0) } == b.filter { !isLetter($0) }
    }

    /// Whether `x` and `y` are addresses at one domain one typing error apart (see above).
    static func isTypingError(_ x: String, _ y: String) -> Bool {
        let a = MatchRecord(id: 0, externalID: "", email: x)
        let b = MatchRecord(id: 0, externalID: "", email: y)
        return a.emailDomain == b.emailDomain && isTypingError(a.emailLocalPart, b.emailLocalPart)
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
