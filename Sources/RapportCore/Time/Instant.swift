/// A point in time with a resolution of one second, stored as seconds since 1970-01-01T00:00:00Z.
/// Every `*_at` column of the knowledge base holds one.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Midnight UTC at the start of `date`.
    public init(_ date: CalendarDate) {
        self.secondsSinceEpoch = date.dayNumber * 86_400
    }

    /// The UTC calendar day this instant falls on.
    public var utcDate: CalendarDate {
        CalendarDate(dayNumber: dayNumber)
    }

    /// Days since 1970-01-01 in UTC (floor division, so instants before 1970 land on the right day).
    public var dayNumber: Int64 {
        secondsSinceEpoch >= 0
            ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
    }

    /// ISO 8601 in UTC: `2025-03-14T09:30:00Z`.
    public var description: String {
        let seconds = Int(secondsSinceEpoch - dayNumber * 86_400)
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        let date = utcDate
        guard (0...9999).contains(date.year) else {
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(date)T\(two(h)):\(two(m)):\(two(s))Z"
        }
        // Written digit by digit: instants are formatted for every row the API shows.
        return String(unsafeUninitializedCapacity: 20) { text in
            CalendarDate.writeDigits(of: date, into: text, at: 0)
            let zero = UInt8(ascii: "0"), colon = UInt8(ascii: ":")
            text[10] = UInt8(ascii: "T")
            text[11] = zero + UInt8(h / 10)
            text[12] = zero + UInt8(h % 10)
            text[13] = colon
            text[14] = zero + UInt8(m / 10)
            text[15] = zero + UInt8(m % 10)
            text[16] = colon
            text[17] = zero + UInt8(s / 10)
            text[18] = zero + UInt8(s % 10)
            text[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
