public import RapportCore

/// One customer as identity resolution compares it: identifiers as stored (already normalised by
/// the importer), names and places folded (``NameFolding``), the birth date as a day number.
public struct MatchRecord: Sendable {
    public var id: Int64
    public var externalID: String
    public var kind: CustomerKind
    public var first: [UInt8]
    public var last: [UInt8]
    public var email: String?
    /// The e-mail's bytes before and after the `@`, split once: pairs compare them millions of times.
    public var emailLocalPart: [UInt8] = []
    public var emailDomain: [UInt8] = []
    public var phone: String?
    public var loyaltyCard: String?
    /// `YYYYMMDD` as a number, 0 when unknown.
    public var birth: Int32
    public var gender: String?
    /// Upper-case, spaces removed.
    public var postcode: String?
    public var city: [UInt8]
    public var country: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// What agreeing on this first or last name weighs, from how common it is in the base
    /// (``NameFrequencies``); 0 for the fixed ``MatchingRules/nameAgrees``.
    public var firstNameWeight: Double = 0
    public var lastNameWeight: Double = 0
    /// What agreeing on this postcode weighs (a village's says more than a Paris district's); 0
    /// for the fixed ``MatchingRules/postcodeAgrees``.
    public var postcodeWeight: Double = 0

    public init(
        id: Int64, externalID: String, kind: CustomerKind = .prospect, firstName: String? = nil, lastName: String? = nil,
        email: String? = nil, phone: String? = nil, loyaltyCard: String? = nil, birthDate: String? = nil,
        gender: String? = nil, postcode: String? = nil, city: String? = nil, country: String? = nil,
        createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id
        self.externalID = externalID
        self.kind = kind
        first = firstName.map(NameFolding.fold) ?? []
        last = lastName.map(NameFolding.fold) ?? []
        self.email = email?.isEmpty == true ? nil : email?.lowercased()
        if let stored = self.email {
            let bytes = Array(stored.utf8)
            let at = bytes.lastIndex(of: UInt8(ascii: "@")) ?? bytes.endIndex
            emailLocalPart = Array(bytes[..<at])
            emailDomain = at < bytes.endIndex ? Array(bytes[(at + 1)...]) : []
        }
        self.phone = phone?.isEmpty == true ? nil : phone
        self.loyaltyCard = loyaltyCard?.isEmpty == true ? nil : loyaltyCard
        birth = Self.dayNumber(birthDate)
        self.gender = gender
        let compactPostcode = postcode.map { String($0.uppercased().filter { $0 != " " && $0 != "-" }) }
        self.postcode = compactPostcode?.isEmpty == true ? nil : compactPostcode
        self.city = city.map(NameFolding.fold) ?? []
        self.country = country
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The record of a `customers` row (columns as ``StoredTable/knowledgeBase`` lists them),
    /// reading a loyalty card from the first of `loyaltyCardAttributes` the attributes hold.
    public init(customerRow row: [StoredValue], loyaltyCardAttributes: [String]) {
        func text(_ index: Int) -> String? { row[index].textValue }
        func integer(_ index: Int) -> Int64 { row[index].integerValue ?? 0 }
        let attributes = text(CustomerColumns.attributes) ?? "{}"
        let card = loyaltyCardAttributes.lazy.compactMap { AttributeText.value(of: $0, in: attributes) }.first
        self.init(
            id: integer(CustomerColumns.id), externalID: text(CustomerColumns.externalID) ?? "",
            kind: CustomerKind(rawValue: text(CustomerColumns.kind) ?? "") ?? .prospect,
            firstName: text(CustomerColumns.firstName), lastName: text(CustomerColumns.lastName),
            email: text(CustomerColumns.email), phone: text(CustomerColumns.phone), loyaltyCard: card,
            birthDate: text(CustomerColumns.birthDate), gender: text(CustomerColumns.gender),
            postcode: text(CustomerColumns.postcode), city: text(CustomerColumns.city), country: text(CustomerColumns.country),
            createdAt: integer(CustomerColumns.createdAt), updatedAt: integer(CustomerColumns.updatedAt))
    }

    /// `YYYY-MM-DD` as `YYYYMMDD`, 0 for anything else.
    static func dayNumber(_ text: String?) -> Int32 {
        guard let text, text.utf8.count == 10 else { return 0 }
        var value: Int32 = 0
        for (index, byte) in text.utf8.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return 0 }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return 0 }
            value = value * 10 + Int32(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Positions of the `customers` columns in ``StoredTable/knowledgeBase``'s order.
public enum CustomerColumns {
    public static let table = StoredTable.named("customers")
    public static let id = table.index(of: "id")
    public static let externalID = table.index(of: "external_id")
    public static let kind = table.index(of: "kind")
    public static let firstName = table.index(of: "first_name")
    public static let lastName = table.index(of: "last_name")
    public static let email = table.index(of: "email")
    public static let phone = table.index(of: "phone")
    public static let birthDate = table.index(of: "birth_date")
    public static let gender = table.index(of: "gender")
    public static let postcode = table.index(of: "postcode")
    public static let city = table.index(of: "city")
    public static let country = table.index(of: "country")
    public static let timezone = table.index(of: "timezone")
    public static let preferredChannel = table.index(of: "preferred_channel")
    public static let createdAt = table.index(of: "created_at")
    public static let updatedAt = table.index(of: "updated_at")
    public static let attributes = table.index(of: "attributes")
}

/// Reads one top-level string or number of a JSON object without parsing the rest: enough for
/// the identifiers kept among custom attributes.
enum AttributeText {
    static func value(of key: String, in json: String) -> String? {
        let bytes = Array(json.utf8)
        let needle = Array("\"\(key)\"".utf8)
        guard bytes.count > needle.count else { return nil }
        var start = 0
        while start + needle.count <= bytes.count {
            guard let found = firstIndex(of: needle, in: bytes, from: start) else { return nil }
            var i = found + needle.count
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                start = found + 1
                continue
            }
            i += 1
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                var end = i + 1
                var text: [UInt8] = []
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\"), end + 1 < bytes.count { end += 1 }
                    text.append(bytes[end])
                    end += 1
                }
                let value = String(decoding: text, as: UTF8.self)
                return value.isEmpty ? nil : value
            }
            var end = i
            while end < bytes.count, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "}") { end += 1 }
            let value = String(decoding: bytes[i..<end], as: UTF8.self)
            return value == "null" || value.isEmpty ? nil : value
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count - start else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
