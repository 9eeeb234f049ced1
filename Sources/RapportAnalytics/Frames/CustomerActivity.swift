import RapportCore

/// Per-customer purchase aggregates as of one day, computed in one pass over an ``OrderFrame``.
/// Only completed orders count as purchases; cancelled and returned orders are counted apart.
/// Several completed orders on the same day are one purchase occasion (as in the CDNOW summaries).
public struct CustomerActivity: Sendable {
    /// The day the activity is measured at (inclusive).
    public let asOfDay: Int32
    /// First day of the RFM period (inclusive).
    public let periodStartDay: Int32

    /// Day of the first and of the latest completed order, `Int32.min` for a customer with none.
    public internal(set) var firstDays: [Int32]
    public internal(set) var lastDays: [Int32]
    /// Completed orders, ever and in the RFM period.
    public internal(set) var orders: [Int32]
    public internal(set) var periodOrders: [Int32]
    /// Distinct days with a completed order.
    public internal(set) var occasions: [Int32]
    /// Revenue of completed orders, ever and in the RFM period.
    public internal(set) var revenue: [Double]
    public internal(set) var periodRevenue: [Double]
    /// Mean revenue of the repeat occasions (all occasions after the first day), 0 when none.
    public internal(set) var meanRepeatSpend: [Double]
    /// Sum of known margins of completed orders; `marginKnown` says whether any was known.
    public internal(set) var margin: [Double]
    public internal(set) var marginKnown: [Bool]
    public internal(set) var returnedOrders: [Int32]
    public internal(set) var cancelledOrders: [Int32]

    public var count: Int { orders.count }

    /// True when the customer has at least one completed order.
    public func isBuyer(_ customer: Int) -> Bool { orders[customer] > 0 }

    /// Aggregates `frame` as of `asOfDay` with an RFM period of `periodDays` days ending that day
    /// (the whole history when nil). Orders after `asOfDay` are ignored.
    public init(_ frame: OrderFrame, asOfDay: Int32, periodDays: Int?) {
        let customers = frame.start.count - 1
        self.asOfDay = asOfDay
        self.periodStartDay = periodDays.map { asOfDay - Int32(clamping: $0) + 1 } ?? Int32.min
        firstDays = Array(repeating: Int32.min, count: customers)
        lastDays = Array(repeating: Int32.min, count: customers)
        orders = Array(repeating: 0, count: customers)
        periodOrders = Array(repeating: 0, count: customers)
        occasions = Array(repeating: 0, count: customers)
        revenue = Array(repeating: 0, count: customers)
        periodRevenue = Array(repeating: 0, count: customers)
        meanRepeatSpend = Array(repeating: 0, count: customers)
        margin = Array(repeating: 0, count: customers)
        marginKnown = Array(repeating: false, count: customers)
        returnedOrders = Array(repeating: 0, count: customers)
        cancelledOrders = Array(repeating: 0, count: customers)
        let periodStart = periodStartDay
        frame.days.withUnsafeBufferPointer { days in
            frame.totals.withUnsafeBufferPointer { totals in
                frame.margins.withUnsafeBufferPointer { margins in
                    frame.statuses.withUnsafeBufferPointer { statuses in
                        for customer in 0 ..< customers {
                            var first = Int32.min
                            var last = Int32.min
                            var count: Int32 = 0
                            var inPeriod: Int32 = 0
                            var distinct: Int32 = 0
                            var total = 0.0
                            var periodTotal = 0.0
                            var firstDayTotal = 0.0
                            var marginSum = 0.0
                            var anyMargin = false
                            var returned: Int32 = 0
                            var cancelled: Int32 = 0
                            for row in frame.start[customer] ..< frame.start[customer + 1] {
                                let day = days[row]
                                if day > asOfDay { break }  // rows are sorted by day
                                switch statuses[row] {
                                case .returned: returned += 1; continue
                                case .cancelled: cancelled += 1; continue
                                case .completed: break
                                }
                                let amount = totals[row]
                                if count == 0 { first = day }
                                if day != last { distinct += 1 }
                                if day == first { firstDayTotal += amount }
                                last = day
                                count += 1
                                total += amount
                                if day >= periodStart {
                                    inPeriod += 1
                                    periodTotal += amount
                                }
                                let orderMargin = margins[row]
                                if !orderMargin.isNaN {
                                    marginSum += orderMargin
                                    anyMargin = true
                                }
                            }
                            firstDays[customer] = first
                            lastDays[customer] = last
                            orders[customer] = count
                            periodOrders[customer] = inPeriod
                            occasions[customer] = distinct
                            revenue[customer] = total
                            periodRevenue[customer] = periodTotal
                            meanRepeatSpend[customer] = distinct > 1 ? (total - firstDayTotal) / Double(distinct - 1) : 0
                            margin[customer] = marginSum
                            marginKnown[customer] = anyMargin
                            returnedOrders[customer] = returned
                            cancelledOrders[customer] = cancelled
                        }
                    }
                }
            }
        }
    }
}
