/// What one analysis found, for the terminal, the store's `analyses.report` and the pages.
public struct AnalysisReport: Sendable, Hashable, Codable {
    public var asOf: String
    public var customers: Int
    public var buyers: Int
    public var orders: Int
    public var rfm: RFMSummary
    public var models: ModelSummary?
    /// Why no model was fitted, when none was.
    public var modelsSkipped: String?
    public var matrix: [RelationalMatrixCell]
    public var lifecycle: [Count]
    public var targets: [TargetCount]
    public var clusters: ClusterSummary?
    public var clustersSkipped: String?
    public var timings: [Timing]

    /// A name and how many customers carry it.
    public struct Count: Sendable, Hashable, Codable {
        public var name: String
        public var customers: Int
    }

    /// A tactical target: its members, and those for whom it is the main target.
    public struct TargetCount: Sendable, Hashable, Codable {
        public var target: String
        public var members: Int
        public var main: Int
    }

    public struct RFMSummary: Sendable, Hashable, Codable {
        public var periodDays: Int?
        public var scales: RFMScales
        public var segments: [Count]
        /// Customers per score 1…5 of R, F and M (index 0 is score 1).
        public var recencyScores: [Int]
        public var frequencyScores: [Int]
        public var monetaryScores: [Int]
    }

    public struct Parameter: Sendable, Hashable, Codable {
        public var name: String
        public var value: Double
        public var standardError: Double?
    }

    public struct FittedModel: Sendable, Hashable, Codable {
        public var model: String
        public var customers: Int
        public var parameters: [Parameter]
        public var logLikelihood: Double
        public var converged: Bool
        public var iterations: Int
    }

    public struct ModelSummary: Sendable, Hashable, Codable {
        public var purchases: FittedModel
        public var spend: FittedModel?
        public var horizonMonths: Int
        public var monthlyDiscountRate: Double
        public var marginRate: Double
        /// Where the margin rate came from: "configuration", "orders" or "none (revenue CLV)".
        public var marginSource: String
        public var expectedPurchases: Double
        public var lifetimeValue: Double
        public var meanProbabilityAlive: Double
    }

    public struct ClusterSummary: Sendable, Hashable, Codable {
        public var features: [String]
        public var k: Int
        /// The quality measure of each k tried.
        public var quality: [Quality]
        public var qualityMeasure: String
        public var profiles: [Profile]

        public struct Quality: Sendable, Hashable, Codable {
            public var k: Int
            public var score: Double
        }

        public struct Profile: Sendable, Hashable, Codable {
            public var cluster: Int
            public var label: String
            public var customers: Int
            /// Mean of each feature, in `features` order and original units.
            public var means: [Double]
        }
    }

    public struct Timing: Sendable, Hashable, Codable {
        public var step: String
        public var seconds: Double

        public init(step: String, seconds: Double) {
            self.step = step
            self.seconds = seconds
        }
    }
}
