/// Behavioural clustering: k-means on standardised features, k chosen in a range by the mean
/// silhouette, clusters numbered 1… by size (largest first) so that a re-run numbers them alike.
///
/// For large inputs, k is chosen and the centres are fitted on a seeded sample of
/// `sampleSize` rows (the silhouette on `silhouetteSampleSize` of them), then every row is
/// assigned to its nearest centre.
public struct Clustering: Sendable {
    public var minimumK: Int
    public var maximumK: Int
    public var restarts: Int
    public var seed: UInt64
    public var sampleSize = 20_000
    public var silhouetteSampleSize = 2_000

    public init(minimumK: Int, maximumK: Int, restarts: Int, seed: UInt64) {
        self.minimumK = minimumK
        self.maximumK = maximumK
        self.restarts = restarts
        self.seed = seed
    }

    public struct Result: Sendable {
        /// Cluster number 1…k of each row.
        public var assignments: [Int32]
        public var k: Int
        /// Mean silhouette of each k tried, on the sample.
        public var silhouettes: [(k: Int, score: Double)]
        /// Centres in standardised units, row-major k × d, in cluster-number order.
        public var centroids: [Double]
        public var sizes: [Int]
    }

    public func run(_ features: FeatureMatrix) throws(ClusteringError) -> Result {
        guard features.rows >= minimumK else { throw .tooFewRows(rows: features.rows, k: minimumK) }
        let standard = features.standardised().matrix
        var random = SplitMix64(seed: seed)
        let sample = standard.subset(Self.sample(count: features.rows, size: sampleSize, random: &random))
        let silhouetteRows = Array(0 ..< min(sample.rows, silhouetteSampleSize))
        let silhouetteSample = sample.subset(silhouetteRows)
        var tried: [(k: Int, score: Double, fit: KMeans.Result)] = []
        for k in minimumK ... max(minimumK, min(maximumK, sample.rows)) {
            let fit = try KMeans(k: k, restarts: restarts, maximumIterations: 100, seed: seed &+ UInt64(k)).fit(sample)
            let score = Silhouette.mean(silhouetteSample, assignments: silhouetteRows.map { fit.assignments[$0] }, k: k)
            tried.append((k, score, fit))
        }
        // Highest silhouette; the smaller k on a tie.
        let chosen = tried.max { $0.score < $1.score || ($0.score == $1.score && $0.k > $1.k) }!
        var assignments = [Int32](repeating: -1, count: standard.rows)
        _ = KMeans.assign(standard, centroids: chosen.fit.centroids, k: chosen.k, into: &assignments)
        // Number clusters by size, largest first (ties by centre order).
        var sizes = [Int](repeating: 0, count: chosen.k)
        for c in assignments { sizes[Int(c)] += 1 }
        let order = (0 ..< chosen.k).sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
        var number = [Int32](repeating: 0, count: chosen.k)
        for (position, cluster) in order.enumerated() { number[cluster] = Int32(position + 1) }
        let d = standard.width
        var centroids = [Double]()
        for cluster in order { centroids.append(contentsOf: chosen.fit.centroids[cluster * d ..< (cluster + 1) * d]) }
        return Result(
            assignments: assignments.map { number[Int($0)] }, k: chosen.k, silhouettes: tried.map { ($0.k, $0.score) },
            centroids: centroids, sizes: order.map { sizes[$0] })
    }

    /// `size` distinct row indexes drawn without replacement (all rows when there are fewer), in
    /// ascending order.
    static func sample(count: Int, size: Int, random: inout SplitMix64) -> [Int] {
        guard count > size else { return Array(0 ..< count) }
        var indexes = Array(0 ..< count)
        for i in 0 ..< size {
            let j = i + Int(random.next() % UInt64(count - i))
            indexes.swapAt(i, j)
        }
        return indexes[0 ..< size].sorted()
    }
}
