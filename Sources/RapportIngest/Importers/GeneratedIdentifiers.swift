import RapportCore

/// Identifiers for the records of a file that has none (`"generatedIds": "line"` in a mapping):
/// made from the content of the row, plus its rank among identical rows of the file. Importing
/// the same file again finds the same identifiers, and two files never overwrite each other's
/// records; a row whose content changed, though, is a new record (without identifiers, a file
/// cannot say that a row replaces another).
final class GeneratedIdentifiers {
    private var occurrences: [Int64: Int] = [:]

    func next(for row: String) -> String {
        var hasher = Fingerprint()
        hasher.combine(row)
        let hash = hasher.value
        let rank = occurrences[hash, default: 0] + 1
        occurrences[hash] = rank
        let base = "~" + String(UInt64(bitPattern: hash), radix: 16)
        return rank == 1 ? base : base + "-\(rank)"
    }
}
