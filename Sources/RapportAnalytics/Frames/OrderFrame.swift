public import RapportCore

/// Orders as columns in compressed-row layout: the orders of customer `c` are the rows
/// `start[c] ..< start[c + 1]`, sorted by day. Totals and margins are per order; a margin the
/// source did not give is NaN.
public struct OrderFrame: Sendable {
    /// `customerCount + 1` offsets into the order columns.
    public internal(set) var start: [Int] = [0]
    /// Day number (days since 1970-01-01 UTC) on which each order was placed.
    public internal(set) var days: [Int32] = []
    public internal(set) var totals: [Double] = []
    public internal(set) var margins: [Double] = []
    public internal(set) var statuses: [OrderStatus] = []

    public init() {}

    public var count: Int { days.count }

    /// The rows of one customer's orders.
    public func rows(of customer: Int) -> Range<Int> { start[customer] ..< start[customer + 1] }

    /// The first and last order day over the frame, or nil when it holds no order.
    public var dayRange: ClosedRange<Int32>? {
        guard let first = days.min(), let last = days.max() else { return nil }
        return first ... last
    }

    mutating func reserve(_ capacity: Int) {
        days.reserveCapacity(capacity)
        totals.reserveCapacity(capacity)
        margins.reserveCapacity(capacity)
        statuses.reserveCapacity(capacity)
    }

    mutating func append(_ order: OrderFact) {
        days.append(Int32(clamping: order.placedAt.dayNumber))
        totals.append(order.total)
        margins.append(order.margin ?? .nan)
        statuses.append(order.status)
    }

    /// Closes the rows appended since the previous call as the orders of the next customer, sorting
    /// them by day (insertion sort: a customer has few orders).
    mutating func closeCustomer() {
        let rows = start[start.count - 1] ..< days.count
        if rows.count > 1 {
            for i in rows.lowerBound + 1 ..< rows.upperBound {
                var j = i
                while j > rows.lowerBound && days[j - 1] > days[j] {
                    days.swapAt(j - 1, j)
                    totals.swapAt(j - 1, j)
                    margins.swapAt(j - 1, j)
                    statuses.swapAt(j - 1, j)
                    j -= 1
                }
            }
        }
        start.append(days.count)
    }

    /// Appends the customers of `other` after this frame's.
    mutating func append(_ other: OrderFrame) {
        let offset = days.count
        start.append(contentsOf: other.start.dropFirst().map { $0 + offset })
        days.append(contentsOf: other.days)
        totals.append(contentsOf: other.totals)
        margins.append(contentsOf: other.margins)
        statuses.append(contentsOf: other.statuses)
    }

    /// Keeps only the orders placed on or before `lastDay`, for a calibration period.
    public func truncated(through lastDay: Int32) -> OrderFrame {
        var frame = OrderFrame()
        frame.start.reserveCapacity(start.count)
        frame.reserve(count)
        for customer in 0 ..< start.count - 1 {
            for row in rows(of: customer) where days[row] <= lastDay {
                frame.days.append(days[row])
                frame.totals.append(totals[row])
                frame.margins.append(margins[row])
                frame.statuses.append(statuses[row])
            }
            frame.start.append(frame.days.count)
        }
        return frame
    }
}
