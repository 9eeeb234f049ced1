/// What segment evaluation, basket analysis and offers read from a knowledge base. Every scan
/// streams rows in ascending customer id order (within a customer the order is unspecified), so
/// that a frame can be built in one pass without a row object per row.
public protocol TargetingStore: AnalysisStore {
    /// Every customer's profile.
    func scanProfiles(_ body: (ProfileFact) throws -> Void) throws

    /// The latest scores of every scored customer.
    func scanScores(_ body: (CustomerScores) throws -> Void) throws

    /// Every order line whose order was placed before `end` (all when nil).
    func scanOrderLines(before end: Instant?, _ body: (OrderLineFact) throws -> Void) throws

    /// Every event of one of `types` (all types when nil) placed before `end` (all when nil).
    func scanEvents(types: Set<String>?, before end: Instant?, _ body: (EventFact) throws -> Void) throws

    /// Each customer's latest consent per channel among those given before `end` (all when nil).
    func scanConsents(before end: Instant?, _ body: (ConsentFact) throws -> Void) throws

    /// The catalogue, by sku.
    func products() throws -> [ProductFact]
}
