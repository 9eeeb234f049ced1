/// Reads the ISO 8601 forms people put in files: `2025-03-14`, `2025-03-14T09:30`,
/// `2025-03-14 09:30:00`, `2025-03-14T09:30:00.250Z`, `2025-03-14T09:30:00+01:00`.
/// Fractions of a second are dropped; a time without an offset is UTC.
public enum ISO8601Parser {
    /// Parses a date or a date-time; nil when the text is not one of the accepted forms or names a
    /// day that does not exist.
    public static func instant(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { instant(UnsafeRawBufferPointer($0)) }
    }

    /// Parses a calendar date `YYYY-MM-DD` (a date-time is refused).
    public static func date(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { bytes -> CalendarDate? in
            let raw = UnsafeRawBufferPointer(bytes)
            guard raw.count == 10 else { return nil }
            return date(raw)
        }
    }

    /// The byte-level form used by the importers: no allocation.
    public static func instant(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        guard bytes.count >= 10, let day = date(UnsafeRawBufferPointer(rebasing: bytes[0..<10]))
        else { return nil }
        var seconds = day.dayNumber * 86_400
        if bytes.count == 10 { return Instant(secondsSinceEpoch: seconds) }
        var i = 10
        guard bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = twoDigits(bytes, i), hour < 24, i + 5 <= bytes.count,
            bytes[i + 2] == UInt8(ascii: ":"), let minute = twoDigits(bytes, i + 3), minute < 60
        else { return nil }
        i += 5
        var second: Int64 = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            guard let s = twoDigits(bytes, i + 1), s < 61 else { return nil }
            second = min(s, 59)
            i += 3
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                i += 1
                let start = i
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                guard i > start else { return nil }
            }
        }
        seconds += hour * 3600 + minute * 60 + second
        if i == bytes.count { return Instant(secondsSinceEpoch: seconds) }
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return i + 1 == bytes.count ? Instant(secondsSinceEpoch: seconds) : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = bytes[i] == UInt8(ascii: "+") ? 1 : -1
            guard let oh = twoDigits(bytes, i + 1), oh < 24 else { return nil }
            var j = i + 3
            var om: Int64 = 0
            if j < bytes.count, bytes[j] == UInt8(ascii: ":") { j += 1 }
            if j < bytes.count {
                guard let m = twoDigits(bytes, j), m < 60 else { return nil }
                om = m
                j += 2
            }
            guard j == bytes.count else { return nil }
            return Instant(secondsSinceEpoch: seconds - sign * (oh * 3600 + om * 60))
        default:
            return nil
        }
    }

    /// `YYYY-MM-DD` from exactly ten bytes.
    public static func date(_ bytes: UnsafeRawBufferPointer) -> CalendarDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let hi = twoDigits(bytes, 0), let lo = twoDigits(bytes, 2),
            let month = twoDigits(bytes, 5), let day = twoDigits(bytes, 8)
        else { return nil }
        return CalendarDate(year: Int(hi * 100 + lo), month: Int(month), day: Int(day))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    static func twoDigits(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int64? {
        guard at + 1 < bytes.count, isDigit(bytes[at]), isDigit(bytes[at + 1]) else { return nil }
        return Int64(bytes[at] &- 48) * 10 + Int64(bytes[at + 1] &- 48)
    }
}
