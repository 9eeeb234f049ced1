/// A person in the knowledge base, customer or prospect, as an import or the API describes them.
/// Values are already validated and normalised (e-mail lower-cased, phone in E.164, country
/// upper-cased); nil means unknown.
public struct Customer: Sendable, Hashable {
    public var externalID: String
    public var kind: CustomerKind
    public var firstName: String?
    public var lastName: String?
    public var email: EmailAddress?
    public var phone: PhoneNumber?
    public var birthDate: CalendarDate?
    public var gender: Gender?
    public var postcode: String?
    public var city: String?
    public var country: CountryCode?
    public var timezone: String?
    public var preferredChannel: ContactChannel?
    /// When the person entered the company's records; the import time when the file does not say.
    public var createdAt: Instant?
    /// Custom fields as a canonical JSON object (keys sorted), `{}` when there are none. An update
    /// merges it into the stored attributes key by key; a `null` value removes that key.
    public var attributesJSON: String

    public init(
        externalID: String, kind: CustomerKind = .prospect, firstName: String? = nil,
        lastName: String? = nil, email: EmailAddress? = nil, phone: PhoneNumber? = nil,
        birthDate: CalendarDate? = nil, gender: Gender? = nil, postcode: String? = nil,
        city: String? = nil, country: CountryCode? = nil, timezone: String? = nil,
        preferredChannel: ContactChannel? = nil, createdAt: Instant? = nil,
        attributesJSON: String = "{}"
    ) {
        self.externalID = externalID
        self.kind = kind
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.birthDate = birthDate
        self.gender = gender
        self.postcode = postcode
        self.city = city
        self.country = country
        self.timezone = timezone
        self.preferredChannel = preferredChannel
        self.createdAt = createdAt
        self.attributesJSON = attributesJSON
    }

    /// A stable hash of every field: the fingerprint of a record given whole.
    public var fingerprint: Int64 { fingerprint(of: .all) }
}
