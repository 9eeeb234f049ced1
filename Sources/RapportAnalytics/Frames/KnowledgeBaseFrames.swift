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
        var orders = OrderFrame()
        orders.start.reserveCapacity(customers.count + 1)
        var next = 0  // dense index of the next customer whose orders have not been closed
        var orphans = 0
        var current: Int64? = nil
        try store.scanOrders(before: end) { order in
            if order.customerID != current {
                current = order.customerID
                // Close every customer up to (not including) this one; the scan is in id order.
                while next < customers.count && customers.ids[next] < order.customerID {
                    orders.closeCustomer()
                    next += 1
                }
            }
            guard next < customers.count && customers.ids[next] == order.customerID else {
                orphans += 1
                return
            }
            orders.append(order)
        }
        while next < customers.count {
            orders.closeCustomer()
            next += 1
        }
        let asOfDay = Int32(clamping: asOf?.dayNumber ?? orders.dayRange.map { Int64($0.upperBound) } ?? fallbackDay.dayNumber)
        var signals = SignalFrame(count: customers.count)
        let since = Instant(CalendarDate(dayNumber: Int64(asOfDay) - Int64(signalWindowDays) + 1))
        let signalsEnd = Instant(CalendarDate(dayNumber: Int64(asOfDay) + 1))
        try store.scanEventSignals(since: since, before: signalsEnd, vocabulary: vocabulary) { signal in
            guard let index = customers.index(of: signal.customerID) else { return }
            signals.set(index, signal)
        }
        return KnowledgeBaseFrames(customers: customers, orders: orders, signals: signals, asOfDay: asOfDay, orphanOrders: orphans)
    }

    public init(customers: CustomerFrame, orders: OrderFrame, signals: SignalFrame, asOfDay: Int32, orphanOrders: Int = 0) {
        self.asOfDay = asOfDay
        self.customers = customers
        self.orders = orders
        self.signals = signals
        self.orphanOrders = orphanOrders
    }
}
