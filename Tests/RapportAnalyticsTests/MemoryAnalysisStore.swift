import RapportCore

/// An ``AnalysisStore`` over arrays, for testing the frames and the analysis without a database.
final class MemoryAnalysisStore: AnalysisStore, @unchecked Sendable {
    var customers: [CustomerFact] = []
    var orders: [OrderFact] = []
    var signals: [EventSignals] = []

    func scanCustomers(_ body: (CustomerFact) throws -> Void) throws {
        for customer in customers.sorted(by: { $0.id < $1.id }) { try body(customer) }
    }

    func scanOrders(before end: Instant?, customerIDs: Range<Int64>?, _ body: (OrderFact) throws -> Void) throws {
        let selected = orders.filter { order in
            (end.map { order.placedAt < $0 } ?? true) && (customerIDs?.contains(order.customerID) ?? true)
        }
        // Grouped by customer, in reverse order within each: the contract leaves that order open.
        for order in selected.enumerated().sorted(by: { ($0.element.customerID, -$0.offset) < ($1.element.customerID, -$1.offset) }) {
            try body(order.element)
        }
    }

    func scanEventSignals(
        since: Instant, before end: Instant?, vocabulary: EventVocabulary, _ body: (EventSignals) throws -> Void
    ) throws {
        for signal in signals.sorted(by: { $0.customerID < $1.customerID }) { try body(signal) }
    }

    func saveAnalysis<Scores: Sequence<CustomerScores>>(_ scores: Scores, record: AnalysisRecord) throws -> Int64 { 1 }
    func scores(customerID: Int64) throws -> CustomerScores? { nil }
    func scoreHistory(customerID: Int64, limit: Int) throws -> [ScoreHistoryEntry] { [] }
    func latestAnalysis() throws -> AnalysisRecord? { nil }
}
