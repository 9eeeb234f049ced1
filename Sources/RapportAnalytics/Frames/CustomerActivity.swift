import Dispatch
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
        // Customers are independent: halves of them on separate cores, each writing only its rows.
        // The pointers are used only inside these closures, which outlive the concurrent work.
        let parts = customers >= 100_000 ? 2 : 1
        firstDays.withUnsafeMutableBufferPointer { firstDays in
        lastDays.withUnsafeMutableBufferPointer { lastDays in
        orders.withUnsafeMutableBufferPointer { orders in
        periodOrders.withUnsafeMutableBufferPointer { periodOrders in
        occasions.withUnsafeMutableBufferPointer { occasions in
        revenue.withUnsafeMutableBufferPointer { revenue in
        periodRevenue.withUnsafeMutableBufferPointer { periodRevenue in
        meanRepeatSpend.withUnsafeMutableBufferPointer { meanRepeatSpend in
        margin.withUnsafeMutableBufferPointer { margin in
        marginKnown.withUnsafeMutableBufferPointer { marginKnown in
        returnedOrders.withUnsafeMutableBufferPointer { returnedOrders in
        cancelledOrders.withUnsafeMutableBufferPointer { cancelledOrders in
            let columns = Columns(
                firstDays: .init(firstDays), lastDays: .init(lastDays), orders: .init(orders),
                periodOrders: .init(periodOrders), occasions: .init(occasions), revenue: .init(revenue),
                periodRevenue: .init(periodRevenue), meanRepeatSpend: .init(meanRepeatSpend), margin: .init(margin),
                marginKnown: .init(marginKnown), returnedOrders: .init(returnedOrders),
                cancelledOrders: .init(cancelledOrders))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                Self.aggregate(
                    frame, customers: customers * part / parts ..< customers * (part + 1) / parts, asOfDay: asOfDay,
                    periodStart: periodStart, into: columns)
            }
        }}}}}}}}}}}}
    }

    /// Pointers to the columns being filled, shared by the concurrent writers; each writes only the
    /// rows of its own customers.
    private struct Columns: @unchecked Sendable {
        var firstDays, lastDays, orders, periodOrders, occasions, returnedOrders, cancelledOrders: Column<Int32>
        var revenue, periodRevenue, meanRepeatSpend, margin: Column<Double>
        var marginKnown: Column<Bool>

        init(
            firstDays: Column<Int32>, lastDays: Column<Int32>, orders: Column<Int32>, periodOrders: Column<Int32>,
            occasions: Column<Int32>, revenue: Column<Double>, periodRevenue: Column<Double>,
            meanRepeatSpend: Column<Double>, margin: Column<Double>, marginKnown: Column<Bool>,
            returnedOrders: Column<Int32>, cancelledOrders: Column<Int32>
        ) {
            (self.firstDays, self.lastDays, self.orders, self.periodOrders, self.occasions) =
                (firstDays, lastDays, orders, periodOrders, occasions)
            (self.revenue, self.periodRevenue, self.meanRepeatSpend, self.margin, self.marginKnown) =
                (revenue, periodRevenue, meanRepeatSpend, margin, marginKnown)
            (self.returnedOrders, self.cancelledOrders) = (returnedOrders, cancelledOrders)
        }
    }

    private struct Column<T>: @unchecked Sendable {
        let base: UnsafeMutableBufferPointer<T>
        init(_ buffer: UnsafeMutableBufferPointer<T>) { base = buffer }
        subscript(_ index: Int) -> T {
            get { base[index] }
            nonmutating set { base[index] = newValue }
        }
    }

    private static func aggregate(
        _ frame: OrderFrame, customers range: Range<Int>, asOfDay: Int32, periodStart: Int32, into c: Columns
    ) {
        frame.start.withUnsafeBufferPointer { start in
            frame.days.withUnsafeBufferPointer { days in
                frame.totals.withUnsafeBufferPointer { totals in
                    frame.margins.withUnsafeBufferPointer { margins in
                        frame.statuses.withUnsafeBufferPointer { statuses in
                            for customer in range {
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
                                for row in start[customer] ..< start[customer + 1] {
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
                                c.firstDays[customer] = first
                                c.lastDays[customer] = last
                                c.orders[customer] = count
                                c.periodOrders[customer] = inPeriod
                                c.occasions[customer] = distinct
                                c.revenue[customer] = total
                                c.periodRevenue[customer] = periodTotal
                                c.meanRepeatSpend[customer] = distinct > 1 ? (total - firstDayTotal) / Double(distinct - 1) : 0
                                c.margin[customer] = marginSum
                                c.marginKnown[customer] = anyMargin
                                c.returnedOrders[customer] = returned
                                c.cancelledOrders[customer] = cancelled
                            }
                        }
                    }
                }
            }
        }
    }
}
