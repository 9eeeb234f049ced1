public import RapportCore

/// What one import did.
public struct ImportSummary: Sendable {
    public var kind: ImportKind
    public var file: String
    /// Records by outcome: customers, products, orders (not their lines), events or consents.
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
    /// Wall time of the whole import, reading to commit.
    public var seconds: Double

    /// Records read per second of ``seconds``.
    public var recordsPerSecond: Double { seconds > 0 ? Double(counts.total) / seconds : 0 }
}
