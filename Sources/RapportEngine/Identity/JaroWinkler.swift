/// The Jaro–Winkler similarity of two byte strings: 1 for equal strings, 0 for nothing in common,
/// with a bonus for a common prefix of up to four bytes (scaling 0.1), as Winkler defined it.
/// Typing errors in names (a letter doubled, dropped or swapped) keep it above 0.9.
public enum JaroWinkler {
    public static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 1 : 0 }
        if a == b { return 1 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let window = max(0, long.count / 2 - 1)
        var longMatched = [Bool](repeating: false, count: long.count)
        var shortMatches: [UInt8] = []
        shortMatches.reserveCapacity(short.count)
        var shortMatchedIndexes: [Int] = []
        shortMatchedIndexes.reserveCapacity(short.count)
        for i in 0..<short.count {
            let low = max(0, i - window)
            let high = min(long.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !longMatched[j] && long[j] == short[i] {
                longMatched[j] = true
                shortMatches.append(short[i])
                shortMatchedIndexes.append(i)
                break
            }
        }
        let matches = shortMatches.count
        guard matches > 0 else { return 0 }
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
