public import RapportCore

/// Everything an analysis reads, loaded from a store in one pass per table: customers, their
/// orders, and the event signals of a recent window.
public struct KnowledgeBaseFrames: Sendable {
    public var customers: CustomerFrame
    public var orders: OrderFrame
    /// Per dense customer index; customers with no event in the window have zero signals.
    public var signals: SignalFrame
    /// Orders whose customer is not in the customers table (skipped; a consistent base has none).
    public var orphanOrders: Int

    /// The day the frames describe (inclusive): orders after it were not loaded.
    public var asOfDay: Int32

    /// Reads the store as of `asOf` (orders placed after that day are left out), or, when nil, as of
    /// the day of the latest order (`fallbackDay` when there is none). Event signals are counted
    /// over the `signalWindowDays` days that end on that day.
    public static func load(
        from store: some AnalysisStore, asOf: CalendarDate?, fallbackDay: CalendarDate, signalWindowDays: Int,
        vocabulary: EventVocabulary
    ) throws -> KnowledgeBaseFrames {
        let end = asOf.map { Instant(CalendarDate(dayNumber: $0.dayNumber + 1)) }
        var customers = CustomerFrame()
        try store.scanCustomers { customers.append($0) }
        let orders = try loadOrders(from: store, before: end, customers: customers)
        let asOfDay = Int32(clamping: asOf?.dayNumber ?? orders.frame.dayRange.map { Int64($0.upperBound) } ?? fallbackDay.dayNumber)
        var signals = SignalFrame(count: customers.count)
        let since = Instant(CalendarDate(dayNumber: Int64(asOfDay) - Int64(signalWindowDays) + 1))
        let signalsEnd = Instant(CalendarDate(dayNumber: Int64(asOfDay) + 1))
        try store.scanEventSignals(since: since, before: signalsEnd, vocabulary: vocabulary) { signal in
            guard let index = customers.index(of: signal.customerID) else { return }
            signals.set(index, signal)
        }
        return KnowledgeBaseFrames(
            customers: customers, orders: orders.frame, signals: signals, asOfDay: asOfDay, orphanOrders: orders.orphans)
    }

    /// The orders of every customer, read as two concurrent scans of halves of the customers when
    /// the base is large (SQLite decodes rows on one core per scan).
    static func loadOrders(
        from store: some AnalysisStore, before end: Instant?, customers: CustomerFrame, parts requested: Int? = nil
    ) throws -> (frame: OrderFrame, orphans: Int) {
        let parts = max(1, min(requested ?? (customers.count >= 200_000 ? 2 : 1), customers.count))
        let bounds = (0 ... parts).map { customers.count * $0 / parts }
        let results = ParallelColumns.map(parts) { part in
            Result { () throws -> (OrderFrame, Int) in
                let dense = bounds[part] ..< bounds[part + 1]
                let ids: Range<Int64>? =
                    parts == 1
                    ? nil
                    : customers.ids[dense.lowerBound] ..< (dense.upperBound < customers.count ? customers.ids[dense.upperBound] : Int64.max)
                return try scanOrders(from: store, before: end, customerIDs: ids, customers: customers, dense: dense)
            }
        }
        var frame = OrderFrame()
        var orphans = 0
        for result in results {
            let (part, partOrphans) = try result.get()
            frame.append(part)
            orphans += partOrphans
        }
        return (frame, orphans)
    }

    /// One scan: the orders of the customers at dense indexes `dense`, whose ids are in `customerIDs`.
    static func scanOrders(
        from store: some AnalysisStore, before end: Instant?, customerIDs: Range<Int64>?, customers: CustomerFrame,
        dense: Range<Int>
    ) throws -> (OrderFrame, Int) {
        var orders = OrderFrame()
        orders.start.reserveCapacity(dense.count + 1)
        var next = dense.lowerBound  // dense index of the next customer whose orders have not been closed
        var orphans = 0
        var current: Int64? = nil
        try store.scanOrders(before: end, customerIDs: customerIDs) { order in
            if order.customerID != current {
                current = order.customerID
                // Close every customer up to (not including) this one; the scan is in id order.
                while next < dense.upperBound && customers.ids[next] < order.customerID {
                    orders.closeCustomer()
                    next += 1
                }
            }
            guard next < dense.upperBound && customers.ids[next] == order.customerID else {
                orphans += 1
                return
            }
            orders.append(order)
        }
        while next < dense.upperBound {
            orders.closeCustomer()
            next += 1
        }
        return (orders, orphans)
    }

    public init(customers: CustomerFrame, orders: OrderFrame, signals: SignalFrame, asOfDay: Int32, orphanOrders: Int = 0) {
        self.asOfDay = asOfDay
        self.customers = customers
        self.orders = orders
        self.signals = signals
        self.orphanOrders = orphanOrders
    }
}
