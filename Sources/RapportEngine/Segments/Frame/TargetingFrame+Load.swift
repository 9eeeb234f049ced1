import Foundation
import RapportAnalytics
public import RapportCore

extension TargetingFrame {
    /// Reads what `needs` asks for from `store`, as of the end of `today`.
    public static func load(from store: some TargetingStore, needs: FrameNeeds, today: CalendarDate) throws -> TargetingFrame {
        var frame = TargetingFrame(today: Int32(clamping: today.dayNumber), needs: needs)
        let end = Instant(CalendarDate(dayNumber: today.dayNumber + 1))
        try frame.loadProfiles(from: store)
        if needs.needsScores { try frame.loadScores(from: store) }
        if needs.orders { try frame.loadOrders(from: store, before: end) }
        if needs.lines { try frame.loadLines(from: store, before: end) }
        if !needs.eventTypes.isEmpty { try frame.loadEvents(from: store, before: end) }
        if needs.consents { try frame.loadConsents(from: store, before: end) }
        return frame
    }

    private static let profileText: [SegmentField.Source] = [
        .kind, .gender, .postcode, .city, .country, .timezone, .preferredChannel,
    ]

    private mutating func loadProfiles(from store: some TargetingStore) throws {
        let wanted = needs.fields
        let textSources = Self.profileText.filter(wanted.contains)
        var text = [SegmentField.Source: CategoricalColumn](uniqueKeysWithValues: textSources.map { ($0, CategoricalColumn()) })
        let numberSources = ([.email, .phone, .created, .birthDate, .age] as [SegmentField.Source]).filter(wanted.contains)
        var numbers = [SegmentField.Source: [Double]](uniqueKeysWithValues: numberSources.map { ($0, [Double]()) })
        let attributeNames = needs.attributeNames
        var attributeText = [String: CategoricalColumn](uniqueKeysWithValues: attributeNames.map { ($0, CategoricalColumn()) })
        var attributeNumbers = [String: [Double]](uniqueKeysWithValues: attributeNames.map { ($0, [Double]()) })
        let decoder = JSONDecoder()
        let today = CalendarDate(dayNumber: Int64(self.today))
        try store.scanProfiles { profile in
            ids.append(profile.id)
            externalIDs.append(profile.externalID)
            for source in textSources {
                let value: String? =
                    switch source {
                    case .kind: profile.kind.rawValue
                    case .gender: profile.gender
                    case .postcode: profile.postcode
                    case .city: profile.city
                    case .country: profile.country
                    case .timezone: profile.timezone
                    default: profile.preferredChannel
                    }
                text[source]!.append(value)
            }
            for source in numberSources {
                let value: Double? =
                    switch source {
                    case .email: profile.hasEmail ? 1 : nil
                    case .phone: profile.hasPhone ? 1 : nil
                    case .created: Double(profile.createdAt.dayNumber)
                    case .birthDate: profile.birthDate.map { Double($0.dayNumber) }
                    default: profile.birthDate.map { Double(Self.age(born: $0, on: today)) }
                    }
                numbers[source]!.append(value ?? .nan)
            }
            guard !attributeNames.isEmpty else { return }
            var attributes: [String: JSONValue] = [:]
            if profile.attributesJSON != "{}" {
                attributes = (try? decoder.decode([String: JSONValue].self, from: Data(profile.attributesJSON.utf8))) ?? [:]
            }
            for name in attributeNames {
                switch attributes[name] {
                case .string(let value)?:
                    attributeText[name]!.append(value)
                    attributeNumbers[name]!.append(.nan)
                case .number(let value)?:
                    attributeText[name]!.append(nil)
                    attributeNumbers[name]!.append(value)
                case .bool(let value)?:
                    attributeText[name]!.append(nil)
                    attributeNumbers[name]!.append(value ? 1 : 0)
                default:
                    attributeText[name]!.append(nil)
                    attributeNumbers[name]!.append(.nan)
                }
            }
        }
        self.text.merge(text) { $1 }
        self.numbers.merge(numbers) { $1 }
        self.attributeText = attributeText
        self.attributeNumbers = attributeNumbers
    }

    /// Whole years from `born` to `day`.
    static func age(born: CalendarDate, on day: CalendarDate) -> Int {
        var years = day.year - born.year
        if (day.month, day.day) < (born.month, born.day) { years -= 1 }
        return years
    }

    private static let scoreNumbers: [SegmentField.Source] = [
        .recency, .frequency, .monetary, .rScore, .fScore, .mScore, .probabilityAlive, .expectedPurchases,
        .expectedSpend, .lifetimeValue, .cluster, .engagement,
    ]
    private static let scoreText: [SegmentField.Source] = [
        .rfmSegment, .valueTier, .potentialTier, .strategy, .lifecycleStage, .mainTarget,
    ]

    private mutating func loadScores(from store: some TargetingStore) throws {
        let count = self.count
        let numberSources = Self.scoreNumbers.filter(needs.fields.contains)
        let textSources = Self.scoreText.filter(needs.fields.contains)
        var numbers = [SegmentField.Source: [Double]](
            uniqueKeysWithValues: numberSources.map { ($0, [Double](repeating: .nan, count: count)) })
        var text = [SegmentField.Source: CategoricalColumn](
            uniqueKeysWithValues: textSources.map { ($0, CategoricalColumn(count: count)) })
        let wantsTargets = needs.fields.contains(.targets)
        var masks = [UInt16](repeating: 0, count: wantsTargets ? count : 0)
        var rows = CompressedRows(ids: ids)
        try store.scanScores { scores in
            guard rows.enter(scores.customerID) else { return }
            let index = rows.customer
            for source in numberSources {
                let value: Double? =
                    switch source {
                    case .recency: scores.recency.map(Double.init)
                    case .frequency: scores.frequency.map(Double.init)
                    case .monetary: scores.monetary
                    case .rScore: scores.rScore.map(Double.init)
                    case .fScore: scores.fScore.map(Double.init)
                    case .mScore: scores.mScore.map(Double.init)
                    case .probabilityAlive: scores.probabilityAlive
                    case .expectedPurchases: scores.expectedPurchases
                    case .expectedSpend: scores.expectedSpend
                    case .lifetimeValue: scores.lifetimeValue
                    case .cluster: scores.cluster.map(Double.init)
                    default: scores.engagement
                    }
                numbers[source]![index] = value ?? .nan
            }
            for source in textSources {
                let value: String? =
                    switch source {
                    case .rfmSegment: scores.rfmSegment
                    case .valueTier: scores.valueTier
                    case .potentialTier: scores.potentialTier
                    case .strategy: scores.strategy
                    case .lifecycleStage: scores.lifecycleStage
                    default: scores.tacticalTarget
                    }
                text[source]!.set(index, value)
            }
            if wantsTargets {
                masks[index] = scores.tacticalTargets.reduce(0) { $0 | (TargetNames.bits[$1] ?? 0) }
            }
        }
        self.numbers.merge(numbers) { $1 }
        self.text.merge(text) { $1 }
        targetMasks = masks
    }

    private mutating func loadOrders(from store: some TargetingStore, before end: Instant) throws {
        var rows = CompressedRows(ids: ids)
        var columns = OrderColumns()
        columns.lastOrderAt = [Int64](repeating: .min, count: count)
        try store.scanOrders(before: end, customerIDs: nil) { order in
            guard order.status == .completed, rows.enter(order.customerID) else { return }
            columns.days.append(Int32(clamping: order.placedAt.dayNumber))
            columns.totals.append(order.total)
            let index = rows.customer
            columns.lastOrderAt[index] = max(columns.lastOrderAt[index], order.placedAt.secondsSinceEpoch)
        }
        columns.start = rows.finish()
        orders = columns
    }

    private mutating func loadLines(from store: some TargetingStore, before end: Instant) throws {
        var rows = CompressedRows(ids: ids)
        var pending: [OrderLineFact] = []
        var columns = LineColumns()
        func flush() {
            pending.sort { $0.orderID < $1.orderID }
            for line in pending {
                columns.orders.append(line.orderID)
                columns.days.append(Int32(clamping: line.placedAt.dayNumber))
                columns.products.append(line.sku)
                columns.categories.append(line.category)
                columns.amounts.append(line.amount)
            }
            pending.removeAll(keepingCapacity: true)
        }
        var current: Int64?
        try store.scanOrderLines(before: end) { line in
            guard line.status == .completed else { return }
            if line.customerID != current {
                flush()
                current = line.customerID
            }
            if rows.enter(line.customerID) { pending.append(line) }
        }
        flush()
        columns.start = rows.finish()
        lines = columns
    }

    private mutating func loadEvents(from store: some TargetingStore, before end: Instant) throws {
        var rows = CompressedRows(ids: ids)
        var columns = EventColumns()
        try store.scanEvents(types: needs.eventTypes, before: end) { event in
            guard rows.enter(event.customerID) else { return }
            columns.types.append(event.type)
            columns.times.append(event.at.secondsSinceEpoch)
        }
        columns.start = rows.finish()
        events = columns
    }

    private mutating func loadConsents(from store: some TargetingStore, before end: Instant) throws {
        var granted = [ContactChannel: Bitset](uniqueKeysWithValues: ContactChannel.allCases.map { ($0, Bitset(count: count)) })
        let frame = self
        try store.scanConsents(before: end) { consent in
            guard consent.status == .granted, let index = frame.index(of: consent.customerID) else { return }
            granted[consent.channel]![index] = true
        }
        consents = granted
    }
}
