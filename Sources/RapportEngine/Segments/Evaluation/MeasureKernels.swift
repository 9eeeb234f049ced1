/// The value of a purchase measure for one customer: completed orders or money spent in a window,
/// optionally over the lines of one category or product.
struct PurchaseKernel: Sendable {
    private let orders: OrderColumns
    private let lines: LineColumns
    /// The category or product code of each line, whichever the measure names.
    private let codes: [Int32]
    private let measure: PurchaseMeasure
    private let firstDay: Int32
    private let lastDay: Int32
    /// Per category (or product) code of the line columns, whether its lines count: names match
    /// ignoring case, as marketers write "garden" for the catalogue's "Garden".
    private let accepted: [Bool]

    init(frame: TargetingFrame, measure: PurchaseMeasure, days: ClosedRange<Int64>) {
        orders = frame.orders
        lines = frame.lines
        codes = measure.category != nil ? frame.lines.categories.codes : frame.lines.products.codes
        self.measure = measure
        firstDay = Int32(clamping: days.lowerBound)
        lastDay = Int32(clamping: days.upperBound)
        if let wanted = (measure.category ?? measure.product)?.lowercased() {
            let column = measure.category != nil ? frame.lines.categories : frame.lines.products
            accepted = column.values.map { $0.lowercased() == wanted } + [false]
        } else {
            accepted = []
        }
    }

    func value(_ customer: Int) -> Double {
        let firstDay = self.firstDay
        let lastDay = self.lastDay
        if measure.category == nil && measure.product == nil {
            let rows = orders.start[customer] ..< orders.start[customer + 1]
            if measure.quantity == .orders {
                var count = 0
                for row in rows where orders.days[row] >= firstDay && orders.days[row] <= lastDay { count += 1 }
                return Double(count)
            }
            var sum = 0.0
            for row in rows where orders.days[row] >= firstDay && orders.days[row] <= lastDay { sum += orders.totals[row] }
            return sum
        }
        let rows = lines.start[customer] ..< lines.start[customer + 1]
        let missing = Int32(accepted.count - 1)  // a line without a category
        var count = 0
        var sum = 0.0
        var lastOrder: Int64? = nil
        for row in rows where accepted[Int(codes[row] < 0 ? missing : codes[row])] && lines.days[row] >= firstDay && lines.days[row] <= lastDay {
            sum += lines.amounts[row]
            if lines.orders[row] != lastOrder {
                count += 1
                lastOrder = lines.orders[row]
            }
        }
        return measure.quantity == .orders ? Double(count) : sum
    }
}

/// The number of events of one type in a window for one customer, and the latest one's time.
struct EventKernel: Sendable {
    private let events: EventColumns
    private let code: Int32
    private let first: Int64
    private let end: Int64

    init(frame: TargetingFrame, measure: EventMeasure, days: ClosedRange<Int64>) {
        events = frame.events
        code = frame.events.types.code(of: measure.type) ?? -2
        first = days.lowerBound == Int64(Int32.min) ? .min : days.lowerBound * 86_400
        end = (days.upperBound + 1) * 86_400
    }

    func value(_ customer: Int) -> (count: Int, latest: Int64) {
        var count = 0
        var latest = Int64.min
        for row in events.start[customer] ..< events.start[customer + 1]
        where events.types.codes[row] == code && events.times[row] >= first && events.times[row] < end {
            count += 1
            latest = max(latest, events.times[row])
        }
        return (count, latest)
    }
}
