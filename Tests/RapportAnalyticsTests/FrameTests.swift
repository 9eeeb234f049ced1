import RapportCore
import Testing

@testable import RapportAnalytics

@Suite("Frames and activity")
struct FrameTests {
    static func day(_ n: Int64) -> Instant { Instant(CalendarDate(dayNumber: 20_000 + n)) }

    /// Customers 10, 20, 30, 40 (30 never bought); an order of an unknown customer 25.
    static func store() -> MemoryAnalysisStore {
        let store = MemoryAnalysisStore()
        store.customers = [40, 10, 30, 20].map { CustomerFact(id: $0, kind: $0 == 30 ? .prospect : .customer, createdAt: day(0)) }
        store.orders = [
            OrderFact(customerID: 10, placedAt: day(5), total: 10),
            OrderFact(customerID: 10, placedAt: day(1), total: 20, margin: 5),
            OrderFact(customerID: 10, placedAt: day(5), total: 30),
            OrderFact(customerID: 10, placedAt: day(8), total: 40, status: .returned),
            OrderFact(customerID: 10, placedAt: day(9), total: 50),
            OrderFact(customerID: 20, placedAt: day(3), total: 7, status: .cancelled),
            OrderFact(customerID: 25, placedAt: day(3), total: 7),
            OrderFact(customerID: 40, placedAt: day(2), total: 100),
            OrderFact(customerID: 40, placedAt: day(30), total: 100),
        ]
        return store
    }

    @Test func ordersAreGroupedByDenseCustomerAndSortedByDay() throws {
        let frames = try KnowledgeBaseFrames.load(
            from: Self.store(), asOf: nil, fallbackDay: CalendarDate(dayNumber: 0), signalWindowDays: 30,
            vocabulary: EventVocabulary())
        #expect(frames.customers.ids == [10, 20, 30, 40])
        #expect(frames.orders.start == [0, 5, 6, 6, 8])
        #expect(frames.orders.days == [20_001, 20_005, 20_005, 20_008, 20_009, 20_003, 20_002, 20_030])
        #expect(frames.orphanOrders == 1)
        #expect(frames.asOfDay == 20_030)
    }

    @Test(arguments: [2, 3, 4])
    func concurrentScansOfCustomerRangesGiveTheSameFrame(parts: Int) throws {
        let store = Self.store()
        var customers = CustomerFrame()
        try store.scanCustomers { customers.append($0) }
        let whole = try KnowledgeBaseFrames.loadOrders(from: store, before: nil, customers: customers, parts: 1)
        let split = try KnowledgeBaseFrames.loadOrders(from: store, before: nil, customers: customers, parts: parts)
        #expect(split.frame.start == whole.frame.start)
        #expect(split.frame.days == whole.frame.days)
        #expect(split.frame.totals == whole.frame.totals)
        #expect(split.frame.statuses == whole.frame.statuses)
        #expect(split.orphans == whole.orphans)
    }

    @Test func activityCountsOccasionsRepeatSpendAndProblemOrders() throws {
        let frames = try KnowledgeBaseFrames.load(
            from: Self.store(), asOf: CalendarDate(dayNumber: 20_010), fallbackDay: CalendarDate(dayNumber: 0),
            signalWindowDays: 30, vocabulary: EventVocabulary())
        let activity = CustomerActivity(frames.orders, asOfDay: frames.asOfDay, periodDays: 6)
        // Customer 10: completed on days 1, 5, 5, 9 (the return of day 8 is apart).
        #expect(activity.orders[0] == 4)
        #expect(activity.occasions[0] == 3)
        #expect(activity.firstDays[0] == 20_001 && activity.lastDays[0] == 20_009)
        #expect(activity.revenue[0] == 110)
        #expect(activity.meanRepeatSpend[0] == 45)  // (10 + 30 + 50) / 2 repeat occasions
        #expect(activity.periodOrders[0] == 3)  // days 5, 5, 9 are within the 6 days ending on day 10
        #expect(activity.periodRevenue[0] == 90)
        #expect(activity.margin[0] == 5 && activity.marginKnown[0])
        #expect(activity.returnedOrders[0] == 1)
        #expect(activity.cancelledOrders[1] == 1 && !activity.isBuyer(1))
        #expect(!activity.isBuyer(2))
        // Customer 40's order of day 30 is after the as-of day: not loaded.
        #expect(activity.orders[3] == 1)
    }
}
