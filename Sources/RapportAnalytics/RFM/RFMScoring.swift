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
        var customers: [Int32] = []
        customers.reserveCapacity(activity.count)
        activity.orders.withUnsafeBufferPointer { orders in
            for customer in orders.indices where orders[customer] > 0 { customers.append(Int32(customer)) }
        }
        let n = customers.count
        let asOfDay = activity.asOfDay
        var recencyDays = [Int32](repeating: 0, count: n)
        var recency = [Double](repeating: 0, count: n)
        var frequency = [Double](repeating: 0, count: n)
        var monetary = [Double](repeating: 0, count: n)
        recencyDays.withUnsafeMutableBufferPointer { recencyDays in
            recency.withUnsafeMutableBufferPointer { recency in
                frequency.withUnsafeMutableBufferPointer { frequency in
                    monetary.withUnsafeMutableBufferPointer { monetary in
                        customers.withUnsafeBufferPointer { customers in
                            activity.lastDays.withUnsafeBufferPointer { lastDays in
                                activity.periodOrders.withUnsafeBufferPointer { periodOrders in
                                    activity.periodRevenue.withUnsafeBufferPointer { periodRevenue in
                                        for position in 0 ..< n {
                                            let c = Int(customers[position])
                                            let days = asOfDay - lastDays[c]
                                            recencyDays[position] = days
                                            recency[position] = -Double(days)
                                            frequency[position] = Double(periodOrders[c])
                                            monetary[position] = periodRevenue[c]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.customers = customers
        self.recencyDays = recencyDays
        // The three dimensions are independent: score them on separate cores.
        let columns = [recency, frequency, monetary]
        let columnScales = [scales.recencyOnNegatedDays, scales.frequency, scales.monetary]
        let scored = ParallelColumns.map(3) { ScoreScaler.scores(columns[$0], scale: columnScales[$0]) }
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
