/// Which fields of a ``Customer`` a source actually gives. An import updates only those: a file
/// of `customer_id,email` changes e-mails and leaves names, consents to channels and custom
/// attributes as they were. The external id is always given.
public struct CustomerFields: OptionSet, Sendable, Hashable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static let kind = CustomerFields(rawValue: 1 << 0)
    public static let firstName = CustomerFields(rawValue: 1 << 1)
    public static let lastName = CustomerFields(rawValue: 1 << 2)
    public static let email = CustomerFields(rawValue: 1 << 3)
    public static let phone = CustomerFields(rawValue: 1 << 4)
    public static let birthDate = CustomerFields(rawValue: 1 << 5)
    public static let gender = CustomerFields(rawValue: 1 << 6)
    public static let postcode = CustomerFields(rawValue: 1 << 7)
    public static let city = CustomerFields(rawValue: 1 << 8)
    public static let country = CustomerFields(rawValue: 1 << 9)
    public static let timezone = CustomerFields(rawValue: 1 << 10)
    public static let preferredChannel = CustomerFields(rawValue: 1 << 11)
    public static let createdAt = CustomerFields(rawValue: 1 << 12)
    /// Custom attributes: the keys given are set (a JSON `null` removes one), the others are kept.
    public static let attributes = CustomerFields(rawValue: 1 << 13)

    public static let all = CustomerFields(rawValue: (1 << 14) - 1)
}

extension Customer {
    /// A stable hash of the given fields and of which fields were given: re-importing the same
    /// file finds the same fingerprint, whatever columns it has.
    public func fingerprint(of fields: CustomerFields) -> Int64 {
        var hasher = Fingerprint()
        hasher.combine(fields.rawValue)
        hasher.combine(externalID)
        func add(_ field: CustomerFields, _ value: String?) {
            if fields.contains(field) { hasher.combine(value) }
        }
        add(.kind, kind.rawValue)
        add(.firstName, firstName)
        add(.lastName, lastName)
        add(.email, email?.value)
        add(.phone, phone?.e164)
        add(.birthDate, birthDate?.description)
        add(.gender, gender?.rawValue)
        add(.postcode, postcode)
        add(.city, city)
        add(.country, country?.value)
        add(.timezone, timezone)
        add(.preferredChannel, preferredChannel?.rawValue)
        if fields.contains(.createdAt) { hasher.combine(createdAt?.secondsSinceEpoch) }
        add(.attributes, attributesJSON)
        return hasher.value
    }
}
