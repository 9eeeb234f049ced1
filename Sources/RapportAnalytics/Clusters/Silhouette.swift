/// The mean silhouette of a clustering (Rousseeuw 1987): for each point, (b − a)/max(a, b) with a
/// the mean distance to its own cluster and b the smallest mean distance to another cluster;
/// from −1 (wrong clusters) to 1 (tight, well-separated clusters). O(n²): callers pass a sample.
enum Silhouette {
    static func mean(_ data: FeatureMatrix, assignments: [Int32], k: Int) -> Double {
        let n = data.rows
        let d = data.width
        var sizes = [Int](repeating: 0, count: k)
        for c in assignments { sizes[Int(c)] += 1 }
        var total = 0.0
        var sums = [Double](repeating: 0, count: k)
        for i in 0 ..< n {
            for c in 0 ..< k { sums[c] = 0 }
            for j in 0 ..< n where j != i {
                var distance = 0.0
                for f in 0 ..< d {
                    let difference = data.values[i * d + f] - data.values[j * d + f]
                    distance += difference * difference
                }
                sums[Int(assignments[j])] += distance.squareRoot()
            }
            let own = Int(assignments[i])
            guard sizes[own] > 1 else { continue }  // a singleton's silhouette is 0
            let a = sums[own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0 ..< k where c != own && sizes[c] > 0 { b = min(b, sums[c] / Double(sizes[c])) }
            guard b.isFinite, max(a, b) > 0 else { continue }
            total += (b - a) / max(a, b)
        }
        return n == 0 ? 0 : total / Double(n)
    }
}
