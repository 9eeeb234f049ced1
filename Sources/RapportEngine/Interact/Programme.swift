public import RapportCore

/// A relationship programme (seed 001): an objective measured by a KPI, for a target, with the data
/// it needs, a budget and a period. It holds campaigns; its budget bounds what their contacts cost.
public struct Programme: Sendable, Hashable, Codable {
    public var name: String
    public var objective: String = ""
    /// How success is measured (`repeat purchase rate`, `reactivated customers`…).
    public var kpi: String = ""
    /// The segment definition of the customers it is for.
    public var target: String?
    /// Fields the programme needs on a customer (`email`, `birth_date`…), as the segment language
    /// names them.
    public var requiredData: [String] = []
    /// Money its campaigns' contacts may cost in all; no limit when nil.
    public var budget: Double?
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?

    public init(name: String) {
        self.name = name
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, objective, kpi, target, requiredData, budget, startsOn, endsOn
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        try container.update(&objective, from: .objective)
        try container.update(&kpi, from: .kpi)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        try container.update(&requiredData, from: .requiredData)
        budget = try container.decodeIfPresent(Double.self, forKey: .budget)
        func date(_ key: CodingKeys) throws -> CalendarDate? {
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let date = ISO8601Parser.date(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\"\(text)\" is not a date: write YYYY-MM-DD")
            }
            return date
        }
        startsOn = try date(.startsOn)
        endsOn = try date(.endsOn)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(objective, forKey: .objective)
        try container.encode(kpi, forKey: .kpi)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encode(requiredData, forKey: .requiredData)
        try container.encodeIfPresent(budget, forKey: .budget)
        try container.encodeIfPresent(startsOn?.description, forKey: .startsOn)
        try container.encodeIfPresent(endsOn?.description, forKey: .endsOn)
    }

    /// Problems a person must fix, each naming its key.
    public func problems() -> [String] {
        var found: [String] = []
        if name.trimmingASCIISpaces().isEmpty { found.append("name is empty") }
        if let budget, !(budget >= 0) { found.append("budget is \(budget): write 0 or more") }
        if let startsOn, let endsOn, endsOn < startsOn { found.append("endsOn \(endsOn) is before startsOn \(startsOn)") }
        for field in requiredData where SegmentField.named(field) == nil {
            found.append("requiredData names \"\(field)\", which is no field: `rapport segment fields` lists them")
        }
        return found
    }

    /// Whether `instant` falls in the programme's period (an open end has no limit).
    public func isRunning(at instant: Instant) -> Bool {
        if let startsOn, instant < Instant(startsOn) { return false }
        if let endsOn, instant >= Instant(CalendarDate(dayNumber: endsOn.dayNumber + 1)) { return false }
        return true
    }
}
