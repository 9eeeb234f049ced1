/// The Jaro–Winkler similarity of two byte strings: 1 for equal strings, 0 for nothing in common,
/// with a bonus for a common prefix of up to four bytes (scaling 0.1), as Winkler defined it.
/// Typing errors in names (a letter doubled, dropped or swapped) keep it above 0.9.
public enum JaroWinkler {
    public static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in similarity(x, y) } }
    }

    /// The same over buffers, without allocating on the heap: identity resolution calls it
    /// millions of times.
    public static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 1 : 0 }
        if a.count == b.count && a.elementsEqual(b) { return 1 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let window = max(0, long.count / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: long.count) { longMatched -> Double in
            longMatched.initialize(repeating: false)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: short.count) { shortMatches -> Double in
                var matches = 0
                for i in 0..<short.count {
                    let low = max(0, i - window)
                    let high = min(long.count - 1, i + window)
                    guard low <= high else { continue }
                    for j in low...high where !longMatched[j] && long[j] == short[i] {
                        longMatched[j] = true
                        shortMatches[matches] = short[i]
                        matches += 1
                        break
                    }
                }
                guard matches > 0 else { return 0.0 }
                var transpositions = 0
                var k = 0
                for j in 0..<long.count where longMatched[j] {
                    if long[j] != shortMatches[k] { transpositions += 1 }
                    k += 1
                }
                let m = Double(matches)
                let jaro = (m / Double(short.count) + m / Double(long.count) + (m - Double(transpositions) / 2) / m) / 3
                var prefix = 0
                while prefix < 4 && prefix < short.count && a[prefix] == b[prefix] { prefix += 1 }
                return jaro + Double(prefix) * 0.1 * (1 - jaro)
            }
        }
    }
}
