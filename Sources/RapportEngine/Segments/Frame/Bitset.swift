/// A set of dense customer indexes `0 ..< count` as bits: what every condition of a segment
/// evaluates to, combined word by word. Bits at and above `count` in the last word are always zero.
public struct Bitset: Sendable, Hashable {
    public private(set) var words: [UInt64]
    public let count: Int

    /// The empty set, or the full one.
    public init(count: Int, full: Bool = false) {
        self.count = count
        words = [UInt64](repeating: full ? ~0 : 0, count: (count + 63) / 64)
        clearTail()
    }

    /// A set from words computed elsewhere; bits beyond `count` are cleared.
    public init(count: Int, words: [UInt64]) {
        precondition(words.count == (count + 63) / 64, "a bitset of \(count) needs \((count + 63) / 64) words")
        self.count = count
        self.words = words
        clearTail()
    }

    /// Sets from a predicate over every index, in one pass.
    public init(count: Int, where predicate: (Int) -> Bool) {
        self.init(count: count)
        words.withUnsafeMutableBufferPointer { words in
            for index in 0 ..< count where predicate(index) { words[index >> 6] |= 1 << UInt64(index & 63) }
        }
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0 { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }

    public subscript(index: Int) -> Bool {
        get { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
        set {
            if newValue { words[index >> 6] |= 1 << UInt64(index & 63) } else { words[index >> 6] &= ~(1 << UInt64(index & 63)) }
        }
    }

    /// How many indexes are in the set.
    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Removes the members of `other`.
    public mutating func subtract(_ other: Bitset) {
        precondition(count == other.count, "bitsets over different frames")
        for index in words.indices { words[index] &= ~other.words[index] }
    }

    public mutating func formIntersection(_ other: Bitset) {
        precondition(count == other.count)
        for index in words.indices { words[index] &= other.words[index] }
    }

    public mutating func formUnion(_ other: Bitset) {
        precondition(count == other.count)
        for index in words.indices { words[index] |= other.words[index] }
    }

    public func intersection(_ other: Bitset) -> Bitset {
        var result = self
        result.formIntersection(other)
        return result
    }

    public func complement() -> Bitset {
        var result = self
        for index in result.words.indices { result.words[index] = ~result.words[index] }
        result.clearTail()
        return result
    }

    /// The indexes in the set, ascending.
    public var indexes: [Int] {
        var result: [Int] = []
        result.reserveCapacity(cardinality)
        for (wordIndex, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                result.append(wordIndex << 6 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return result
    }
}
