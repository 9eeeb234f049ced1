/// A day of the proleptic Gregorian calendar, without a time or a time zone (a birth date, a day of
/// purchase). Guarantees a valid date: the month has that day.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil unless `year-month-day` exists (1 ≤ month ≤ 12, the day within that month).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before).
    public init(dayNumber: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        self.month = Int(m)
        self.day = Int(d)
    }

    /// Days since 1970-01-01 (negative before): the unit of every day-level computation.
    public var dayNumber: Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        guard (0...9999).contains(year) else {
            func pad(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        // Written digit by digit: dates are formatted for every row the API and the pages show.
        return String(unsafeUninitializedCapacity: 10) { text in
            Self.writeDigits(of: self, into: text, at: 0)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` (ten bytes) into `text` from `offset`; the year must have four digits.
    static func writeDigits(of date: CalendarDate, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        func digit(_ value: Int) -> UInt8 { zero + UInt8(value) }
        text[offset] = digit(date.year / 1000)
        text[offset + 1] = digit(date.year / 100 % 10)
        text[offset + 2] = digit(date.year / 10 % 10)
        text[offset + 3] = digit(date.year % 10)
        text[offset + 4] = dash
        text[offset + 5] = digit(date.month / 10)
        text[offset + 6] = digit(date.month % 10)
        text[offset + 7] = dash
        text[offset + 8] = digit(date.day / 10)
        text[offset + 9] = digit(date.day % 10)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
