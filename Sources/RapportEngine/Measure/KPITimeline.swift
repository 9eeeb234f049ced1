import Foundation
public import RapportCore

/// The customer base's key figures month by month: activity, acquisition and churn, buying,
/// satisfaction, and the pressure campaigns put on customers.
///
/// Definitions (months are UTC calendar months): a customer is *active* at a month's end when
/// they completed an order in the 365 days before it; *lost* in the month in which 365 days pass
/// after an order with no order since; *churn* = lost in the month ÷ active at the end of the
/// month before, *retention* = 1 − churn. Frequency = orders ÷ buyers of the month; basket =
/// revenue ÷ orders. NPS, CSAT and CES come from survey answers (imported `survey_answer`
/// events and answers to Rapport's survey pages). Pressure = marketing contacts sent ÷ customers
/// they reached; unsubscribes = consents revoked in the month, and their rate per contact sent.
public struct KPITimeline: Sendable, Hashable {
    public struct Month: Sendable, Hashable {
        public var month: String
        public var activeCustomers = 0
        public var newCustomers = 0
        public var lostCustomers = 0
        public var churnRate: Double?
        public var retentionRate: Double? { churnRate.map { 1 - $0 } }
        public var orders = 0
        public var buyers = 0
        public var revenue = 0.0
        public var purchaseFrequency: Double? { buyers == 0 ? nil : Double(orders) / Double(buyers) }
        public var averageBasket: Double? { orders == 0 ? nil : revenue / Double(orders) }
        public var nps: Double?
        public var csat: Double?
        public var ces: Double?
        public var answers = 0
        public var contactsSent = 0
        public var customersContacted = 0
        public var contactsPerContactedCustomer: Double? { customersContacted == 0 ? nil : Double(contactsSent) / Double(customersContacted) }
        public var contactsPerActiveCustomer: Double? { activeCustomers == 0 ? nil : Double(contactsSent) / Double(activeCustomers) }
        public var unsubscribes = 0
        public var unsubscribeRate: Double? { contactsSent == 0 ? nil : Double(unsubscribes) / Double(contactsSent) }
    }

    public var months: [Month]

    /// The `count` months ending with the month of `asOf`.
    public static func compute(
        store: some TargetingStore & RecordEditing, asOf: CalendarDate, count: Int = 12
    ) throws -> KPITimeline {
        precondition(count > 0)
        let last = monthIndex(asOf.dayNumber)
        let first = last - count + 1
        var months = (first...last).map { Month(month: label($0)) }
        func slot(_ day: Int64) -> Int? {
            let index = monthIndex(day) - first
            return index >= 0 && index < count ? index : nil
        }
        let ends = (first...last).map { monthEnd($0) }
        let asOfDay = asOf.dayNumber

        var current: Int64 = -1
        var days: [Int64] = []
        var buyersInMonth = [Set<Int64>](repeating: [], count: count)
        func fold() {
            guard current >= 0, !days.isEmpty else { return }
            days.sort()
            if let index = slot(days[0]) { months[index].newCustomers += 1 }
            for (index, end) in ends.enumerated() {
                let cutoff = min(end, asOfDay)
                // The latest order at or before the month's end.
                var low = 0, high = days.count
                while low < high {
                    let middle = (low + high) / 2
                    if days[middle] <= cutoff { low = middle + 1 } else { high = middle }
                }
                if low > 0 && days[low - 1] > cutoff - 365 { months[index].activeCustomers += 1 }
            }
            for (position, day) in days.enumerated() {
                let lapse = day + 365
                let next = position + 1 < days.count ? days[position + 1] : Int64.max
                if next > lapse, lapse <= asOfDay, let index = slot(lapse) { months[index].lostCustomers += 1 }
            }
        }
        try store.scanOrders(before: nil, customerIDs: nil) { order in
            guard order.status == .completed else { return }
            let day = order.placedAt.dayNumber
            guard day <= asOfDay else { return }
            if order.customerID != current {
                fold()
                current = order.customerID
                days.removeAll(keepingCapacity: true)
            }
            days.append(day)
            if let index = slot(day) {
                months[index].orders += 1
                months[index].revenue += order.total
                buyersInMonth[index].insert(order.customerID)
            }
        }
        fold()
        for index in months.indices {
            months[index].buyers = buyersInMonth[index].count
            let previousActive = index > 0 ? months[index - 1].activeCustomers : nil
            if let previousActive, previousActive > 0 { months[index].churnRate = Double(months[index].lostCustomers) / Double(previousActive) }
        }

        try store.editingRecords { editor in
            var scores = [[SurveyKind: [Int]]](repeating: [:], count: count)
            let events = StoredTable.named("events")
            for row in try editor.rows(of: events, matching: [ColumnMatch("type", .text("survey_answer"))]) {
                guard let at = row[events.index(of: "at")].integerValue, let index = slot(at / 86_400),
                    let answer = SurveyAnswer.decode(row[events.index(of: "properties")].textValue)
                else { continue }
                scores[index][answer.survey, default: []].append(answer.score)
            }
            let responses = StoredTable.named("responses")
            for row in try editor.rows(of: responses, matching: [ColumnMatch("kind", .text(ReactionKind.answered.rawValue))]) {
                guard let at = row[3].integerValue, let index = slot(at / 86_400), let answer = SurveyAnswer.decode(row[6].textValue)
                else { continue }
                scores[index][answer.survey, default: []].append(answer.score)
            }
            for index in months.indices {
                months[index].nps = SurveyKind.nps.headline(scores[index][.nps] ?? [])
                months[index].csat = SurveyKind.csat.headline(scores[index][.csat] ?? [])
                months[index].ces = SurveyKind.ces.headline(scores[index][.ces] ?? [])
                months[index].answers = scores[index].values.reduce(0) { $0 + $1.count }
            }
            let contacts = StoredTable.named("contacts")
            var contacted = [Set<Int64>](repeating: [], count: count)
            for row in try editor.rows(
                of: contacts,
                matching: [
                    ColumnMatch("status", .text(ContactStatus.sent.rawValue)),
                    ColumnMatch("planned_at", .integer((monthStart(first) - 62) * 86_400), .atLeast),
                ])
            {
                guard row[contacts.index(of: "purpose")].textValue == ContactPurpose.marketing.rawValue,
                    let at = row[contacts.index(of: "sent_at")].integerValue, let index = slot(at / 86_400), let customer = row[0].integerValue
                else { continue }
                months[index].contactsSent += 1
                contacted[index].insert(customer)
            }
            for index in months.indices { months[index].customersContacted = contacted[index].count }
            for row in try editor.rows(of: StoredTable.named("consents"), matching: [ColumnMatch("status", .text(ConsentStatus.revoked.rawValue))]) {
                if let at = row[2].integerValue, let index = slot(at / 86_400) { months[index].unsubscribes += 1 }
            }
        }
        return KPITimeline(months: months)
    }

    /// The `count` whole months ending with the month of `last`: from the first day of the first
    /// month (inclusive) to the end of `last` (exclusive), the period the reports cover.
    public static func period(endingOn last: CalendarDate, months count: Int) -> (from: Instant, to: Instant) {
        let first = monthIndex(last.dayNumber) - count + 1
        return (Instant(secondsSinceEpoch: monthStart(first) * 86_400), Instant(secondsSinceEpoch: (last.dayNumber + 1) * 86_400))
    }

    static func monthIndex(_ day: Int64) -> Int {
        let date = CalendarDate(dayNumber: day)
        return date.year * 12 + date.month - 1
    }

    static func monthStart(_ index: Int) -> Int64 {
        CalendarDate(year: index / 12, month: index % 12 + 1, day: 1)!.dayNumber
    }

    static func monthEnd(_ index: Int) -> Int64 { monthStart(index + 1) - 1 }

    static func label(_ index: Int) -> String { String(format: "%04d-%02d", index / 12, index % 12 + 1) }
}
