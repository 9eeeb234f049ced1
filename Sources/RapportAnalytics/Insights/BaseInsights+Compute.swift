public import RapportCore

extension BaseInsights {
    /// Months of new and lost customers shown; cohorts followed, and months each is followed.
    static let monthsShown = 24
    static let cohortsShown = 12
    static let lifetimeValueBins = 20

    /// Reads the orders and the latest scores of `store` once each. `asOf` is the day the figures
    /// describe (pass the day of the latest order).
    public static func compute(from store: any AnalysisStore & TargetingStore, asOf: CalendarDate) throws -> BaseInsights {
        let lastMonth = monthIndex(asOf)
        let asOfDay = asOf.dayNumber
        let firstShownMonth = lastMonth - monthsShown + 1
        let firstCohort = lastMonth - cohortsShown + 1
        var newPerMonth = [Int](repeating: 0, count: monthsShown)
        var lostPerMonth = [Int](repeating: 0, count: monthsShown)
        var cohortSizes = [Int](repeating: 0, count: cohortsShown)
        var cohortActive = [[Int]](repeating: [Int](repeating: 0, count: cohortsShown), count: cohortsShown)
        var active = 0

        // One customer's orders at a time (the scan groups them), folded as soon as the next begins.
        var current: Int64 = -1
        var firstDay = Int64.max
        var lastDay = Int64.min
        var monthsWithOrders: UInt32 = 0  // bit k: an order in month firstCohort + k
        func fold() {
            guard current >= 0, firstDay != .max else { return }
            let firstMonth = monthIndex(CalendarDate(dayNumber: firstDay))
            if firstMonth >= firstShownMonth && firstMonth <= lastMonth { newPerMonth[firstMonth - firstShownMonth] += 1 }
            if lastDay > asOfDay - 365 { active += 1 }
            let lostDay = lastDay + 365
            if lostDay <= asOfDay {
                let lostMonth = monthIndex(CalendarDate(dayNumber: lostDay))
                if lostMonth >= firstShownMonth { lostPerMonth[lostMonth - firstShownMonth] += 1 }
            }
            if firstMonth >= firstCohort && firstMonth <= lastMonth {
                let cohort = firstMonth - firstCohort
                cohortSizes[cohort] += 1
                for offset in 0..<(cohortsShown - cohort) where monthsWithOrders & (1 << UInt32(cohort + offset)) != 0 {
                    cohortActive[cohort][offset] += 1
                }
            }
        }
        try store.scanOrders(before: nil, customerIDs: nil) { order in
            guard order.status == .completed else { return }
            if order.customerID != current {
                fold()
                current = order.customerID
                firstDay = .max
                lastDay = .min
                monthsWithOrders = 0
            }
            let day = order.placedAt.dayNumber
            guard day <= asOfDay else { return }
            firstDay = min(firstDay, day)
            lastDay = max(lastDay, day)
            let month = monthIndex(CalendarDate(dayNumber: day))
            if month >= firstCohort { monthsWithOrders |= 1 << UInt32(month - firstCohort) }
        }
        fold()

        var grid = [[(count: Int, spend: Double, spenders: Int)]](
            repeating: [(count: Int, spend: Double, spenders: Int)](repeating: (0, 0, 0), count: 5), count: 5)
        var values: [Double] = []
        var stages: [String: Int] = [:]
        var scored = 0
        try store.scanScores { scores in
            scored += 1
            if let r = scores.rScore, let f = scores.fScore, (1...5).contains(r), (1...5).contains(f) {
                grid[r - 1][f - 1].count += 1
                if let spend = scores.monetary, spend.isFinite {
                    grid[r - 1][f - 1].spend += spend
                    grid[r - 1][f - 1].spenders += 1
                }
            }
            if let value = scores.lifetimeValue, value.isFinite { values.append(value) }
            if let stage = scores.lifecycleStage { stages[stage, default: 0] += 1 }
        }

        let months = (0..<monthsShown).map { index in
            MonthFlow(month: monthLabel(firstShownMonth + index), newCustomers: newPerMonth[index], lostCustomers: lostPerMonth[index])
        }
        let cohorts = (0..<cohortsShown).map { cohort -> Cohort in
            let size = cohortSizes[cohort]
            let retention: [Double?] = (0..<cohortsShown).map { offset in
                guard cohort + offset <= cohortsShown - 1, size > 0 else { return nil }
                return Double(cohortActive[cohort][offset]) / Double(size)
            }
            return Cohort(month: monthLabel(firstCohort + cohort), customers: size, retention: retention)
        }
        let rfmGrid = grid.map { row in
            row.map { RFMCell(customers: $0.count, meanMonetary: $0.spenders == 0 ? nil : $0.spend / Double($0.spenders)) }
        }
        var lifecycle = LifecycleStage.allCases.map { StageCount(stage: $0.rawValue, customers: stages[$0.rawValue] ?? 0) }
        for (stage, count) in stages.sorted(by: { $0.key < $1.key }) where LifecycleStage(rawValue: stage) == nil {
            lifecycle.append(StageCount(stage: stage, customers: count))
        }
        return BaseInsights(
            asOf: asOf.description, activeCustomers: active, months: months, cohorts: cohorts, rfmGrid: rfmGrid,
            lifetimeValues: histogram(values), lifecycle: lifecycle, scoredCustomers: scored)
    }

    /// Equal-width bins from the smallest value (or 0) to the 99th percentile; the last bin also
    /// takes the values above it, so that one outlier does not squash every other bar.
    static func histogram(_ values: [Double]) -> [ValueBin] {
        guard !values.isEmpty else { return [] }
        let sorted = values.sorted()
        let low = min(0, sorted[0])
        let high = sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * 0.99))]
        guard high > low else { return [ValueBin(lower: low, upper: sorted.last!, customers: values.count)] }
        let width = (high - low) / Double(lifetimeValueBins)
        var counts = [Int](repeating: 0, count: lifetimeValueBins)
        for value in sorted { counts[min(lifetimeValueBins - 1, max(0, Int((value - low) / width)))] += 1 }
        return counts.enumerated().map { index, count in
            ValueBin(
                lower: low + Double(index) * width,
                upper: index == lifetimeValueBins - 1 ? max(sorted.last!, high) : low + Double(index + 1) * width,
                customers: count)
        }
    }

    static func monthIndex(_ date: CalendarDate) -> Int { date.year * 12 + date.month - 1 }

    static func monthLabel(_ index: Int) -> String {
        let month = index % 12 + 1
        return "\(index / 12)-\(month < 10 ? "0" : "")\(month)"
    }
}
