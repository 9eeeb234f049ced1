import Dispatch
import Foundation

/// k-means by Lloyd's iterations from k-means++ starts (Arthur & Vassilvitskii 2007), keeping the
/// best of several restarts. Deterministic for a seed. An emptied cluster is re-seeded with the
/// point farthest from its centre, so every cluster ends non-empty when there are k distinct points.
struct KMeans {
    let k: Int
    let restarts: Int
    let maximumIterations: Int
    let seed: UInt64

    struct Result {
        /// k × d, row-major.
        var centroids: [Double]
        var assignments: [Int32]
        /// Sum of squared distances of the points to their centres.
        var inertia: Double
    }

    func fit(_ data: FeatureMatrix) throws(ClusteringError) -> Result {
        guard data.rows >= k else { throw .tooFewRows(rows: data.rows, k: k) }
        var random = SplitMix64(seed: seed)
        var best: Result?
        for _ in 0 ..< max(restarts, 1) {
            var centroids = seedCentroids(data, random: &random)
            var assignments = [Int32](repeating: -1, count: data.rows)
            var inertia = Double.infinity
            for _ in 0 ..< maximumIterations {
                let (changed, total) = Self.assign(data, centroids: centroids, k: k, into: &assignments)
                inertia = total
                centroids = update(data, assignments: assignments, previous: centroids)
                if changed == 0 { break }
            }
            inertia = Self.assign(data, centroids: centroids, k: k, into: &assignments).inertia
            if inertia < best?.inertia ?? .infinity {
                best = Result(centroids: centroids, assignments: assignments, inertia: inertia)
            }
        }
        return best!
    }

    /// k-means++: the first centre uniformly, each next one with probability proportional to the
    /// squared distance to the nearest centre chosen so far.
    func seedCentroids(_ data: FeatureMatrix, random: inout SplitMix64) -> [Double] {
        let d = data.width
        var centroids = [Double]()
        let first = Int(random.next() % UInt64(data.rows))
        centroids.append(contentsOf: data.values[first * d ..< (first + 1) * d])
        var nearest = [Double](repeating: .infinity, count: data.rows)
        for c in 1 ..< k {
            var total = 0.0
            for i in 0 ..< data.rows {
                let distance = Self.squaredDistance(data.values, i * d, centroids, (c - 1) * d, d)
                nearest[i] = min(nearest[i], distance)
                total += nearest[i]
            }
            var chosen = data.rows - 1
            if total > 0 {
                var target = random.uniform() * total
                for i in 0 ..< data.rows {
                    target -= nearest[i]
                    if target <= 0 {
                        chosen = i
                        break
                    }
                }
            } else {
                chosen = Int(random.next() % UInt64(data.rows))
            }
            centroids.append(contentsOf: data.values[chosen * d ..< (chosen + 1) * d])
        }
        return centroids
    }

    /// Means of the assigned points; an empty cluster takes the point farthest from its centre.
    func update(_ data: FeatureMatrix, assignments: [Int32], previous: [Double]) -> [Double] {
        let d = data.width
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        for i in 0 ..< data.rows {
            let c = Int(assignments[i])
            counts[c] += 1
            for j in 0 ..< d { sums[c * d + j] += data.values[i * d + j] }
        }
        var centroids = previous
        for c in 0 ..< k where counts[c] > 0 {
            for j in 0 ..< d { centroids[c * d + j] = sums[c * d + j] / Double(counts[c]) }
        }
        for c in 0 ..< k where counts[c] == 0 {
            var farthest = 0
            var distance = -1.0
            for i in 0 ..< data.rows {
                let own = Int(assignments[i])
                let value = Self.squaredDistance(data.values, i * d, centroids, own * d, d)
                if value > distance {
                    distance = value
                    farthest = i
                }
            }
            for j in 0 ..< d { centroids[c * d + j] = data.values[farthest * d + j] }
        }
        return centroids
    }

    /// Assigns every row to its nearest centre (halves of the rows on separate cores for large
    /// inputs); returns how many assignments changed and the inertia.
    static func assign(
        _ data: FeatureMatrix, centroids: [Double], k: Int, into assignments: inout [Int32]
    ) -> (changed: Int, inertia: Double) {
        let d = data.width
        let rows = data.rows
        let parts = rows >= 100_000 ? 2 : 1
        return assignments.withUnsafeMutableBufferPointer { buffer in
            let output = AssignmentBuffer(base: buffer.baseAddress!)
            let partials = ParallelColumns.map(parts) { part -> (Int, Double) in
                var changed = 0
                var inertia = 0.0
                data.values.withUnsafeBufferPointer { values in
                    centroids.withUnsafeBufferPointer { centres in
                        for i in rows * part / parts ..< rows * (part + 1) / parts {
                            var best = 0
                            var bestDistance = Double.infinity
                            for c in 0 ..< k {
                                var distance = 0.0
                                for j in 0 ..< d {
                                    let difference = values[i * d + j] - centres[c * d + j]
                                    distance += difference * difference
                                }
                                if distance < bestDistance {
                                    bestDistance = distance
                                    best = c
                                }
                            }
                            if output.base[i] != Int32(best) {
                                changed += 1
                                output.base[i] = Int32(best)
                            }
                            inertia += bestDistance
                        }
                    }
                }
                return (changed, inertia)
            }
            return partials.reduce((0, 0.0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
    }

    @inline(__always)
    static func squaredDistance(_ a: [Double], _ aStart: Int, _ b: [Double], _ bStart: Int, _ d: Int) -> Double {
        var total = 0.0
        for j in 0 ..< d {
            let difference = a[aStart + j] - b[bStart + j]
            total += difference * difference
        }
        return total
    }
}

/// Rows of the assignment column, written by concurrent workers on disjoint ranges.
private struct AssignmentBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>
}
