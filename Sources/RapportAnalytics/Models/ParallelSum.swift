import Dispatch

/// Sums a per-row value and gradient over row ranges on every core. Each range is summed in order
/// and the partial sums are added in range order, so the result does not depend on scheduling.
enum ParallelSum {
    /// `body(range)` returns the sum over its rows: the value first, then the gradient.
    static func sum(rows: Int, width: Int, _ body: @Sendable (Range<Int>) -> [Double]) -> [Double] {
        let parts = rows >= 50_000 ? 8 : 1
        let partials = ParallelColumns.map(parts) { part in
            body(rows * part / parts ..< rows * (part + 1) / parts)
        }
        var total = [Double](repeating: 0, count: width)
        for partial in partials {
            for i in 0 ..< width { total[i] += partial[i] }
        }
        return total
    }
}
