import Foundation

/// How identity resolution weighs the evidence that two records are one person, and what it does
/// with a pair's score. Weights are log-likelihood ratios in the manner of Fellegi and Sunter:
/// positive when fields agree (rarer agreement by chance weighs more), negative when they clearly
/// disagree; a field missing on either side adds nothing. A pair scoring at least
/// ``automaticThreshold`` is merged without asking; from ``reviewThreshold`` up to it, it goes to the
/// review queue; below, it is never merged. A pair whose first names or birth dates clearly differ
/// is never merged automatically, whatever its score (household members share an address, a
/// landline, sometimes an e-mail): at most it waits for review.
///
/// Every value has a default; a JSON file (`rapport dedupe --rules FILE`) may set any of them.
public struct MatchingRules: Sendable, Hashable, Codable {
    public var automaticThreshold: Double = 18
    public var reviewThreshold: Double = 10
    /// The base size the thresholds are set for. A larger base raises both by log2(records /
    /// this): chance agreements between different people grow with the number of pairs (the
    /// square of the records) while duplicates grow with the records, so each doubling of the base
    /// needs one more bit of evidence for the same precision. Smaller bases keep the thresholds.
    public var thresholdReferenceRecords: Int = 400_000

    public var emailAgrees: Double = 14
    /// The same address before the `@` at another provider (`julie.bernard@gmail.com`,
    /// `julie.bernard@orange.fr`): no evidence against (people keep their name when they change
    /// providers), and little for (two Jean Martins may both be `jeanmartin`).
    public var emailLocalPartAgrees: Double = 0
    /// The same domain and local parts one typing error apart (not on a digit): e-mail addresses
    /// are sparse, two people rarely have neighbouring ones.
    public var emailTypingError: Double = 8
    public var emailDiffers: Double = -3
    public var phoneAgrees: Double = 11
    /// One digit different: with a million numbers, a neighbour of a number is often taken, so
    /// this says little.
    public var phoneOneDigitOff: Double = 1
    public var phoneDiffers: Double = -3
    public var loyaltyCardAgrees: Double = 15
    public var loyaltyCardDiffers: Double = -6
    public var birthDateAgrees: Double = 9
    /// Day and month swapped, or one digit off.
    public var birthDateNearly: Double = 3
    public var birthDateDiffers: Double = -8
    /// Jaro–Winkler at least ``nameSameSimilarity``: the same name, spelt the same or almost.
    public var nameAgrees: Double = 5
    /// At least ``nameCloseSimilarity``: a typing error.
    public var nameClose: Double = 3
    /// Only an initial on one side, the same letter.
    public var nameInitial: Double = 1
    /// Below ``nameDifferentSimilarity``: another name.
    public var nameDiffers: Double = -7
    /// With name frequencies (bases of ``frequencyMinimumRecords`` records or more), agreeing on a
    /// name weighs log2(records / records with that name) minus this, between ``nameAgreesMinimum``
    /// and ``nameAgreesMaximum``: `Martin` says less than `Quixotez`.
    public var nameFrequencyOffset: Double = 1
    public var nameAgreesMinimum: Double = 2
    public var nameAgreesMaximum: Double = 10
    public var frequencyMinimumRecords: Int = 1000
    public var nameSameSimilarity: Double = 0.97
    public var nameCloseSimilarity: Double = 0.9
    public var nameDifferentSimilarity: Double = 0.88
    public var postcodeAgrees: Double = 4
    /// With frequencies, agreeing on a postcode weighs log2(records / records there) minus this,
    /// between the minimum and maximum below.
    public var postcodeFrequencyOffset: Double = 3.5
    public var postcodeAgreesMinimum: Double = 2
    public var postcodeAgreesMaximum: Double = 8
    public var postcodeDiffers: Double = -1
    public var cityAgrees: Double = 2
    public var cityDiffers: Double = -1
    public var countryDiffers: Double = -3
    public var genderDiffers: Double = -4

    /// Blocks (records sharing one blocking key) larger than this are not compared pair by pair:
    /// a key that many people share says little, and comparing them all would not scale.
    public var largestBlock: Int = 40
    /// A group of records linked by automatic merges larger than this is sent to review instead:
    /// long chains of links are how false merges spread.
    public var largestGroup: Int = 6

    /// Custom attributes that hold a loyalty card number.
    public var loyaltyCardAttributes: [String] = ["loyalty_card"]

    /// The rule per field group for the survivor's values.
    public var survivorship: SurvivorshipRules = SurvivorshipRules()

    public init() {}

    public init(from decoder: any Decoder) throws {
        self.init()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&automaticThreshold, from: .automaticThreshold)
        try container.update(&reviewThreshold, from: .reviewThreshold)
        try container.update(&thresholdReferenceRecords, from: .thresholdReferenceRecords)
        try container.update(&emailAgrees, from: .emailAgrees)
        try container.update(&emailLocalPartAgrees, from: .emailLocalPartAgrees)
        try container.update(&emailTypingError, from: .emailTypingError)
        try container.update(&emailDiffers, from: .emailDiffers)
        try container.update(&phoneAgrees, from: .phoneAgrees)
        try container.update(&phoneOneDigitOff, from: .phoneOneDigitOff)
        try container.update(&phoneDiffers, from: .phoneDiffers)
        try container.update(&loyaltyCardAgrees, from: .loyaltyCardAgrees)
        try container.update(&loyaltyCardDiffers, from: .loyaltyCardDiffers)
        try container.update(&birthDateAgrees, from: .birthDateAgrees)
        try container.update(&birthDateNearly, from: .birthDateNearly)
        try container.update(&birthDateDiffers, from: .birthDateDiffers)
        try container.update(&nameAgrees, from: .nameAgrees)
        try container.update(&nameClose, from: .nameClose)
        try container.update(&nameInitial, from: .nameInitial)
        try container.update(&nameDiffers, from: .nameDiffers)
        try container.update(&nameFrequencyOffset, from: .nameFrequencyOffset)
        try container.update(&nameAgreesMinimum, from: .nameAgreesMinimum)
        try container.update(&nameAgreesMaximum, from: .nameAgreesMaximum)
        try container.update(&frequencyMinimumRecords, from: .frequencyMinimumRecords)
        try container.update(&nameSameSimilarity, from: .nameSameSimilarity)
        try container.update(&nameCloseSimilarity, from: .nameCloseSimilarity)
        try container.update(&nameDifferentSimilarity, from: .nameDifferentSimilarity)
        try container.update(&postcodeAgrees, from: .postcodeAgrees)
        try container.update(&postcodeFrequencyOffset, from: .postcodeFrequencyOffset)
        try container.update(&postcodeAgreesMinimum, from: .postcodeAgreesMinimum)
        try container.update(&postcodeAgreesMaximum, from: .postcodeAgreesMaximum)
        try container.update(&postcodeDiffers, from: .postcodeDiffers)
        try container.update(&cityAgrees, from: .cityAgrees)
        try container.update(&cityDiffers, from: .cityDiffers)
        try container.update(&countryDiffers, from: .countryDiffers)
        try container.update(&genderDiffers, from: .genderDiffers)
        try container.update(&largestBlock, from: .largestBlock)
        try container.update(&largestGroup, from: .largestGroup)
        try container.update(&loyaltyCardAttributes, from: .loyaltyCardAttributes)
        try container.update(&survivorship, from: .survivorship)
    }

    /// What the thresholds gain for a base of `records` (``thresholdReferenceRecords``).
    public func thresholdShift(records: Int) -> Double {
        guard records > thresholdReferenceRecords, thresholdReferenceRecords > 0 else { return 0 }
        return log2(Double(records) / Double(thresholdReferenceRecords))
    }

    /// Reads rules from a JSON file; a key it does not name keeps its default, an unknown key is
    /// an error that names it.
    public static func load(from path: String) throws -> MatchingRules {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw MatchingRulesError(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let rules: MatchingRules
        do {
            rules = try JSONDecoder().decode(MatchingRules.self, from: data)
        } catch DecodingError.dataCorrupted(let context) {
            let at = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw MatchingRulesError(path: path, reason: "is not valid: \(at.isEmpty ? "" : at + ": ")\(context.debugDescription)")
        } catch DecodingError.typeMismatch(_, let context) {
            let at = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw MatchingRulesError(path: path, reason: "is not valid: \(at): \(context.debugDescription)")
        } catch {
            throw MatchingRulesError(path: path, reason: "is not valid rules JSON (\(error))")
        }
        guard rules.reviewThreshold <= rules.automaticThreshold else {
            throw MatchingRulesError(
                path: path,
                reason: "sets reviewThreshold \(rules.reviewThreshold) above automaticThreshold \(rules.automaticThreshold); the review band must lie below automatic merges")
        }
        return rules
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case automaticThreshold, reviewThreshold, thresholdReferenceRecords, emailAgrees, emailTypingError, emailLocalPartAgrees, emailDiffers, phoneAgrees, phoneOneDigitOff
        case phoneDiffers
        case loyaltyCardAgrees, loyaltyCardDiffers, birthDateAgrees, birthDateNearly, birthDateDiffers
        case nameAgrees, nameClose, nameInitial, nameDiffers, nameFrequencyOffset, nameAgreesMinimum, nameAgreesMaximum
        case frequencyMinimumRecords, nameSameSimilarity, nameCloseSimilarity
        case nameDifferentSimilarity, postcodeAgrees, postcodeFrequencyOffset, postcodeAgreesMinimum, postcodeAgreesMaximum, postcodeDiffers, cityAgrees, cityDiffers, countryDiffers
        case genderDiffers, largestBlock, largestGroup, loyaltyCardAttributes, survivorship
    }
}

/// A rules file that cannot be used, with the reason.
public struct MatchingRulesError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "the matching rules file \(path) \(reason)" }
}
