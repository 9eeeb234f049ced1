import RapportCore

/// The figures of the base that the dashboard and the analytics pages draw: activity, new and lost
/// customers per month, cohort retention, the RFM grid, the CLV distribution and the lifecycle
/// funnel. Computed in one pass over the orders and one over the latest scores, never per request
/// row; completed orders only (cancelled and returned ones bought nothing).
public struct BaseInsights: Sendable, Hashable, Codable {
    /// The day the figures are as of: the day of the latest order (a base imported from the past
    /// reads as of its own last day), or the given day when there is no order.
    public var asOf: String
    /// Customers with an order in the 365 days up to `asOf`.
    public var activeCustomers: Int
    /// The last 24 calendar months up to `asOf`, oldest first.
    public var months: [MonthFlow]
    /// The last 12 monthly cohorts (by month of first order), oldest first.
    public var cohorts: [Cohort]
    /// Customers and their mean spend by RFM scores: `rfmGrid[r - 1][f - 1]`.
    public var rfmGrid: [[RFMCell]]
    /// The latest lifetime values in bins of equal width up to the 99th percentile; the last bin
    /// holds everything above.
    public var lifetimeValues: [ValueBin]
    /// Customers per lifecycle stage, in the order of the cycle.
    public var lifecycle: [StageCount]
    /// Customers with scores (the latest analysis).
    public var scoredCustomers: Int

    /// One calendar month: customers whose first order fell in it, and customers lost in it (their
    /// last order is 365 days old during the month and no order followed).
    public struct MonthFlow: Sendable, Hashable, Codable {
        public var month: String
        public var newCustomers: Int
        public var lostCustomers: Int
    }

    /// The customers whose first order fell in `month`, and the share of them who ordered again in
    /// each following month (`retention[0]` is the first month: 1; nil for months after `asOf`).
    public struct Cohort: Sendable, Hashable, Codable {
        public var month: String
        public var customers: Int
        public var retention: [Double?]
    }

    public struct RFMCell: Sendable, Hashable, Codable {
        public var customers: Int
        public var meanMonetary: Double?
    }

    public struct ValueBin: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double
        public var customers: Int
    }

    public struct StageCount: Sendable, Hashable, Codable {
        public var stage: String
        public var customers: Int
    }
}
