public import RapportCore

/// Turns the relative parts of a definition into day numbers, for one evaluation day.
public struct EvaluationCalendar: Sendable, Hashable {
    public let today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    /// The day `count` units before today; months and years step calendar months and clamp the day
    /// to the month's length (a month before 31 March is the last day of February).
    public func day(_ count: Int, _ unit: CalendarUnit, before day: CalendarDate? = nil) -> Int64 {
        let origin = day ?? today
        // Far beyond year 1 in every unit, and small enough that no product below overflows.
        let count = Int64(min(max(count, 0), 10_000_000))
        switch unit {
        case .days: return max(Self.firstDay, origin.dayNumber - count)
        case .weeks: return max(Self.firstDay, origin.dayNumber - 7 * count)
        case .months, .years:
            let months = unit == .months ? count : 12 * count
            let total = Int64(origin.year) * 12 + Int64(origin.month - 1) - months
            guard total >= 12 else { return Self.firstDay }
            let year = Int(total / 12)
            let month = Int(total % 12) + 1
            let dayOfMonth = min(origin.day, CalendarDate.daysIn(month: month, year: year))
            return CalendarDate(year: year, month: month, day: dayOfMonth)?.dayNumber ?? Self.firstDay
        }
    }

    /// 1 January of year 1: relative days never go further back.
    static let firstDay = CalendarDate(year: 1, month: 1, day: 1)!.dayNumber

    /// The day number a date value stands for, or nil for a value that is not a date.
    public func dayNumber(_ value: SegmentValue) -> Int64? {
        switch value {
        case .date(let date): date.dayNumber
        case .ago(let count, let unit): day(count, unit)
        default: nil
        }
    }

    /// The first and last day of a window (both included); no window is the whole history to today.
    public func days(_ window: TimeWindow?) -> ClosedRange<Int64> {
        let last = today.dayNumber
        switch window {
        case nil: return Int64(Int32.min) ... last
        case .last(let count, let unit)?:
            let first = day(count, unit) + 1
            return first <= last ? first ... last : emptyRange
        case .since(let from)?:
            let first = dayNumber(from) ?? last
            return first <= last ? first ... last : emptyRange
        case .between(let from, let to)?:
            let first = dayNumber(from) ?? last
            let end = min(dayNumber(to) ?? last, last)
            return first <= end ? first ... end : emptyRange
        }
    }

    /// A range no loaded day falls in (a day in the year 5 881 580).
    private var emptyRange: ClosedRange<Int64> { Int64(Int32.max) ... Int64(Int32.max) }
}
