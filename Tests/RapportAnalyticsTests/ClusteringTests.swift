import Foundation
import Testing

@testable import RapportAnalytics

@Suite("Clusters")
struct ClusteringTests {
    /// `k` well-separated Gaussian blobs in 3 dimensions, with their true labels.
    static func blobs(k: Int, perBlob: Int, seed: UInt64) throws -> (FeatureMatrix, [Int]) {
        var random = ModelRandom(seed: seed)
        var columns = [[Double]](repeating: [], count: 3)
        var labels: [Int] = []
        for blob in 0 ..< k {
            let centre = [Double(blob) * 10, Double(blob % 2) * 10, Double(blob * blob)]
            for _ in 0 ..< perBlob {
                for j in 0 ..< 3 { columns[j].append(centre[j] + random.normal()) }
                labels.append(blob)
            }
        }
        return (try FeatureMatrix(names: ["a", "b", "c"], columns: columns), labels)
    }

    @Test(arguments: [2, 3, 4, 5])
    func findsTheTrueNumberOfWellSeparatedBlobsAndTheirMembers(k: Int) throws {
        let (matrix, labels) = try Self.blobs(k: k, perBlob: 300, seed: UInt64(k))
        let result = try Clustering(minimumK: 2, maximumK: 7, restarts: 3, seed: 1).run(matrix)
        #expect(result.k == k)
        // Agreement up to relabelling: each true blob maps to the cluster most of it went to.
        var agreed = 0
        for blob in 0 ..< k {
            let members = labels.indices.filter { labels[$0] == blob }
            let counts = Dictionary(grouping: members, by: { result.assignments[$0] }).mapValues(\.count)
            agreed += counts.values.max() ?? 0
        }
        #expect(Double(agreed) >= 0.99 * Double(labels.count))
        #expect(result.sizes.reduce(0, +) == labels.count)
        #expect(result.sizes == result.sizes.sorted(by: >))
    }

    @Test func theSameSeedGivesTheSameClusters() throws {
        let (matrix, _) = try Self.blobs(k: 3, perBlob: 200, seed: 9)
        let first = try Clustering(minimumK: 2, maximumK: 5, restarts: 2, seed: 4).run(matrix)
        let second = try Clustering(minimumK: 2, maximumK: 5, restarts: 2, seed: 4).run(matrix)
        #expect(first.assignments == second.assignments)
        #expect(first.centroids == second.centroids)
    }

    @Test func silhouetteMatchesItsDefinitionOnASmallSet() throws {
        let matrix = try FeatureMatrix(names: ["x"], columns: [[0, 1, 2, 10, 11, 30]])
        let assignments: [Int32] = [0, 0, 0, 1, 1, 1]
        // By hand: a(i) mean distance within, b(i) mean distance to the other cluster.
        let points = [0.0, 1, 2, 10, 11, 30]
        var total = 0.0
        for i in 0 ..< 6 {
            let own = (0 ..< 6).filter { $0 != i && assignments[$0] == assignments[i] }.map { abs(points[$0] - points[i]) }
            let other = (0 ..< 6).filter { assignments[$0] != assignments[i] }.map { abs(points[$0] - points[i]) }
            let a = own.reduce(0, +) / Double(own.count)
            let b = other.reduce(0, +) / Double(other.count)
            total += (b - a) / max(a, b)
        }
        #expect(abs(Silhouette.mean(matrix, assignments: assignments, k: 2) - total / 6) < 1e-12)
    }

    @Test func kMeansIsNoWorseThanTheBestOfManyRandomPartitionsSearchedExhaustively() throws {
        // Eight points, two clusters: every split can be enumerated.
        let points: [Double] = [1, 2, 2.5, 7, 8, 8.2, 9, 3]
        let matrix = try FeatureMatrix(names: ["x"], columns: [points])
        let fit = try KMeans(k: 2, restarts: 5, maximumIterations: 50, seed: 3).fit(matrix)
        var best = Double.infinity
        for mask in 1 ..< (1 << points.count) - 1 {
            var inertia = 0.0
            for side in [0, 1] {
                let members = points.indices.filter { (mask >> $0) & 1 == side }.map { points[$0] }
                let mean = members.reduce(0, +) / Double(members.count)
                inertia += members.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            }
            best = min(best, inertia)
        }
        #expect(abs(fit.inertia - best) < 1e-9)
    }

    @Test func edgeCasesAreClearErrorsOrStillWork() throws {
        #expect(throws: ClusteringError.self) { try FeatureMatrix(names: ["x"], columns: [[1, .nan]]) }
        let tiny = try FeatureMatrix(names: ["x"], columns: [[1, 2]])
        #expect(throws: ClusteringError.tooFewRows(rows: 2, k: 3)) { try Clustering(minimumK: 3, maximumK: 4, restarts: 1, seed: 1).run(tiny) }
        // All points equal and a constant feature: k-means still ends with every row assigned.
        let flat = try FeatureMatrix(names: ["x", "constant"], columns: [[Double](repeating: 5, count: 40), [Double](repeating: 1, count: 40)])
        let result = try Clustering(minimumK: 2, maximumK: 3, restarts: 1, seed: 1).run(flat)
        #expect(result.assignments.allSatisfy { $0 >= 1 && Int($0) <= result.k })
    }
}
