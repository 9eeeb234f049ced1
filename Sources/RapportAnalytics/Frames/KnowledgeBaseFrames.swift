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

    /// Reads the store. Orders placed on or after `end` are left out (all when nil); event signals
    /// are counted over [`signalsSince`, `end`).
    public static func load(
        from store: some AnalysisStore, before end: Instant?, signalsSince: Instant?, vocabulary: EventVocabulary
    ) throws -> KnowledgeBaseFrames {
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
        var signals = SignalFrame(count: customers.count)
        if let since = signalsSince {
            try store.scanEventSignals(since: since, before: end, vocabulary: vocabulary) { signal in
                guard let index = customers.index(of: signal.customerID) else { return }
                signals.set(index, signal)
            }
        }
        return KnowledgeBaseFrames(customers: customers, orders: orders, signals: signals, orphanOrders: orphans)
    }

    public init(customers: CustomerFrame, orders: OrderFrame, signals: SignalFrame, orphanOrders: Int = 0) {
        self.customers = customers
        self.orders = orders
        self.signals = signals
        self.orphanOrders = orphanOrders
    }
}
