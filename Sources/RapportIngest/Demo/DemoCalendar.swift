import RapportCore

/// Civil-calendar arithmetic for the demo data, on plain integers (seconds since 1970-01-01 UTC),
/// so that nothing depends on the machine's clock, time zone or locale.
enum DemoCalendar {
    static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 of a date that exists.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        CalendarDate(year: year, month: month, day: day)!.dayNumber
    }

    /// The date of a day number (days since 1970-01-01).
    static func civil(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let date = CalendarDate(dayNumber: days)
        return (date.year, date.month, date.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        CalendarDate.daysIn(month: month, year: year)
    }

    /// Parses exactly `YYYY-MM-DD` into a valid date, or nil.
    static func parse(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(bytes[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1900, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return (year, month, day)
    }

    /// The month (1...12) of an instant.
    @inline(__always) static func month(of time: Int64) -> Int {
        civil(floorDiv(time, secondsPerDay)).month
    }

    @inline(__always) static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// The day of the week of a day number, 0 = Monday ... 6 = Sunday.
    static func weekday(_ days: Int64) -> Int {
        Int(((days % 7) + 7 + 3) % 7)
    }
}

/// The period the demo covers: from `years` before the end date at midnight to the last second
/// of the end date, UTC.
struct DemoWindow: Sendable {
    let start: Int64
    let end: Int64
    let endYear: Int

    init?(endDate: String, years: Int) {
        guard years >= 1, let date = DemoCalendar.parse(endDate) else { return nil }
        let startYear = date.year - years
        let startDay = min(date.day, DemoCalendar.daysIn(month: date.month, year: startYear))
        start = DemoCalendar.days(year: startYear, month: date.month, day: startDay) * DemoCalendar.secondsPerDay
        end = (DemoCalendar.days(year: date.year, month: date.month, day: date.day) + 1) * DemoCalendar.secondsPerDay - 1
        endYear = date.year
    }

    var span: Int64 { end - start }

    @inline(__always) func contains(_ time: Int64) -> Bool { time >= start && time <= end }
}

/// Durations in seconds, as doubles for the samplers.
enum DemoTime {
    static let minute = 60.0
    static let hour = 3_600.0
    static let day = 86_400.0
    static let year = 365.25 * 86_400.0
}
