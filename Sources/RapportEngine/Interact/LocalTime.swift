import Foundation

/// A time of day, `HH:MM`, in some time zone.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Reads `HH:MM` (or `H:MM`), 00:00 to 23:59.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2,
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a time of day: write HH:MM, 00:00 to 23:59")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var secondOfDay: Int64 { Int64(hour * 3600 + minute * 60) }

    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.secondOfDay < rhs.secondOfDay }
}

/// Local hours in which no marketing is sent: from `from` (included) to `to` (excluded), across
/// midnight when `from` is later than `to`.
public struct QuietHours: Sendable, Hashable, Codable {
    public var from: TimeOfDay
    public var to: TimeOfDay

    public init(from: TimeOfDay, to: TimeOfDay) {
        self.from = from
        self.to = to
    }

    public func contains(secondOfDay second: Int64) -> Bool {
        from < to ? (second >= from.secondOfDay && second < to.secondOfDay) : (second >= from.secondOfDay || second < to.secondOfDay)
    }
}

public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Reads full English names or their first three letters, in any case.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self).lowercased()
        guard let day = Weekday.allCases.first(where: { $0.rawValue == text || $0.rawValue.prefix(3) == text }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a day: write monday … sunday (or mon … sun)")
        }
        self = day
    }

    /// The weekday of a day number (1970-01-01 was a Thursday).
    public init(dayNumber: Int64) {
        let index = ((dayNumber + 3) % 7 + 7) % 7
        self = Weekday.allCases[Int(index)]
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Wall-clock time in one IANA time zone, daylight saving included: converts instants to local
/// days and times and back, and finds the first moment the pressure policy allows.
public struct LocalTime: Sendable {
    private let zone: TimeZone

    /// Nil when `identifier` names no time zone this system knows.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    public var identifier: String { zone.identifier }

    /// Seconds to add to UTC to get local time at `instant`.
    public func offset(at instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// Local seconds since 1970 (as if the wall clock were UTC) at `instant`.
    public func local(_ instant: Int64) -> Int64 { instant + offset(at: instant) }

    /// The local day number of `instant`.
    public func dayNumber(of instant: Int64) -> Int64 {
        let local = local(instant)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// The instant at which the local clock shows `second` of local day `day`. A time skipped when
    /// clocks go forward moves later by the jump (02:30 becomes 03:30, as java.time does); a time
    /// repeated when they go back is its first occurrence.
    public func instant(day: Int64, second: Int64) -> Int64 {
        let wall = day * 86_400 + second
        let before = wall - offset(at: wall - 86_400 / 2)
        let after = wall - offset(at: wall + 86_400 / 2)
        let earlier = Swift.min(before, after), later = Swift.max(before, after)
        if local(earlier) == wall { return earlier }
        if local(later) == wall { return later }
        // The wall time does not exist (the clock jumped over it): later by the length of the jump.
        return before
    }

    /// The first instant at or after `instant` that is outside `quietHours` on an allowed day; nil
    /// when no day is allowed.
    public func firstAllowed(atOrAfter instant: Int64, quietHours: QuietHours?, allowedDays: Set<Weekday>) -> Int64? {
        guard !allowedDays.isEmpty else { return nil }
        var candidate = instant
        for _ in 0..<16 {
            let local = local(candidate)
            let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
            let second = local - day * 86_400
            let dayAllowed = allowedDays.contains(Weekday(dayNumber: day))
            if dayAllowed, !(quietHours?.contains(secondOfDay: second) ?? false) { return candidate }
            var nextDay = day, nextSecond: Int64 = 0
            if dayAllowed, let quiet = quietHours {
                // In quiet hours of an allowed day: they end at `to`, today or tomorrow.
                if second < quiet.to.secondOfDay {
                    nextSecond = quiet.to.secondOfDay
                } else {
                    nextDay = day + 1
                    nextSecond = Self.dayOpening(quiet)
                }
            } else {
                nextDay = day + 1
                nextSecond = quietHours.map(Self.dayOpening) ?? 0
            }
            let next = self.instant(day: nextDay, second: nextSecond)
            candidate = Swift.max(next, candidate + 1)
        }
        return candidate
    }

    /// The first second of a day outside the quiet hours.
    private static func dayOpening(_ quiet: QuietHours) -> Int64 {
        quiet.contains(secondOfDay: 0) ? quiet.to.secondOfDay : 0
    }
}
