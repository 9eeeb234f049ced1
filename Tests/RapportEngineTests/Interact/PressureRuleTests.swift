import Foundation
import RapportCore
import Testing

@testable import RapportEngine

/// Each pressure rule at its edges: rolling windows, gaps, uniqueness, quiet hours and allowed
/// days in the customer's time zone, across daylight-saving changes.
@Suite("Pressure rules")
struct PressureRuleTests {
    static let hour: Int64 = 3600
    static let day: Int64 = 86_400
    static let t0: Int64 = 1_796_000_000

    static func problem(caps: [ArbitrationProblem.Cap] = [], gap: Int64 = 0, uniqueness: Int64 = 0) -> ArbitrationProblem {
        var problem = ArbitrationProblem()
        problem.caps = caps
        problem.minimumGap = gap
        problem.uniquenessWindow = uniqueness
        return problem
    }

    static func pressure(_ entries: [(Int64, UInt8, Int32)]) -> CustomerPressure {
        var pressure = CustomerPressure()
        for (time, channel, message) in entries { pressure.push(time: time, channel: channel, message: message) }
        return pressure
    }

    @Test func aRollingCapCountsTheHalfOpenWindowEndingAtEachContact() {
        let problem = Self.problem(caps: [.init(limit: 2, window: 7 * Self.day)])
        let pressure = Self.pressure([(Self.t0, 0, 1), (Self.t0 + Self.day, 0, 2)])
        // Exactly one window after the first contact: the first is outside (t - 7d, t].
        #expect(pressure.violation(time: Self.t0 + 7 * Self.day, channel: 0, message: 3, problem: problem) == nil)
        // One second earlier it is inside: three in the window.
        #expect(pressure.violation(time: Self.t0 + 7 * Self.day - 1, channel: 0, message: 3, problem: problem) == .cap(0))
        // Before both: the window ending at the second contact would hold three.
        #expect(pressure.violation(time: Self.t0 - Self.day, channel: 0, message: 3, problem: problem) == .cap(0))
        // A whole window before the second contact's window: fine.
        #expect(pressure.violation(time: Self.t0 + Self.day - 7 * Self.day, channel: 0, message: 3, problem: problem) == nil)
    }

    @Test func aChannelCapCountsOnlyItsChannelWhileTheOverallCapCountsAll() {
        let problem = Self.problem(caps: [.init(limit: 1, window: 7 * Self.day, channel: 1), .init(limit: 3, window: 7 * Self.day)])
        let pressure = Self.pressure([(Self.t0, 1, 1), (Self.t0 + Self.hour, 0, 2)])
        #expect(pressure.violation(time: Self.t0 + 2 * Self.day, channel: 1, message: 3, problem: problem) == .cap(0))
        #expect(pressure.violation(time: Self.t0 + 2 * Self.day, channel: 0, message: 3, problem: problem) == nil)
        let full = Self.pressure([(Self.t0, 1, 1), (Self.t0 + Self.hour, 0, 2), (Self.t0 + 2 * Self.hour, 0, 4)])
        #expect(full.violation(time: Self.t0 + 2 * Self.day, channel: 0, message: 3, problem: problem) == .cap(1))
    }

    @Test func aCapOfZeroStopsEveryContactOnItsChannel() {
        let problem = Self.problem(caps: [.init(limit: 0, window: Self.day, channel: 2)])
        #expect(CustomerPressure().violation(time: Self.t0, channel: 2, message: 0, problem: problem) == .cap(0))
        #expect(CustomerPressure().violation(time: Self.t0, channel: 0, message: 0, problem: problem) == nil)
    }

    @Test func theMinimumGapHoldsOnBothSidesAndAllowsExactlyTheGap() {
        let problem = Self.problem(gap: 24 * Self.hour)
        let pressure = Self.pressure([(Self.t0, 0, 1)])
        #expect(pressure.violation(time: Self.t0 + 24 * Self.hour, channel: 0, message: 2, problem: problem) == nil)
        #expect(pressure.violation(time: Self.t0 + 24 * Self.hour - 1, channel: 0, message: 2, problem: problem) == .minimumGap)
        #expect(pressure.violation(time: Self.t0 - 24 * Self.hour + 1, channel: 3, message: 2, problem: problem) == .minimumGap)
        #expect(pressure.violation(time: Self.t0 - 24 * Self.hour, channel: 3, message: 2, problem: problem) == nil)
    }

    @Test func theSameMessageNeverTwiceWithinThePeriodAndOtherMessagesAreFree() {
        let problem = Self.problem(uniqueness: 30 * Self.day)
        let pressure = Self.pressure([(Self.t0, 0, 7)])
        #expect(pressure.violation(time: Self.t0 + 30 * Self.day - 1, channel: 1, message: 7, problem: problem) == .uniqueness)
        #expect(pressure.violation(time: Self.t0 + 30 * Self.day, channel: 1, message: 7, problem: problem) == nil)
        #expect(pressure.violation(time: Self.t0 + Self.day, channel: 0, message: 8, problem: problem) == nil)
        // A message no offer knows (-1) is never compared.
        #expect(Self.pressure([(Self.t0, 0, -1)]).violation(time: Self.t0, channel: 0, message: -1, problem: problem) == nil)
    }

    static let paris = LocalTime(identifier: "Europe/Paris")!
    static let quiet = QuietHours(from: TimeOfDay(hour: 21, minute: 0), to: TimeOfDay(hour: 8, minute: 0))
    static let everyDay = Set(Weekday.allCases)

    static func utc(_ text: String) -> Int64 { ISO8601Parser.instant(text)!.secondsSinceEpoch }

    @Test func quietHoursMoveAContactToTheirEndInTheCustomersZone() {
        // 22:30 in Paris (winter, UTC+1) moves to 08:00 the next morning.
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-07T21:30:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-12-08T07:00:00Z"))
        // 06:59 local waits until 08:00 the same day; 08:00 is allowed.
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-08T05:59:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-12-08T07:00:00Z"))
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-08T07:00:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-12-08T07:00:00Z"))
        // 20:59 is allowed, 21:00 is not.
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-08T19:59:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-12-08T19:59:00Z"))
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-08T20:00:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-12-09T07:00:00Z"))
        // The same UTC instant is daytime in New York.
        let newYork = LocalTime(identifier: "America/New_York")!
        #expect(newYork.firstAllowed(atOrAfter: Self.utc("2026-12-07T21:30:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-12-07T21:30:00Z"))
    }

    @Test func quietHoursWithinADayAndDisallowedDays() {
        let lunch = QuietHours(from: TimeOfDay(hour: 12, minute: 0), to: TimeOfDay(hour: 14, minute: 0))
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-08T11:30:00Z"), quietHours: lunch, allowedDays: Self.everyDay) == Self.utc("2026-12-08T13:00:00Z"))
        // Saturday 2026-12-12 evening with Sundays off: Monday 08:00.
        var weekdays = Self.everyDay
        weekdays.remove(.sunday)
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-12T21:00:00Z"), quietHours: Self.quiet, allowedDays: weekdays) == Self.utc("2026-12-14T07:00:00Z"))
        // A Sunday afternoon moves to Monday's opening; with no quiet hours, Monday midnight.
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-13T14:00:00Z"), quietHours: Self.quiet, allowedDays: weekdays) == Self.utc("2026-12-14T07:00:00Z"))
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-12-13T14:00:00Z"), quietHours: nil, allowedDays: weekdays) == Self.utc("2026-12-13T23:00:00Z"))
        #expect(Self.paris.firstAllowed(atOrAfter: Self.t0, quietHours: nil, allowedDays: []) == nil)
    }

    @Test func daylightSavingChangesMoveTheUTCTimeOfTheLocalOpening() {
        // Spring forward on Sunday 2026-03-29: 08:00 is 06:00Z that day, 07:00Z the day before.
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-03-28T21:00:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-03-29T06:00:00Z"))
        // Fall back on Sunday 2026-10-25: 08:00 is 07:00Z.
        #expect(Self.paris.firstAllowed(atOrAfter: Self.utc("2026-10-24T20:00:00Z"), quietHours: Self.quiet, allowedDays: Self.everyDay) == Self.utc("2026-10-25T07:00:00Z"))
        // 02:30 does not exist on 2026-03-29: it becomes 03:30 CEST.
        let day = ISO8601Parser.date("2026-03-29")!.dayNumber
        #expect(Self.paris.instant(day: day, second: 2 * 3600 + 1800) == Self.utc("2026-03-29T01:30:00Z"))
        // 02:30 happens twice on 2026-10-25: the first is 00:30Z.
        let autumn = ISO8601Parser.date("2026-10-25")!.dayNumber
        #expect(Self.paris.instant(day: autumn, second: 2 * 3600 + 1800) == Self.utc("2026-10-25T00:30:00Z"))
    }

    @Test func aPolicyFileRefusesUnknownSettingsAndNamesItsProblems() throws {
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) { try decoder.decode(PressurePolicy.self, from: Data(#"{"capz": []}"#.utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(PressurePolicy.self, from: Data(#"{"quietHours": {"from": "25:00", "to": "08:00"}}"#.utf8)) }
        let policy = try decoder.decode(
            PressurePolicy.self,
            from: Data(#"{"caps": [{"limit": 2, "hours": 36, "channel": "sms"}], "allowedDays": ["mon", "Tuesday"], "dailyCapacity": {"phone": 50}, "quietHours": null, "timeZone": "Mars/Olympus", "globalHoldout": 2}"#.utf8))
        #expect(policy.caps == [PressurePolicy.Cap(limit: 2, days: 1.5, channel: .sms)])
        #expect(policy.allowedDays == [.monday, .tuesday])
        #expect(policy.dailyCapacity == [.phone: 50])
        #expect(policy.quietHours == nil)
        #expect(policy.problems().count == 2)
        #expect(policy.problems().contains { $0.contains("Mars/Olympus") })
        // What is written reads back the same.
        var valid = policy
        valid.timeZone = "Europe/Paris"
        valid.globalHoldout = 0.05
        let again = try decoder.decode(PressurePolicy.self, from: JSONEncoder().encode(valid))
        #expect(again == valid)
        #expect(PressurePolicy().problems().isEmpty)
    }
}
