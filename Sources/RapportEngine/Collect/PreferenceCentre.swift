import Foundation
public import RapportCore

/// How often a customer wants marketing, as they chose it in the preference centre.
public enum ContactFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    case usual, weekly, monthly

    /// The longest quiet period the choice asks for, in days (0 for the policy's own caps).
    public var days: Int64 {
        switch self {
        case .usual: 0
        case .weekly: 7
        case .monthly: 30
        }
    }
}

/// A customer's choices in the preference centre: the channels they accept, how often, and the
/// topics they want. Channels become consents (source `preference centre`); frequency and topics
/// are kept in the profile's attributes (`contact_frequency`, `topics`), where segments read them,
/// and the planner honours the frequency.
public struct ContactPreferences: Sendable, Hashable {
    public var channels: [ContactChannel: Bool]
    public var frequency: ContactFrequency
    public var topics: Set<String>

    public init(channels: [ContactChannel: Bool], frequency: ContactFrequency = .usual, topics: Set<String> = []) {
        self.channels = channels
        self.frequency = frequency
        self.topics = topics
    }

    static let customers = CustomerColumns.table
    /// The topics offered when none are configured (`settings` key `preferences.topics`).
    public static let defaultTopics = ["offers", "new products", "events", "advice"]
    /// The rule on contacts suppressed because of the customer's frequency.
    public static func frequencyRule(_ frequency: ContactFrequency) -> String {
        "preference: at most one message \(frequency == .weekly ? "a week" : "a month")"
    }

    /// Customers whose chosen frequency is weekly or monthly, with the times of their counted
    /// contacts in `history`: the planner suppresses a wave within that many days of one of them.
    public static func frequencyLimits(history: [CountedContact], editor: any RecordEditor) throws -> [Int64: (days: Int64, contacts: [Int64])] {
        var limits: [Int64: (days: Int64, contacts: [Int64])] = [:]
        try editor.scanRows(of: customers, columns: ["id", "attributes"], matching: []) { row in
            guard let json = row[1].textValue, json.contains("contact_frequency"), let id = row[0].integerValue,
                let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                let frequency = (object["contact_frequency"] as? String).flatMap(ContactFrequency.init(rawValue:)), frequency.days > 0
            else { return }
            limits[id] = (frequency.days, [])
        }
        guard !limits.isEmpty else { return [:] }
        for contact in history where limits[contact.customerID] != nil {
            limits[contact.customerID]!.contacts.append(contact.at.secondsSinceEpoch)
        }
        return limits
    }

    /// The topics a customer may choose from.
    public static func offeredTopics(_ editor: any RecordEditor) throws -> [String] {
        try Settings(editor).value([String].self, at: "preferences.topics") ?? defaultTopics
    }

    /// The customer's current choices: the latest consent per channel (granted = accepted), and
    /// the frequency and topics in their attributes. Nil when the customer does not exist.
    public static func load(_ customerID: Int64, editor: any RecordEditor) throws -> ContactPreferences? {
        guard let customer = try editor.rows(of: customers, matching: [ColumnMatch("id", .integer(customerID))]).first else { return nil }
        let latest = LatestConsents.of(
            try editor.rows(of: StoredTable.named("consents"), matching: [ColumnMatch("customer_id", .integer(customerID))]))[customerID] ?? [:]
        let attributes = Self.attributes(customer)
        return ContactPreferences(
            channels: Dictionary(uniqueKeysWithValues: ContactChannel.allCases.map { ($0, latest[$0]?.status == .granted) }),
            frequency: (attributes["contact_frequency"] as? String).flatMap(ContactFrequency.init(rawValue:)) ?? .usual,
            topics: Set(attributes["topics"] as? [String] ?? []))
    }

    static func attributes(_ customer: [StoredValue]) -> [String: Any] {
        guard let json = customer[customers.index(of: "attributes")].textValue,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return [:] }
        return object
    }

    /// Records the choices: a consent for each channel whose answer changed, and the attributes.
    /// Returns the channels whose consent changed.
    @discardableResult
    public func save(for customerID: Int64, editor: any RecordEditor, now: Instant) throws -> [ContactChannel] {
        guard let current = try Self.load(customerID, editor: editor),
            let customer = try editor.rows(of: Self.customers, matching: [ColumnMatch("id", .integer(customerID))]).first
        else { return [] }
        var changed: [ContactChannel] = []
        for channel in ContactChannel.allCases {
            let wanted = channels[channel] ?? false
            guard wanted != current.channels[channel] else { continue }
            try editor.insert(
                [
                    .integer(customerID), .text(channel.rawValue), .integer(now.secondsSinceEpoch),
                    .text((wanted ? ConsentStatus.granted : .revoked).rawValue), .text("preference centre"),
                    .integer(now.secondsSinceEpoch),
                ], into: StoredTable.named("consents"), ignoringConflicts: true)
            changed.append(channel)
        }
        var attributes = Self.attributes(customer)
        attributes["contact_frequency"] = frequency.rawValue
        attributes["topics"] = topics.sorted()
        let json = String(decoding: try JSONSerialization.data(withJSONObject: attributes, options: [.sortedKeys]), as: UTF8.self)
        try editor.update(
            Self.customers, setting: [ColumnMatch("attributes", .text(json)), ColumnMatch("updated_at", .integer(now.secondsSinceEpoch))],
            matching: [ColumnMatch("id", .integer(customerID))])
        return changed
    }
}
