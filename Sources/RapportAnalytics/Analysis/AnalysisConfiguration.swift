public import RapportCore

/// Every setting of `rapport analyze`, with documented defaults; read from a JSON file where any
/// key may be left out (`rapport analyze --print-configuration` writes the defaults).
public struct AnalysisConfiguration: Sendable, Hashable, Codable {
    /// RFM period in days ending on the analysis day; nil (the default) scores frequency and
    /// monetary value over the whole history, as the classic RFM does. With a period, buyers who did
    /// not buy in it get F = M = 1, so "New" (R 5, FM 1) stays empty.
    public var rfmPeriodDays: Int? = nil
    public var rfmScales = RFMScales()
    public var rfmSegments = RFMSegmentMap.standard
    /// The customer-base model behind P(alive), expected purchases and the potential.
    public var model: RepeatPurchaseModelKind = .bgnbd
    /// Horizon of expected purchases and of the CLV, in months of 30 days.
    public var horizonMonths: Int = 12
    /// Monthly discount rate of the CLV (0.01 is about 12.7 % a year).
    public var monthlyDiscountRate: Double = 0.01
    /// Share of revenue kept as margin in the CLV; nil uses the base's own margin share when orders
    /// carry margins, and 1 (a revenue CLV) when none does.
    public var marginRate: Double? = nil
    /// Fewest buyers with a repeat purchase for fitting the models; below it, no model scores.
    public var minimumRepeatBuyers: Int = 30
    /// Current value: top 20 % high, next 30 % medium by default.
    public var valueTiers = TierShares()
    /// Potential (CLV): top 20 % high, next 30 % medium by default.
    public var potentialTiers = TierShares()
    public var relationalMatrix = RelationalMatrix.standard
    public var lifecycle = LifecycleRules()
    public var targets = TacticalTargetRules()
    /// Event signals (complaints, surveys, returns, engagement) are counted over this many days.
    public var signalWindowDays: Int = 180
    public var events = EventVocabulary()
    public var clusters = ClusterSettings()

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rfmPeriodDays, rfmScales, rfmSegments, model, horizonMonths, monthlyDiscountRate, marginRate, minimumRepeatBuyers, valueTiers, potentialTiers, relationalMatrix, lifecycle, targets, signalWindowDays, events, clusters
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = AnalysisConfiguration()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rfmPeriodDays = c.contains(.rfmPeriodDays) ? try c.decode(Int?.self, forKey: .rfmPeriodDays) : d.rfmPeriodDays
        marginRate = try c.decodeIfPresent(Double.self, forKey: .marginRate)
        rfmScales = try c.value(.rfmScales, or: d.rfmScales)
        rfmSegments = try c.value(.rfmSegments, or: d.rfmSegments)
        model = try c.value(.model, or: d.model)
        horizonMonths = try c.value(.horizonMonths, or: d.horizonMonths)
        monthlyDiscountRate = try c.value(.monthlyDiscountRate, or: d.monthlyDiscountRate)
        minimumRepeatBuyers = try c.value(.minimumRepeatBuyers, or: d.minimumRepeatBuyers)
        valueTiers = try c.value(.valueTiers, or: d.valueTiers)
        potentialTiers = try c.value(.potentialTiers, or: d.potentialTiers)
        relationalMatrix = try c.value(.relationalMatrix, or: d.relationalMatrix)
        lifecycle = try c.value(.lifecycle, or: d.lifecycle)
        targets = try c.value(.targets, or: d.targets)
        signalWindowDays = try c.value(.signalWindowDays, or: d.signalWindowDays)
        events = try c.value(.events, or: d.events)
        clusters = try c.value(.clusters, or: d.clusters)
    }

    /// Writes every setting, the optional ones as `null`, so that the defaults show them all.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rfmPeriodDays, forKey: .rfmPeriodDays)
        try c.encode(rfmScales, forKey: .rfmScales)
        try c.encode(rfmSegments, forKey: .rfmSegments)
        try c.encode(model, forKey: .model)
        try c.encode(horizonMonths, forKey: .horizonMonths)
        try c.encode(monthlyDiscountRate, forKey: .monthlyDiscountRate)
        try c.encode(marginRate, forKey: .marginRate)
        try c.encode(minimumRepeatBuyers, forKey: .minimumRepeatBuyers)
        try c.encode(valueTiers, forKey: .valueTiers)
        try c.encode(potentialTiers, forKey: .potentialTiers)
        try c.encode(relationalMatrix, forKey: .relationalMatrix)
        try c.encode(lifecycle, forKey: .lifecycle)
        try c.encode(targets, forKey: .targets)
        try c.encode(signalWindowDays, forKey: .signalWindowDays)
        try c.encode(events, forKey: .events)
        try c.encode(clusters, forKey: .clusters)
    }

    /// Checks the settings that decoding cannot, naming the first bad one.
    public func validate() throws(AnalysisConfigurationError) {
        if let days = rfmPeriodDays, days <= 0 {
            throw AnalysisConfigurationError(setting: "rfmPeriodDays", value: "\(days)", reason: "write a positive number of days, or null for the whole history")
        }
        guard horizonMonths > 0 && horizonMonths <= 1200 else {
            throw AnalysisConfigurationError(setting: "horizonMonths", value: "\(horizonMonths)", reason: "write a number of months between 1 and 1200")
        }
        guard monthlyDiscountRate >= 0 && monthlyDiscountRate < 1 else {
            throw AnalysisConfigurationError(
                setting: "monthlyDiscountRate", value: "\(monthlyDiscountRate)", reason: "write a rate between 0 and 1, such as 0.01")
        }
        if let marginRate, !(0 ... 1).contains(marginRate) {
            throw AnalysisConfigurationError(setting: "marginRate", value: "\(marginRate)", reason: "write a share between 0 and 1, such as 0.3")
        }
        guard signalWindowDays > 0 else {
            throw AnalysisConfigurationError(setting: "signalWindowDays", value: "\(signalWindowDays)", reason: "write a positive number of days")
        }
        try valueTiers.validate("valueTiers")
        try potentialTiers.validate("potentialTiers")
        try clusters.validate()
    }
}

/// Which customer-base model scores the customers.
public enum RepeatPurchaseModelKind: String, Sendable, Hashable, Codable, CaseIterable {
    case bgnbd = "bg-nbd"
    case paretonbd = "pareto-nbd"
    case mbgnbd = "mbg-nbd"
}

/// The behavioural clustering step.
public struct ClusterSettings: Sendable, Hashable, Codable {
    public var enabled = true
    /// The numbers of clusters tried; the best by the quality measure is kept.
    public var minimumK = 2
    public var maximumK = 8
    public var restarts = 5
    public var seed: UInt64 = 20_240_701

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, minimumK, maximumK, restarts, seed
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let d = ClusterSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        minimumK = try c.value(.minimumK, or: d.minimumK)
        maximumK = try c.value(.maximumK, or: d.maximumK)
        restarts = try c.value(.restarts, or: d.restarts)
        seed = try c.value(.seed, or: d.seed)
    }

    func validate() throws(AnalysisConfigurationError) {
        guard minimumK >= 2, maximumK >= minimumK, maximumK <= 30 else {
            throw AnalysisConfigurationError(
                setting: "clusters", value: "minimumK \(minimumK), maximumK \(maximumK)",
                reason: "write 2 ≤ minimumK ≤ maximumK ≤ 30")
        }
        guard restarts >= 1 else {
            throw AnalysisConfigurationError(setting: "clusters.restarts", value: "\(restarts)", reason: "write at least 1")
        }
    }
}
