// TEMPORARY, deleted before commit: lets the rest compile while the model and cluster files are written.
struct ModelOutcome { var scoring: ModelScoring?; var summary: AnalysisReport.ModelSummary?; var skipped: String? }
struct ModelScoring {
    var probabilityAlive: [Double]; var expectedPurchases: [Double]; var expectedSpend: [Double]; var lifetimeValue: [Double]
    static func score(_ a: CustomerActivity, configuration: AnalysisConfiguration) throws(AnalysisConfigurationError) -> ModelOutcome { ModelOutcome(scoring: nil, summary: nil, skipped: "stub") }
}
struct ClusterOutcome { var assignments: [Int32]?; var summary: AnalysisReport.ClusterSummary?; var skipped: String? }
enum BehaviourClusters { static func run(_ a: CustomerActivity, rfm: RFMScoring, settings: ClusterSettings) -> ClusterOutcome { ClusterOutcome(assignments: nil, summary: nil, skipped: "stub") } }
