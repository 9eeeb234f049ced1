/// The demo generator's pseudo-random source: xoshiro256** seeded through SplitMix64.
///
/// Guarantees: the same seed gives the same sequence on every run and every machine with the same
/// floating-point library; nothing reads the clock, the locale or the system generator. The
/// samplers below are written out here (rather than taken from the standard library) so that a
/// new toolchain cannot change the data a seed produces.
struct DemoRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// An independent stream for another part of the data, so that changing how much one part
    /// draws does not shift the others.
    func derived(_ salt: UInt64) -> DemoRandom {
        DemoRandom(seed: s0 ^ (salt &* 0xD605_BBB5_8C8A_BDE5) ^ rotl(s3, 17))
    }

    @inline(__always) mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform number in [0, 1).
    @inline(__always) mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in (0, 1], safe to take the logarithm of.
    @inline(__always) mutating func positiveUniform() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (`bound` > 0).
    @inline(__always) mutating func int(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    @inline(__always) mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    @inline(__always) mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// One element of a non-empty array, uniformly.
    @inline(__always) mutating func pick<T>(_ items: [T]) -> T {
        items[int(items.count)]
    }

    /// An index drawn in proportion to `weights` (non-negative, not all zero).
    mutating func weighted(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = uniform() * total
        for (index, w) in weights.enumerated() {
            target -= w
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// A uniform number in [low, high).
    @inline(__always) mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Exponential with the given rate (mean 1 / rate).
    @inline(__always) mutating func exponential(rate: Double) -> Double {
        -DemoMath.log(positiveUniform()) / rate
    }

    /// Standard normal (Marsaglia's polar method, which needs no trigonometry; one value of the
    /// pair is used, which keeps the state simple).
    mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * DemoMath.log(s) / s).squareRoot() }
        }
    }

    /// Gamma with `shape` > 0 and `scale` > 0 (mean shape x scale), by Marsaglia and Tsang; a shape
    /// below 1 is boosted by one and corrected with a power of a uniform.
    mutating func gamma(shape: Double, scale: Double = 1) -> Double {
        if shape < 1 {
            let boosted = gamma(shape: shape + 1, scale: scale)
            return boosted * DemoMath.pow(positiveUniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = positiveUniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
            if DemoMath.log(u) < 0.5 * x * x + d * (1 - v + DemoMath.log(v)) { return d * v * scale }
        }
    }

    /// Beta(a, b) in (0, 1), as a ratio of gammas.
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        let y = gamma(shape: b)
        let sum = x + y
        return sum > 0 ? x / sum : 0.5
    }

    /// Poisson with mean `lambda` >= 0: Knuth's product of uniforms below 30, a rounded normal
    /// above.
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda < 30 {
            let limit = DemoMath.exp(-lambda)
            var product = uniform()
            var count = 0
            while product > limit {
                count += 1
                product *= uniform()
            }
            return count
        }
        let value = (lambda + lambda.squareRoot() * normal()).rounded()
        return max(0, Int(value))
    }
}

@inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}

/// Precomputed cumulative weights for fast repeated weighted draws (binary search).
struct DemoWeightedTable: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var running = 0.0
        var sums: [Double] = []
        sums.reserveCapacity(weights.count)
        for w in weights {
            running += w
            sums.append(running)
        }
        cumulative = sums
    }

    /// Zipf-like weights 1 / (rank + offset)^exponent, for "a few items are much more common".
    init(zipf count: Int, exponent: Double = 1.0, offset: Double = 2.0) {
        self.init((0..<count).map { 1 / DemoMath.pow(Double($0) + offset, exponent) })
    }

    func draw(_ rng: inout DemoRandom) -> Int {
        let target = rng.uniform() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
