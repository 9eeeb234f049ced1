public import RapportCore

/// The consent in force per customer and channel: the latest of the `consents` rows given (a
/// later row of the same time wins), as the outbox and the preference centre read it.
public enum LatestConsents {
    public static func of(_ rows: [[StoredValue]]) -> [Int64: [ContactChannel: (at: Int64, status: ConsentStatus)]] {
        var latest: [Int64: [ContactChannel: (at: Int64, status: ConsentStatus)]] = [:]
        for row in rows {
            guard let customer = row[0].integerValue, let channel = row[1].textValue.flatMap(ContactChannel.init(rawValue:)),
                let at = row[2].integerValue, let status = row[3].textValue.flatMap(ConsentStatus.init(rawValue:))
            else { continue }
            if let known = latest[customer]?[channel], known.at > at { continue }
            latest[customer, default: [:]][channel] = (at, status)
        }
        return latest
    }
}
