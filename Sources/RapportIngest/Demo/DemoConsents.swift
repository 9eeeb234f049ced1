/// A row of consents.csv.
struct DemoConsent: Sendable {
    let channel: StaticString
    let status: StaticString
    let source: StaticString
    let at: Int64
}

/// The consent history of a person: one to four rows over the e-mail, SMS, mail and phone channels,
/// with grants, refusals, and grants later revoked (more often by unhappy and lapsed customers).
enum DemoConsents {
    /// The rows, and the intervals during which the person received e-mail campaigns.
    static func make(
        for person: DemoPerson, history: DemoHistory?, window: DemoWindow, rng: inout DemoRandom
    ) -> (rows: [DemoConsent], subscribed: [(Int64, Int64)]) {
        var rows: [DemoConsent] = []
        var subscribed: [(Int64, Int64)] = []
        let created = person.createdAt
        let source: StaticString
        if person.acquisition == "store" {
            source = "store"
        } else if created < window.start + 45 * 86_400 && rng.chance(0.6) {
            source = "import"
        } else {
            source = "web_form"
        }
        func later(_ from: Int64, minimumDays: Double) -> Int64? {
            let earliest = from + Int64(minimumDays * DemoTime.day)
            guard earliest < window.end else { return nil }
            return earliest + Int64(rng.uniform() * Double(window.end - earliest))
        }
        let given = min(window.end, created + Int64(rng.int(in: 0...300)))
        let unhappy = history?.unhappy ?? false
        let dropped = history?.droppedAt != nil

        if !person.emailText.isEmpty {
            if rng.chance(person.isCustomer ? 0.72 : 0.88) {
                rows.append(DemoConsent(channel: "email", status: "granted", source: source, at: given))
                var until = window.end + 1
                if rng.chance(0.1 + (unhappy ? 0.25 : 0) + (dropped ? 0.1 : 0)), let revoked = later(given, minimumDays: 3) {
                    rows.append(
                        DemoConsent(channel: "email", status: "revoked", source: rng.chance(0.85) ? "web_form" : "store", at: revoked))
                    until = revoked
                    if rng.chance(0.12), let again = later(revoked, minimumDays: 7) {
                        rows.append(DemoConsent(channel: "email", status: "granted", source: "web_form", at: again))
                        if person.emailUsable { subscribed.append((again, window.end + 1)) }
                    }
                }
                if person.emailUsable { subscribed.insert((given, until), at: 0) }
            } else {
                rows.append(DemoConsent(channel: "email", status: "denied", source: source, at: given))
            }
        }
        if person.hasPhone, rows.count < 4, rng.chance(0.75) {
            if rng.chance(0.45) {
                rows.append(DemoConsent(channel: "sms", status: "granted", source: source, at: given))
                if rows.count < 4, rng.chance(0.1 + (unhappy ? 0.15 : 0)), let revoked = later(given, minimumDays: 3) {
                    rows.append(DemoConsent(channel: "sms", status: "revoked", source: "web_form", at: revoked))
                }
            } else {
                rows.append(DemoConsent(channel: "sms", status: "denied", source: source, at: given))
            }
        }
        if rows.count < 4, rng.chance(person.isCustomer ? 0.35 : 0.1) {
            rows.append(DemoConsent(channel: "mail", status: rng.chance(0.8) ? "granted" : "denied", source: source, at: given))
        }
        if rows.count < 4, person.hasPhone, rng.chance(0.12) {
            rows.append(DemoConsent(channel: "phone", status: rng.chance(0.35) ? "granted" : "denied", source: source, at: given))
        }
        if rows.isEmpty {
            rows.append(DemoConsent(channel: "mail", status: rng.chance(0.5) ? "granted" : "denied", source: source, at: given))
        }
        return (rows, subscribed)
    }

    static func writeHeader(_ out: inout DemoText) {
        out.ascii("customer_id,channel,status,source,at\n")
    }

    static func write(_ consent: DemoConsent, person: Int, _ out: inout DemoText) {
        out.identifier(UInt8(ascii: "C"), person, width: 6)
        out.comma()
        out.ascii(consent.channel)
        out.comma()
        out.ascii(consent.status)
        out.comma()
        out.ascii(consent.source)
        out.comma()
        out.instant(consent.at)
    }
}
