import RapportCore

/// Recency, frequency and monetary scores of every buyer (customers with at least one completed
/// order as of the analysis day). Recency is days since the latest completed order, frequency and
/// monetary value count the completed orders of the RFM period (zero for a buyer who did not buy in
/// it). Customers who never bought have no RFM scores.
public struct RFMScoring: Sendable {
    /// Dense indexes of the scored customers, ascending.
    public let customers: [Int32]
    public let recencyDays: [Int32]
    public let r: [UInt8]
    public let f: [UInt8]
    public let m: [UInt8]
    /// Index into `segmentNames` per scored customer.
    public let segment: [UInt8]
    public let segmentNames: [String]

    public init(_ activity: CustomerActivity, scales: RFMScales, segments: RFMSegmentMap) {
        let customers = activity.orders.withUnsafeBufferPointer { orders in
            var buyers: [Int32] = []
            buyers.reserveCapacity(orders.count)
            for customer in orders.indices where orders[customer] > 0 { buyers.append(Int32(customer)) }
            return buyers
        }
        let n = customers.count
        let asOfDay = activity.asOfDay
        let recencyDays = Self.gather(activity.lastDays, at: customers) { asOfDay - $0 }
        // The three dimensions are independent: gather and score each on its own core.
        let scored = ParallelColumns.map(3) { dimension -> [UInt8] in
            switch dimension {
            case 0:
                return ScoreScaler.scores(recencyDays.map { -Double($0) }, scale: scales.recencyOnNegatedDays)
            case 1:
                return ScoreScaler.scores(Self.gather(activity.periodOrders, at: customers) { Double($0) }, scale: scales.frequency)
            default:
                return ScoreScaler.scores(Self.gather(activity.periodRevenue, at: customers) { $0 }, scale: scales.monetary)
            }
        }
        self.customers = customers
        self.recencyDays = recencyDays
        self.r = scored[0]
        self.f = scored[1]
        self.m = scored[2]
        var names: [String] = []
        for rule in segments.rules where !names.contains(rule.segment) { names.append(rule.segment) }
        // The 25 cells looked up once, not once per customer.
        var cellSegment = [UInt8](repeating: 0, count: 36)
        for rScore in 1 ... 5 {
            for fm in 1 ... 5 {
                let name = segments.segment(recency: rScore, frequencyMonetary: fm) ?? names[0]
                cellSegment[rScore * 6 + fm] = UInt8(names.firstIndex(of: name) ?? 0)
            }
        }
        var segment = [UInt8](repeating: 0, count: n)
        for i in 0 ..< n {
            let fm = (Int(f[i]) + Int(m[i]) + 1) / 2
            segment[i] = cellSegment[Int(r[i]) * 6 + fm]
        }
        self.segment = segment
        self.segmentNames = names
    }

    /// `transform(column[i])` for each index `i` of `indexes`, without zero-filling the result first.
    @inline(__always)
    static func gather<Value, Result>(
        _ column: [Value], at indexes: [Int32], _ transform: (Value) -> Result
    ) -> [Result] {
        column.withUnsafeBufferPointer { column in
            indexes.withUnsafeBufferPointer { indexes in
                [Result](unsafeUninitializedCapacity: indexes.count) { result, initialized in
                    for i in indexes.indices { (result.baseAddress! + i).initialize(to: transform(column[Int(indexes[i])])) }
                    initialized = indexes.count
                }
            }
        }
    }

    /// Customers per segment name, in the map's order.
    public var segmentSizes: [(segment: String, customers: Int)] {
        var counts = [Int](repeating: 0, count: segmentNames.count)
        for s in segment { counts[Int(s)] += 1 }
        return zip(segmentNames, counts).map { ($0, $1) }
    }
}

/// The scale of each RFM dimension.
public struct RFMScales: Sendable, Hashable, Codable {
    /// Thresholds for recency are days since the last purchase, in any order: `[365, 180, 90, 30]`
    /// gives 5 to a purchase within 30 days, 4 within 90, …, 1 beyond 365.
    public var recency: ScoreScale
    public var frequency: ScoreScale
    public var monetary: ScoreScale

    public init(
        recency: ScoreScale = .quintiles(ties: .shared), frequency: ScoreScale = .quintiles(ties: .shared),
        monetary: ScoreScale = .quintiles(ties: .shared)
    ) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case recency, frequency, monetary
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = RFMScales()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        recency = try c.value(.recency, or: d.recency)
        frequency = try c.value(.frequency, or: d.frequency)
        monetary = try c.value(.monetary, or: d.monetary)
    }

    /// The recency scale over minus days (larger is better), as ``ScoreScaler`` expects.
    var recencyOnNegatedDays: ScoreScale {
        switch recency {
        case .thresholds(let days): return .thresholds(days.map { -$0 }.sorted())
        case .quintiles: return recency
        }
    }
}
