/// What the analytics engine reads from and writes to a knowledge base. Reads stream rows to a
/// closure so that ten million orders never exist as ten million objects; writes replace the
/// latest scores and append to the dated history in one transaction.
public protocol AnalysisStore: Sendable {
    /// Every customer, in ascending id order.
    func scanCustomers(_ body: (CustomerFact) throws -> Void) throws

    /// Every order whose `placed_at` is before `end` (all when nil) and whose customer id is in
    /// `customerIDs` (all when nil), grouped by customer in ascending customer id order; within one
    /// customer the order is unspecified. Scans of disjoint id ranges may run concurrently.
    func scanOrders(before end: Instant?, customerIDs: Range<Int64>?, _ body: (OrderFact) throws -> Void) throws

    /// Per customer with at least one matching event in [`since`, `end`): the counts that lifecycle
    /// and tactical rules use, in ascending customer id order.
    func scanEventSignals(
        since: Instant, before end: Instant?, vocabulary: EventVocabulary, _ body: (EventSignals) throws -> Void
    ) throws

    /// Replaces every customer's latest scores with `scores`, appends them to the history dated
    /// `record.computedAt`, and records the run; all or nothing. Returns the run's id.
    @discardableResult
    func saveAnalysis<Scores: Sequence<CustomerScores>>(_ scores: Scores, record: AnalysisRecord) throws -> Int64

    /// The latest scores of one customer, or nil when no analysis has scored them.
    func scores(customerID: Int64) throws -> CustomerScores?

    /// One customer's history of scores, newest first.
    func scoreHistory(customerID: Int64, limit: Int) throws -> [ScoreHistoryEntry]

    /// The latest analysis run, or nil before the first.
    func latestAnalysis() throws -> AnalysisRecord?
}
