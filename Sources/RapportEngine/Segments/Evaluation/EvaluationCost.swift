extension SegmentCondition {
    /// A rough rank of what evaluating the condition costs: column tests read one value per
    /// customer, measures read every order, event or line of the customers they visit. Within an
    /// `and`, cheaper conditions run first so that measures visit fewer customers.
    var evaluationCost: Int {
        switch self {
        case .field, .consent, .inSegment: 0
        case .event: 2
        case .purchases(let measure): measure.category == nil && measure.product == nil ? 2 : 3
        case .not(let inner): inner.evaluationCost
        case .all(let items), .any(let items): items.map(\.evaluationCost).max() ?? 0
        }
    }
}
