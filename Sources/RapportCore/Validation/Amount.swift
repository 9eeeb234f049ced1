/// Reading amounts of money and quantities without going through `String`.
public enum DecimalParser {
    /// A decimal number such as `12`, `12.5`, `-3.20`, `1e3`; with `allowComma`, `12,50` is read
    /// as 12.5 when there is no dot. Nil for anything else (thousand separators, currency signs).
    /// Results with up to 15 significant digits are correctly rounded.
    public static func double(_ bytes: UnsafeRawBufferPointer, allowComma: Bool = true) -> Double? {
        var i = 0
        let n = bytes.count
        guard n > 0, n < 40 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenSeparator = false
        var sawDigit = false
        while i < n {
            let b = bytes[i]
            if b &- 48 < 10 {
                sawDigit = true
                if digits < 18 {
                    mantissa = mantissa * 10 + UInt64(b &- 48)
                    if mantissa > 0 { digits += 1 }
                    if seenSeparator { fractionDigits += 1 }
                } else if !seenSeparator {
                    return slow(bytes)
                }
            } else if (b == UInt8(ascii: ".") || (allowComma && b == UInt8(ascii: ","))) && !seenSeparator {
                seenSeparator = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                return slow(bytes)
            } else {
                return nil
            }
            i += 1
        }
        guard sawDigit else { return nil }
        var value = Double(mantissa)
        if digits > 15 { return slow(bytes) }
        if fractionDigits > 0 {
            guard fractionDigits < powersOfTen.count else { return slow(bytes) }
            value /= powersOfTen[fractionDigits]
        }
        return negative ? -value : value
    }

    /// A whole number with an optional sign; nil for anything else.
    public static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty, bytes.count < 19 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
            guard bytes.count > 1 else { return nil }
        }
        var value: Int64 = 0
        while i < bytes.count {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            value = value * 10 + Int64(d)
            i += 1
        }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...18).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    static func slow(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let text = String(decoding: bytes, as: UTF8.self).replacingComma()
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension String {
    fileprivate func replacingComma() -> String {
        contains(".") ? self : String(map { $0 == "," ? "." : $0 })
    }
}
