public import RapportCore

/// How to read and apply one import.
public struct ImportOptions: Sendable {
    /// Column names, delimiter, date layout… for files not laid out as Rapport's own.
    public var mapping: ColumnMapping
    /// The country whose numbering plan reads national phone numbers, when the row has no country.
    public var defaultCountry: String
    /// Make a minimal profile for a `customer_id` the base does not know, instead of rejecting the row.
    public var createMissingCustomers: Bool
    /// How the caller asks for ``createMissingCustomers``, quoted in the rejection of an unknown
    /// customer: the command-line flag, or the API's query parameter.
    public var createCustomersHint = "pass --create-customers"
    /// A separate file of basket lines (`order_id,sku,quantity,amount`) for an orders import.
    public var linesFile: String?
    /// The time of the import; rows dated after it (plus a day) are refused.
    public var now: Instant

    public init(
        mapping: ColumnMapping = ColumnMapping(), defaultCountry: String = "FR", createMissingCustomers: Bool = false,
        linesFile: String? = nil, now: Instant = SystemClock().now
    ) {
        self.mapping = mapping
        self.defaultCountry = defaultCountry
        self.createMissingCustomers = createMissingCustomers
        self.linesFile = linesFile
        self.now = now
    }
}
