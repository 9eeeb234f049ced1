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
        let seconds = secondsSinceEpoch - dayNumber * 86_400
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(utcDate)T\(two(h)):\(two(m)):\(two(s))Z"
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
