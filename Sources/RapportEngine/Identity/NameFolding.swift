/// Names and places reduced to what identity matching compares: lower-case ASCII letters and
/// digits, accents removed (`Hélène` → `helene`, `Øst` → `ost`, `ß` → `ss`), and every run of
/// other characters (spaces, hyphens, apostrophes, dots) made one space, trimmed at both ends.
public enum NameFolding {
    /// The folded bytes of `text`.
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func append(_ byte: UInt8) {
            if pendingSpace && !out.isEmpty { out.append(UInt8(ascii: " ")) }
            pendingSpace = false
            out.append(byte)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(byte + 32)
                default: pendingSpace = true
                }
            } else if let folded = latin[value] {
                for byte in folded.utf8 { append(byte) }
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The folded form as a string.
    public static func folded(_ text: String) -> String {
        String(decoding: fold(text), as: UTF8.self)
    }

    /// Letters of Latin-1 and Latin Extended-A as plain ASCII.
    private static let latin: [UInt32: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("ÀÁÂÃÄÅĀĂĄ", "a"), ("çćĉċč", "c"), ("ÇĆĈĊČ", "c"), ("ďđ", "d"), ("ĎĐ", "d"),
            ("èéêëēĕėęě", "e"), ("ÈÉÊËĒĔĖĘĚ", "e"), ("ĝğġģ", "g"), ("ĜĞĠĢ", "g"), ("ĥħ", "h"), ("ĤĦ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ÌÍÎÏĨĪĬĮİ", "i"), ("ĵ", "j"), ("Ĵ", "j"), ("ķ", "k"), ("Ķ", "k"),
            ("ĺļľŀł", "l"), ("ĹĻĽĿŁ", "l"), ("ñńņňŉ", "n"), ("ÑŃŅŇ", "n"), ("òóôõöøōŏő", "o"),
            ("ÒÓÔÕÖØŌŎŐ", "o"), ("ŕŗř", "r"), ("ŔŖŘ", "r"), ("śŝşš", "s"), ("ŚŜŞŠ", "s"), ("ţťŧ", "t"),
            ("ŢŤŦ", "t"), ("ùúûüũūŭůűų", "u"), ("ÙÚÛÜŨŪŬŮŰŲ", "u"), ("ŵ", "w"), ("Ŵ", "w"), ("ýÿŷ", "y"),
            ("ÝŸŶ", "y"), ("źżž", "z"), ("ŹŻŽ", "z"),
        ]
        var table: [UInt32: String] = ["ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th"]
            .reduce(into: [:]) { $0[$1.key.unicodeScalars.first!.value] = $1.value }
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = plain }
        }
        return table
    }()
}
