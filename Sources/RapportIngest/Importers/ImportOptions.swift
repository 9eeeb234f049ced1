public import RapportCore

/// How to read and apply one import.
public struct ImportOptions: Sendable {
    /// Column names, delimiter, date layout… for files not laid out as Rapport's own.
    public var mapping: ColumnMapping
    /// The country whose numbering plan reads national phone numbers, when the row has no country.
    public var defaultCountry: String
    /// Make a minimal profile for a `customer_id` the base does not know, instead of rejecting the row.
    public var createMissingCustomers: Bool
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

/// Where an import stands, reported every few thousand records.
public struct ImportProgress: Sendable {
    public var file: String
    public var bytesRead: Int
    public var totalBytes: Int
    public var records: Int
    public var elapsedSeconds: Double

    public var fraction: Double { totalBytes == 0 ? 1 : Double(bytesRead) / Double(totalBytes) }
    public var recordsPerSecond: Double { elapsedSeconds > 0 ? Double(records) / elapsedSeconds : 0 }
}

/// What one import did.
public struct ImportSummary: Sendable {
    public var kind: ImportKind
    public var file: String
    public var counts: ImportCounts
    /// The rejects CSV beside the input, when a row was rejected.
    public var rejectsFile: String?
    /// Customers made up for unknown `customer_id`s (with `createMissingCustomers`).
    public var createdCustomers: Int
    /// Prospects who became customers because they now have an order.
    public var promotedProspects: Int
    /// Lines read from a separate lines file: attached to an order, and rejected.
    public var linesAttached: Int
    public var linesRejected: Int
    public var linesRejectsFile: String?
    public var seconds: Double

    public var recordsPerSecond: Double { seconds > 0 ? Double(counts.total) / seconds : 0 }
}
