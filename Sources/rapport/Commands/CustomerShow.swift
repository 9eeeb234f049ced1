import ArgumentParser
import RapportCore
import RapportEngine

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "Look at one customer.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything known about one person: identity, consents, orders, interactions, totals.")

        @Argument(help: "The customer's id (customer_id), e-mail address or phone number.")
        var reference: String

        @Option(help: "How many recent orders and events to list.")
        var recent = 10

        @Option(help: "The country whose numbering reads a national phone number.")
        var country = "FR"

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                guard let id = try store.customerID(lookingUp: reference, defaultCountry: country), let view = try store.customer360(id: id, recentLimit: recent) else {
                    throw CommandFailure("no customer '\(reference)' (tried it as a customer_id, an e-mail and a phone number).")
                }
                CustomerReport.print(view)
                if let scores = try store.scores(customerID: id) {
                    CustomerReport.print(scores, history: try store.scoreHistory(customerID: id, limit: 6))
                } else {
                    Swift.print("Scores: none yet (run rapport analyze)")
                }
                try CustomerReport.printFeedback(id, store: store)
            }
        }
    }
}

/// The 360 view in the terminal.
enum CustomerReport {
    /// What reactions to campaigns taught (docs/collect.md), when there were any.
    static func printFeedback(_ id: Int64, store: some RecordEditing) throws {
        let now = SystemClock().now
        let (feedback, reactivity, preferences) = try store.editingRecords { editor in
            (try CustomerFeedback.load(id, editor: editor), try CustomerFeedback.reactivity(of: id, editor: editor),
             try ContactPreferences.load(id, editor: editor))
        }
        var parts: [String] = []
        if let feedback {
            parts.append("engagement \(Terminal.decimal(feedback.engagementScore(at: now), places: 2))")
            if let satisfaction = feedback.satisfaction { parts.append("satisfaction \(Terminal.decimal(satisfaction, places: 2))") }
            if let last = feedback.lastFatigueAt { parts.append("unsubscribed or complained \(feedback.fatigueSignals)× (latest \(last.utcDate))") }
        }
        for (channel, rate) in reactivity.byChannel.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            parts.append("\(channel.rawValue) reactivity \(Terminal.decimal(rate * 100, places: 0)) %\(reactivity.preferred == channel ? " (preferred)" : "")")
        }
        if let preferences, preferences.frequency != .usual || !preferences.topics.isEmpty {
            parts.append("asks for \(preferences.frequency.rawValue) messages\(preferences.topics.isEmpty ? "" : " about " + preferences.topics.sorted().joined(separator: ", "))")
        }
        if !parts.isEmpty { Swift.print("Reactions: " + parts.joined(separator: " · ")) }
    }

    /// The latest analysis of the customer, and how their segment and stage moved.
    static func print(_ s: CustomerScores, history: [ScoreHistoryEntry]) {
        Swift.print("Scores (latest analysis):")
        if let r = s.rScore, let f = s.fScore, let m = s.mScore {
            Swift.print(
                "  RFM \(r)\(f)\(m) \(s.rfmSegment ?? "") — last purchase \(s.recency.map { "\($0) days ago" } ?? "?"), \(s.frequency ?? 0) orders, \(Terminal.money(s.monetary ?? 0))"
            )
        }
        var model: [String] = []
        if let alive = s.probabilityAlive { model.append("P(alive) \(Terminal.decimal(alive, places: 2))") }
        if let purchases = s.expectedPurchases { model.append("expected purchases \(Terminal.decimal(purchases, places: 2))") }
        if let spend = s.expectedSpend { model.append("expected spend \(Terminal.money(spend))") }
        if let clv = s.lifetimeValue { model.append("CLV \(Terminal.money(clv))") }
        if !model.isEmpty { Swift.print("  \(model.joined(separator: " · "))") }
        var place: [String] = []
        if let value = s.valueTier, let potential = s.potentialTier {
            place.append("value \(value) × potential \(potential) → \(s.strategy ?? "?")")
        }
        if let stage = s.lifecycleStage { place.append("stage \(stage)") }
        if let cluster = s.cluster { place.append("cluster \(cluster)") }
        if let engagement = s.engagement { place.append("engagement \(Terminal.decimal(engagement, places: 2))") }
        if !place.isEmpty { Swift.print("  \(place.joined(separator: " · "))") }
        if !s.tacticalTargets.isEmpty { Swift.print("  targets: \(s.tacticalTargets.joined(separator: ", "))") }
        if history.count > 1 {
            let moves = history.reversed().map { "\($0.computedAt.utcDate) \($0.rfmSegment ?? "-")/\($0.lifecycleStage ?? "-")" }
            Swift.print("  history: \(moves.joined(separator: " → "))")
        }
    }

    static func print(_ view: Customer360) {
        let c = view.customer
        let name = [c.firstName, c.lastName].compactMap { $0 }.joined(separator: " ")
        Swift.print("\(name.isEmpty ? "(no name)" : name) — \(c.externalID), \(c.kind.rawValue) since \(c.createdAt.map { "\($0.utcDate)" } ?? "?")")
        var contact: [String] = []
        if let email = c.email { contact.append("e-mail \(email)") }
        if let phone = c.phone { contact.append("phone \(phone)") }
        if let channel = c.preferredChannel { contact.append("prefers \(channel.rawValue)") }
        if !contact.isEmpty { Swift.print("  \(contact.joined(separator: " · "))") }
        var person: [String] = []
        if let birth = c.birthDate { person.append("born \(birth)") }
        if let gender = c.gender { person.append(gender.rawValue) }
        let place = [c.postcode, c.city, c.country?.value].compactMap { $0 }.joined(separator: " ")
        if !place.isEmpty { person.append(place) }
        if let zone = c.timezone { person.append(zone) }
        if !person.isEmpty { Swift.print("  \(person.joined(separator: " · "))") }
        if c.attributesJSON != "{}" { Swift.print("  attributes \(c.attributesJSON)") }
        if !view.identities.isEmpty {
            Swift.print("Identities: " + view.identities.map { "\($0.kind) \($0.value)" }.joined(separator: ", "))
        }
        if view.consents.isEmpty {
            Swift.print("Consents: none recorded (no marketing on any channel)")
        } else {
            Swift.print("Consents in force:")
            for consent in view.consents {
                Swift.print("  \(consent.channel.rawValue.padding(6)) \(consent.status.rawValue.padding(8)) since \(consent.at.utcDate)\(consent.source.map { " (\($0))" } ?? "")")
            }
        }
        let t = view.totals
        if t.orders > 0 {
            Swift.print(
                "Purchases: \(Terminal.count(t.orders)) orders, revenue \(Terminal.money(t.revenue)), margin \(Terminal.money(t.margin)), average basket \(Terminal.money(t.averageBasket)), first \(t.firstOrder!.utcDate), last \(t.lastOrder!.utcDate)"
            )
        } else {
            Swift.print("Purchases: none")
        }
        if !view.recentOrders.isEmpty {
            Swift.print("Recent orders:")
            for order in view.recentOrders {
                let items = order.items.map { " \($0) item\($0 == 1 ? "" : "s")" } ?? ""
                Swift.print("  \(order.placedAt.utcDate)  \(order.externalID)  \((order.channel ?? "-").padding(6)) \(order.status.rawValue.padding(9)) \(Terminal.money(order.total))\(order.currency.map { " \($0)" } ?? "")\(items)")
                for line in order.lines {
                    let name = view.productNames[line.sku].map { " \($0)" } ?? ""
                    Swift.print("      \(line.quantity) x \(line.sku)\(name)  \(Terminal.money(line.amount))")
                }
            }
        }
        Swift.print("Interactions: \(Terminal.count(t.events))\(t.events > view.recentEvents.count ? " (latest \(view.recentEvents.count))" : "")")
        for event in view.recentEvents {
            let extra = [event.channel?.value, event.campaign, event.propertiesJSON == "{}" ? nil : event.propertiesJSON].compactMap { $0 }
            Swift.print("  \(event.at.utcDate)  \(event.type.value.padding(15)) \(extra.joined(separator: "  "))")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
