public import RapportCore

/// How the survivor of a merge picks a field's value between its own and the absorbed record's.
/// Whatever the rule, a value present on one side only is kept, and the other side's value stays
/// in the merge's history.
public enum SurvivorshipRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The value of the record updated last.
    case mostRecent = "most_recent"
    /// The longer value (`Jean-Pierre` over `J.`); the survivor's on a tie.
    case mostComplete = "most_complete"
    /// The value of the record whose source ranks first in ``SurvivorshipRules/trustedSources``;
    /// the most complete when neither source is ranked or both rank the same.
    case mostTrusted = "most_trusted"
    /// The survivor's value.
    case survivor

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let rule = SurvivorshipRule(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a rule; write one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = rule
    }
}

/// The rule for each group of fields. Address fields (postcode, city, country, time zone) are one
/// group: they are taken together from one record, never mixed.
public struct SurvivorshipRules: Sendable, Hashable, Codable {
    public var names: SurvivorshipRule = .mostComplete
    public var email: SurvivorshipRule = .mostRecent
    public var phone: SurvivorshipRule = .mostRecent
    public var birthDate: SurvivorshipRule = .mostTrusted
    public var gender: SurvivorshipRule = .survivor
    public var address: SurvivorshipRule = .mostRecent
    public var preferredChannel: SurvivorshipRule = .mostRecent
    /// The custom attribute that names a record's source.
    public var sourceAttribute: String = "acquisition_source"
    /// Sources, most trusted first.
    public var trustedSources: [String] = ["store", "call_centre", "web", "app"]

    public init() {}

    public init(from decoder: any Decoder) throws {
        self.init()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&names, from: .names)
        try container.update(&email, from: .email)
        try container.update(&phone, from: .phone)
        try container.update(&birthDate, from: .birthDate)
        try container.update(&gender, from: .gender)
        try container.update(&address, from: .address)
        try container.update(&preferredChannel, from: .preferredChannel)
        try container.update(&sourceAttribute, from: .sourceAttribute)
        try container.update(&trustedSources, from: .trustedSources)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case names, email, phone, birthDate, gender, address, preferredChannel, sourceAttribute, trustedSources
    }

    /// The survivor's `customers` row after absorbing `absorbed`: each field group by its rule,
    /// the strongest kind (customer, former, prospect), the earliest creation time, custom
    /// attributes united (on a key both have, the value of the record updated last), `updated_at`
    /// set to `now`. The survivor keeps its id, external id and fingerprint.
    public func merged(survivor: [StoredValue], absorbed: [StoredValue], now: Instant) -> [StoredValue] {
        typealias C = CustomerColumns
        var row = survivor
        let absorbedIsNewer = (absorbed[C.updatedAt].integerValue ?? 0) > (survivor[C.updatedAt].integerValue ?? 0)
        func choose(_ columns: [Int], by rule: SurvivorshipRule) {
            let mine = columns.map { survivor[$0] }
            let theirs = columns.map { absorbed[$0] }
            let mineEmpty = mine.allSatisfy { $0 == .null }
            let theirsEmpty = theirs.allSatisfy { $0 == .null }
            guard !theirsEmpty else { return }
            let takeTheirs: Bool
            if mineEmpty {
                takeTheirs = true
            } else {
                switch rule {
                case .survivor: takeTheirs = false
                case .mostRecent: takeTheirs = absorbedIsNewer
                case .mostComplete: takeTheirs = Self.length(theirs) > Self.length(mine)
                case .mostTrusted:
                    let rankMine = trustRank(survivor)
                    let rankTheirs = trustRank(absorbed)
                    takeTheirs = rankMine == rankTheirs ? Self.length(theirs) > Self.length(mine) : rankTheirs < rankMine
                }
            }
            if takeTheirs {
                for column in columns { row[column] = absorbed[column] }
            }
        }
        choose([C.firstName], by: names)
        choose([C.lastName], by: names)
        choose([C.email], by: email)
        choose([C.phone], by: phone)
        choose([C.birthDate], by: birthDate)
        choose([C.gender], by: gender)
        choose([C.postcode, C.city, C.country, C.timezone], by: address)
        choose([C.preferredChannel], by: preferredChannel)
        row[C.kind] = .text(Self.strongerKind(survivor[C.kind].textValue, absorbed[C.kind].textValue))
        row[C.createdAt] = .integer(min(survivor[C.createdAt].integerValue ?? 0, absorbed[C.createdAt].integerValue ?? 0))
        row[C.attributes] = .text(
            AttributeMerge.united(
                survivor[C.attributes].textValue ?? "{}", absorbed[C.attributes].textValue ?? "{}", preferSecond: absorbedIsNewer))
        if row != survivor { row[C.updatedAt] = .integer(now.secondsSinceEpoch) }
        return row
    }

    private func trustRank(_ row: [StoredValue]) -> Int {
        guard let attributes = row[CustomerColumns.attributes].textValue,
            let source = AttributeText.value(of: sourceAttribute, in: attributes),
            let rank = trustedSources.firstIndex(of: source)
        else { return Int.max }
        return rank
    }

    static func strongerKind(_ a: String?, _ b: String?) -> String {
        let order = ["customer", "former", "prospect"]
        let ranks = [a, b].compactMap { $0 }.compactMap { order.firstIndex(of: $0) }
        return order[ranks.min() ?? 2]
    }

    private static func length(_ values: [StoredValue]) -> Int {
        values.reduce(0) { total, value in total + (value.textValue?.count ?? (value == .null ? 0 : 1)) }
    }
}
