import Foundation

/// The clustering step of an analysis: buyers described by recency, orders, revenue, average order
/// value and tenure (money and counts on a log scale, so that a few big spenders do not make
/// clusters of their own), clustered with ``Clustering``, and each cluster profiled in plain units.
enum BehaviourClusters {
    struct Outcome {
        /// Cluster number per customer, -1 for those not clustered (non-buyers).
        var assignments: [Int32]?
        var summary: AnalysisReport.ClusterSummary?
        var skipped: String?
    }

    static let features = ["recency days", "orders", "revenue", "average order", "tenure days"]

    static func run(_ activity: CustomerActivity, rfm: RFMScoring, settings: ClusterSettings) -> Outcome {
        guard settings.enabled else { return Outcome(skipped: "disabled in the configuration") }
        let buyers = rfm.customers.map(Int.init)
        guard buyers.count >= max(settings.maximumK * 10, 50) else {
            return Outcome(skipped: "\(buyers.count) buyers; clustering needs at least \(max(settings.maximumK * 10, 50))")
        }
        let recency = buyers.map { Double(activity.asOfDay - activity.lastDays[$0]) }
        let orders = buyers.map { Double(activity.orders[$0]) }
        let revenue = buyers.map { activity.revenue[$0] }
        let basket = buyers.indices.map { revenue[$0] / orders[$0] }
        let tenure = buyers.map { Double(activity.asOfDay - activity.firstDays[$0]) }
        let original = [recency, orders, revenue, basket, tenure]
        let transformed = [recency, orders.map(log1p), revenue.map(log1p), basket.map(log1p), tenure]
        let result: Clustering.Result
        do {
            let matrix = try FeatureMatrix(names: features, columns: transformed)
            result = try Clustering(
                minimumK: settings.minimumK, maximumK: settings.maximumK, restarts: settings.restarts, seed: settings.seed
            ).run(matrix)
        } catch {
            return Outcome(skipped: "\(error)")
        }
        var assignments = [Int32](repeating: -1, count: activity.count)
        for (position, customer) in buyers.enumerated() { assignments[customer] = result.assignments[position] }
        let d = features.count
        var profiles: [AnalysisReport.ClusterSummary.Profile] = []
        for cluster in 1 ... result.k {
            let members = result.assignments.indices.filter { result.assignments[$0] == Int32(cluster) }
            let means = original.map { column in members.reduce(0.0) { $0 + column[$1] } / Double(max(members.count, 1)) }
            let centre = Array(result.centroids[(cluster - 1) * d ..< cluster * d])
            profiles.append(.init(cluster: cluster, label: label(centre), customers: members.count, means: means))
        }
        let summary = AnalysisReport.ClusterSummary(
            features: features, k: result.k, quality: result.silhouettes.map { .init(k: $0.k, score: $0.score) },
            qualityMeasure: "mean silhouette", profiles: profiles)
        return Outcome(assignments: assignments, summary: summary)
    }

    /// The two features whose standardised centre is farthest from the mean, in words:
    /// "recent, high revenue". Recency is said the way people say it (few days is "recent").
    static func label(_ centre: [Double]) -> String {
        let ranked = centre.indices.sorted { abs(centre[$0]) > abs(centre[$1]) }.prefix(2)
        return ranked.map { j -> String in
            let high = centre[j] > 0
            switch j {
            case 0: return high ? "lapsed" : "recent"
            case 1: return high ? "frequent" : "one-off"
            case 2: return high ? "high revenue" : "low revenue"
            case 3: return high ? "big baskets" : "small baskets"
            default: return high ? "long-standing" : "newcomers"
            }
        }.joined(separator: ", ")
    }
}
