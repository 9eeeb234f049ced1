public import RapportCore

/// What a triggered wave considers: the customers whose trigger fired in `(from, to]`, minus
/// those inside the re-entry period; lifecycle and score triggers are found in the score history
/// before planning (`preselected`).
public struct TriggerWindow: Sendable {
    public var from: Instant
    public var to: Instant
    /// Customers the trigger selected from stored history, when it does not read the frame.
    public var preselected: Set<Int64>?
    /// Customers contacted by the scenario within its re-entry period.
    public var excluded: Set<Int64>

    public init(from: Instant, to: Instant, preselected: Set<Int64>? = nil, excluded: Set<Int64> = []) {
        self.from = from
        self.to = to
        self.preselected = preselected
        self.excluded = excluded
    }
}

/// Finds, over a targeting frame, the customers whose trigger fired within a window. Day-based
/// triggers (birthday, a date attribute) fire at the start of the day in the policy's time zone,
/// plus the trigger's delay; the others at the moment of their cause plus the delay.
struct TriggerDetector {
    let frame: TargetingFrame
    let zone: LocalTime

    /// What the frame must hold for `trigger`.
    static func needs(of trigger: Trigger) -> FrameNeeds {
        var needs = FrameNeeds()
        switch trigger.on {
        case .birthday: needs.fields.insert(.birthDate)
        case .date: if let attribute = trigger.attribute { needs.fields.insert(.attribute(attribute)) }
        case .event:
            if let event = trigger.event { needs.eventTypes.insert(event) }
            if trigger.unlessOrderWithinHours != nil { needs.orders = true }
        case .firstPurchase, .inactivity: needs.orders = true
        case .segmentEntry, .lifecycleChange, .scoreCrossing: break
        }
        return needs
    }

    func members(of trigger: Trigger, in window: TriggerWindow, segmentMembers: Bitset?) -> Bitset {
        let delay = trigger.firingDelay
        let from = window.from.secondsSinceEpoch - delay, to = window.to.secondsSinceEpoch - delay
        var members: Bitset
        switch trigger.on {
        case .birthday:
            var days = Set<Int>()
            for day in firingDays(from: from, to: to) {
                let date = CalendarDate(dayNumber: day + Int64(trigger.daysBefore))
                days.insert(Self.monthDay(date))
                // In a year without 29 February, those born that day celebrate on the 28th.
                if date.month == 2 && date.day == 28 && CalendarDate(year: date.year, month: 2, day: 29) == nil { days.insert(229) }
            }
            let births = frame.numbers[.birthDate] ?? []
            members = Bitset(count: frame.count) { i in
                guard i < births.count, !births[i].isNaN else { return false }
                return days.contains(Self.monthDay(CalendarDate(dayNumber: Int64(births[i]))))
            }
        case .date:
            let days = Set(firingDays(from: from, to: to).map { $0 + Int64(trigger.daysBefore) })
            let column = trigger.attribute.flatMap { frame.attributeText[$0] } ?? CategoricalColumn()
            let dates = column.values.map { ISO8601Parser.date($0)?.dayNumber }
            members = Bitset(count: frame.count) { i in
                guard i < column.codes.count, column.codes[i] >= 0, let day = dates[Int(column.codes[i])] else { return false }
                return days.contains(day)
            }
        case .event:
            let events = frame.events
            let code = trigger.event.flatMap { events.types.code(of: $0) }
            let within = trigger.unlessOrderWithinHours.map { Int64($0 * 3600) }
            members = Bitset(count: frame.count) { i in
                guard let code else { return false }
                for k in events.start[i]..<events.start[i + 1] where events.types.codes[k] == code {
                    let at = events.times[k]
                    guard at > from && at <= to else { continue }
                    if let within, ordered(i, after: at, within: within) { continue }
                    return true
                }
                return false
            }
        case .firstPurchase:
            let orders = frame.orders
            members = Bitset(count: frame.count) { i in
                orders.start[i + 1] - orders.start[i] == 1 && orders.lastOrderAt[i] > from && orders.lastOrderAt[i] <= to
            }
        case .inactivity:
            let orders = frame.orders, quiet = Int64(trigger.days ?? 0) * 86_400
            members = Bitset(count: frame.count) { i in
                let last = orders.lastOrderAt[i]
                return last != .min && last + quiet > from && last + quiet <= to
            }
        case .segmentEntry:
            members = segmentMembers ?? Bitset(count: frame.count)
        case .lifecycleChange, .scoreCrossing:
            members = frame.bitset(ofIDs: window.preselected ?? [])
        }
        if !window.excluded.isEmpty { members.subtract(frame.bitset(ofIDs: window.excluded)) }
        return members
    }

    /// Whether customer `i` has a completed order after `at` and at most `within` seconds later
    /// (to the day for orders before their latest).
    private func ordered(_ i: Int, after at: Int64, within: Int64) -> Bool {
        let orders = frame.orders
        let last = orders.lastOrderAt[i]
        if last > at && last <= at + within { return true }
        let first = Int32(clamping: (at + 86_399) / 86_400), end = Int32(clamping: (at + within) / 86_400)
        guard first <= end else { return false }
        return (orders.start[i]..<orders.start[i + 1]).contains { orders.days[$0] >= first && orders.days[$0] <= end }
    }

    /// The local days whose start falls in `(from, to]`.
    private func firingDays(from: Int64, to: Int64) -> [Int64] {
        var days: [Int64] = []
        var day = zone.dayNumber(of: from)
        while true {
            let start = zone.instant(day: day, second: 0)
            if start > to { break }
            if start > from { days.append(day) }
            day += 1
        }
        return days
    }

    private static func monthDay(_ date: CalendarDate) -> Int { date.month * 100 + date.day }
}
