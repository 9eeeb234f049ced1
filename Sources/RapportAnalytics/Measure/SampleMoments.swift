import Foundation

/// The count, mean and unbiased variance of a sample, accumulated one value at a time (Welford),
/// so a report can summarise a million customers' revenue without keeping the values.
public struct SampleMoments: Sendable, Hashable, Codable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var sumOfSquaredDeviations = 0.0

    public init() {}

    public init<Values: Sequence>(_ values: Values) where Values.Element == Double {
        for value in values { add(value) }
    }

    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
    }

    /// Adds `count` values that are all `value` (the many customers who spent nothing, at once).
    public mutating func add(_ value: Double, times repeats: Int) {
        guard repeats > 0 else { return }
        var other = SampleMoments()
        other.count = repeats
        other.mean = value
        merge(other)
    }

    /// Combines two summaries as if their values had been added to one (Chan et al.).
    public mutating func merge(_ other: SampleMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = count + other.count
        let delta = other.mean - mean
        mean += delta * Double(other.count) / Double(total)
        sumOfSquaredDeviations += other.sumOfSquaredDeviations
            + delta * delta * Double(count) * Double(other.count) / Double(total)
        count = total
    }

    /// The unbiased sample variance (n − 1 in the denominator); 0 with fewer than two values.
    public var variance: Double { count < 2 ? 0 : sumOfSquaredDeviations / Double(count - 1) }
    public var sum: Double { mean * Double(count) }
}
