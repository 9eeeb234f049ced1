import RapportAnalytics
import RapportCore
import RapportEngine

/// The base in figures, as the dashboard shows it: counts and totals, then the insights.
struct OverviewBody: Codable, Sendable {
    var asOf: String
    var customers: Int
    var buyers: Int
    var activeCustomers: Int
    var orders: Int
    var revenue: Double
    var margin: Double
    var averageBasket: Double
    var ordersPerBuyer: Double
    var events: Int
    var insights: BaseInsights

    init(_ entry: InsightsCache.Entry) {
        let summary = entry.summary
        let buyers = summary.oneTimeBuyers + summary.repeatBuyers
        asOf = entry.insights.asOf
        customers = summary.customers
        self.buyers = buyers
        activeCustomers = entry.insights.activeCustomers
        orders = summary.orders
        revenue = summary.revenue
        margin = summary.margin
        averageBasket = summary.orders == 0 ? 0 : summary.revenue / Double(summary.orders)
        ordersPerBuyer = buyers == 0 ? 0 : Double(summary.orders) / Double(buyers)
        events = summary.events
        insights = entry.insights
    }
}

/// The latest analysis run and its report (RFM, models, relational matrix, lifecycle, targets).
struct AnalysisBody: Codable, Sendable {
    var id: Int64
    var computedAt: String
    var asOf: String
    var customers: Int
    var report: JSONValue

    init(_ record: AnalysisRecord) {
        id = record.id
        computedAt = record.computedAt.description
        asOf = record.asOf.description
        customers = record.customers
        report = JSONBodies.object(record.reportJSON)
    }
}

/// One customer's latest scores and their history, newest first.
struct ScoresBody: Codable, Sendable {
    struct HistoryEntry: Codable, Sendable {
        var computedAt: String
        var rfmSegment: String?
        var probabilityAlive: Double?
        var lifetimeValue: Double?
        var valueTier: String?
        var potentialTier: String?
        var lifecycleStage: String?
        var tacticalTarget: String?
    }

    var customer: String
    var current: Customer360Body.Scores?
    var history: [HistoryEntry]
}
