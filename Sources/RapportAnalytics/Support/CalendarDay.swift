import RapportCore

/// Day numbers as ISO dates, for reports.
enum CalendarDay {
    static func text(_ day: Int32) -> String { CalendarDate(dayNumber: Int64(day)).description }
}
