public import RapportCore

/// How many customers a channel reaches, and what stops the others, counted in this order: no
/// data, bad data, a restriction (erased, do-not-contact), no consent.
public struct ChannelReach: Sendable, Hashable {
    public var channel: ContactChannel
    public var missingData = 0
    public var badData = 0
    public var restricted = 0
    public var noConsent = 0
    public var reachable = 0

    /// Customers the channel loses to missing or bad data: the cost of data quality in reach.
    public var lostToData: Int { missingData + badData }
}

/// The quality of the whole base: mean scores, the spread of overall scores, issues by code, the
/// reach of each channel, and the customers with the lowest scores.
public struct QualityReport: Sendable {
    public var customers = 0
    public var meanScores: [QualityDimension: Double] = [:]
    public var meanOverall = 0.0
    /// Customers per overall-score band: 0–49, 50–69, 70–84, 85–100.
    public var bands: [String: Int] = ["0-49": 0, "50-69": 0, "70-84": 0, "85-100": 0]
    /// Customers with each issue, by `field/code`.
    public var issues: [String: Int] = [:]
    public var reach: [ChannelReach] = []
    /// The lowest overall scores, worst first.
    public var worst: [CustomerQuality] = []
    /// Pairs waiting in the review queue.
    public var pendingDuplicates = 0
}

/// Builds the ``QualityReport`` of a store in one pass over its customers.
public struct QualityAnalysis {
    public var asOf: Instant
    public var worstCount: Int

    public init(asOf: Instant, worstCount: Int = 20) {
        self.asOf = asOf
        self.worstCount = worstCount
    }

    public func report(of store: some TableTransfer & TargetingStore) throws -> QualityReport {
        var consents: [Int64: [ContactChannel: ConsentStatus]] = [:]
        try store.scanConsents(before: nil) { fact in consents[fact.customerID, default: [:]][fact.channel] = fact.status }
        var restrictions: [Int64: ContactRestriction] = [:]
        try store.readRows(of: StoredTable.named("contact_restrictions")) { row in
            if let reason = row[1].textValue.flatMap(ContactRestriction.init(rawValue:)) {
                restrictions[row[0].integerValue ?? 0] = reason
            }
        }
        var pending = Set<Int64>()
        var pendingPairs = 0
        try store.readRows(of: StoredTable.named("duplicate_candidates")) { row in
            guard row[4].textValue == "pending" else { return }
            pendingPairs += 1
            pending.insert(row[0].integerValue ?? 0)
            pending.insert(row[1].integerValue ?? 0)
        }

        let checker = QualityChecker(asOf: asOf)
        var report = QualityReport()
        report.pendingDuplicates = pendingPairs
        let channels: [ContactChannel] = [.email, .sms, .phone, .mail]
        var reach = channels.map { ChannelReach(channel: $0) }
        var sums: [QualityDimension: Double] = [:]
        var worst: [CustomerQuality] = []
        try store.readRows(of: CustomerColumns.table) { row in
            let id = row[CustomerColumns.id].integerValue ?? 0
            if restrictions[id] == .erased { return }
            let quality = checker.assess(row, inPendingDuplicate: pending.contains(id))
            report.customers += 1
            for dimension in QualityDimension.allCases { sums[dimension, default: 0] += quality.scores[dimension] ?? 0 }
            let overall = quality.overall
            report.meanOverall += overall
            switch overall {
            case ..<50: report.bands["0-49", default: 0] += 1
            case ..<70: report.bands["50-69", default: 0] += 1
            case ..<85: report.bands["70-84", default: 0] += 1
            default: report.bands["85-100", default: 0] += 1
            }
            for code in Set(quality.issues.map { "\($0.field)/\($0.code)" }) { report.issues[code, default: 0] += 1 }
            for index in reach.indices {
                let channel = reach[index].channel
                let (present, usable) = ReachableData.check(row, channel: channel, issues: quality.issues)
                if !present {
                    reach[index].missingData += 1
                } else if !usable {
                    reach[index].badData += 1
                } else if restrictions[id] != nil {
                    reach[index].restricted += 1
                } else if consents[id]?[channel] != .granted {
                    reach[index].noConsent += 1
                } else {
                    reach[index].reachable += 1
                }
            }
            if worstCount > 0 && (worst.count < worstCount || overall < worst[worst.count - 1].overall) {
                let position = worst.firstIndex { $0.overall > overall } ?? worst.count
                worst.insert(quality, at: position)
                if worst.count > worstCount { worst.removeLast() }
            }
        }
        if report.customers > 0 {
            for dimension in QualityDimension.allCases {
                report.meanScores[dimension] = (sums[dimension] ?? 0) / Double(report.customers)
            }
            report.meanOverall /= Double(report.customers)
        }
        report.reach = reach
        report.worst = worst
        return report
    }
}

/// Whether a customer row has the data a channel needs, and whether it is usable.
enum ReachableData {
    /// Mobile prefixes (after `+`) of the countries whose mobile numbers are told by prefix.
    static let mobilePrefixes: [String: [String]] = [
        "33": ["336", "337"], "32": ["324"], "44": ["447"], "34": ["346", "347"], "39": ["393"],
        "49": ["4915", "4916", "4917"], "31": ["316"], "41": ["4175", "4176", "4177", "4178", "4179"], "351": ["3519"],
    ]

    static func check(_ row: [StoredValue], channel: ContactChannel, issues: [QualityIssue]) -> (present: Bool, usable: Bool) {
        func text(_ index: Int) -> String? { row[index].textValue.flatMap { $0.isEmpty ? nil : $0 } }
        switch channel {
        case .email:
            guard text(CustomerColumns.email) != nil else { return (false, false) }
            return (true, !issues.contains { $0.field == "email" && $0.severity == .error })
        case .sms:
            guard let phone = text(CustomerColumns.phone) else { return (false, false) }
            return (true, isMobile(phone))
        case .phone:
            return (text(CustomerColumns.phone) != nil, true)
        case .mail:
            guard text(CustomerColumns.postcode) != nil, text(CustomerColumns.city) != nil else { return (false, false) }
            return (true, !issues.contains { $0.code == "postcode_format" })
        case .push:
            return (true, true)
        }
    }

    /// False for a number of a country listed in ``mobilePrefixes`` that none of its prefixes starts.
    static func isMobile(_ e164: String) -> Bool {
        let digits = e164.dropFirst()
        for (code, prefixes) in mobilePrefixes where digits.hasPrefix(code) {
            // The longest calling code that matches decides (+351 before +35…).
            if mobilePrefixes.keys.contains(where: { $0.count > code.count && digits.hasPrefix($0) }) { continue }
            return prefixes.contains { digits.hasPrefix($0) }
        }
        return true
    }
}
