import Foundation

/// n rows of d numeric features, row-major in one array, with the features' names.
public struct FeatureMatrix: Sendable {
    public let names: [String]
    public let rows: Int
    public let values: [Double]

    public var width: Int { names.count }

    /// `columns[j]` holds feature j for every row. Throws on a value that is not finite.
    public init(names: [String], columns: [[Double]]) throws(ClusteringError) {
        let rows = columns.first?.count ?? 0
        guard names.count == columns.count, columns.allSatisfy({ $0.count == rows }) else {
            throw .shape("give one column of equal length per feature name")
        }
        var values = [Double](repeating: 0, count: rows * names.count)
        for (j, column) in columns.enumerated() {
            for (i, value) in column.enumerated() {
                guard value.isFinite else { throw .notFinite(feature: names[j], row: i, value: value) }
                values[i * names.count + j] = value
            }
        }
        self.init(names: names, rows: rows, values: values)
    }

    init(names: [String], rows: Int, values: [Double]) {
        self.names = names
        self.rows = rows
        self.values = values
    }

    /// Each feature minus its mean, divided by its standard deviation (1 for a constant feature,
    /// which then carries no weight), with the means and scales used.
    func standardised() -> (matrix: FeatureMatrix, means: [Double], scales: [Double]) {
        let d = width
        var means = [Double](repeating: 0, count: d)
        var scales = [Double](repeating: 0, count: d)
        for i in 0 ..< rows { for j in 0 ..< d { means[j] += values[i * d + j] } }
        for j in 0 ..< d { means[j] /= Double(max(rows, 1)) }
        for i in 0 ..< rows {
            for j in 0 ..< d {
                let centred = values[i * d + j] - means[j]
                scales[j] += centred * centred
            }
        }
        for j in 0 ..< d {
            let deviation = sqrt(scales[j] / Double(max(rows, 1)))
            scales[j] = deviation > 1e-12 ? deviation : 1
        }
        var standard = values
        for i in 0 ..< rows { for j in 0 ..< d { standard[i * d + j] = (values[i * d + j] - means[j]) / scales[j] } }
        return (FeatureMatrix(names: names, rows: rows, values: standard), means, scales)
    }

    /// The rows at `indexes`.
    func subset(_ indexes: [Int]) -> FeatureMatrix {
        var picked = [Double]()
        picked.reserveCapacity(indexes.count * width)
        for i in indexes { picked.append(contentsOf: values[i * width ..< (i + 1) * width]) }
        return FeatureMatrix(names: names, rows: indexes.count, values: picked)
    }
}

/// Why a clustering could not run.
public enum ClusteringError: Error, Sendable, Hashable, CustomStringConvertible {
    case shape(String)
    case notFinite(feature: String, row: Int, value: Double)
    case tooFewRows(rows: Int, k: Int)

    public var description: String {
        switch self {
        case .shape(let detail): return "feature matrix: \(detail)"
        case .notFinite(let feature, let row, let value): return "feature \(feature), row \(row + 1): \(value) is not a finite number"
        case .tooFewRows(let rows, let k): return "\(rows) rows cannot make \(k) clusters"
        }
    }
}
