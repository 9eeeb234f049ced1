import RapportCore

/// The keys under which identity resolution looks for duplicates: two records are compared only
/// when they share at least one. Each key is cheap to share for one person typed in twice, and
/// rare for two people: an identifier (e-mail, phone, loyalty card), a name with the birth date, both names with the birth year,
/// a name with the postcode (both name orders, for swapped first and last names), or the first
/// letters of the names with the city.
public enum BlockingKeys {
    /// The hashed keys of `record` (at most nine).
    public static func keys(of record: MatchRecord) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(8)
        func key(_ tag: UInt8, _ parts: [[UInt8]]) {
            var hasher = Fingerprint()
            hasher.combine(marker: tag)
            for part in parts {
                part.withUnsafeBytes { hasher.combine(bytes: $0) }
                hasher.combine(marker: 0xff)
            }
            keys.append(hasher.state)
        }
        if let email = record.email { key(1, [Array(email.utf8)]) }
        if let phone = record.phone { key(2, [Array(phone.utf8)]) }
        if let card = record.loyaltyCard { key(3, [Array(card.utf8)]) }
        let first = record.first
        let last = record.last
        let birth = withUnsafeBytes(of: record.birth) { Array($0) }
        if record.birth != 0 {
            if !last.isEmpty { key(4, [last, birth]) }
            if !first.isEmpty { key(5, [first, birth]) }
            if !first.isEmpty && !last.isEmpty {
                // Both names in either order with the year: swapped names, day and month swapped.
                let year = withUnsafeBytes(of: record.birth / 10000) { Array($0) }
                key(10, first.lexicographicallyPrecedes(last) ? [first, last, year] : [last, first, year])
            }
        }
        if let postcode = record.postcode.map({ Array($0.utf8) }) {
            if !last.isEmpty { key(6, [postcode, Array(last.prefix(4))]) }
            if !first.isEmpty { key(7, [postcode, first]) }
            if !first.isEmpty && !last.isEmpty {
                let x = Array(first.prefix(4))
                let y = Array(last.prefix(4))
                key(8, x.lexicographicallyPrecedes(y) ? [postcode, x, y] : [postcode, y, x])
            }
        } else if !record.city.isEmpty && !first.isEmpty && !last.isEmpty {
            key(9, [record.city, Array(last.prefix(4)), Array(first.prefix(1))])
        }
        return keys
    }
}
