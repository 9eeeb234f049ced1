import RapportCore

/// The single customer view: identity, consents, scores, segments, orders and the timeline of
/// every recorded contact and event.
struct Customer360Page {
    let text: Localization
    let view: Customer360
    let scores: CustomerScores?
    let segments: [SegmentRecord]

    var title: String {
        let customer = view.customer
        let name = [customer.firstName, customer.lastName].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? customer.externalID : "\(name) — \(customer.externalID)"
    }

    var body: HTML {
        "\(identity)\(consents)\(scoreSection)\(segmentSection)\(orders)\(timeline)"
    }

    private var identity: HTML {
        let customer = view.customer
        var facts: [String] = [customer.kind.rawValue]
        if let created = customer.createdAt { facts.append(text(.customerSince, created.utcDate.description)) }
        if let channel = customer.preferredChannel { facts.append(text(.prefers, channel.rawValue)) }
        if let birth = customer.birthDate { facts.append(text(.born, birth.description)) }
        let place = [customer.postcode, customer.city, customer.country?.value].compactMap { $0 }.joined(separator: " ")
        let rows: [HTML] = [
            (text[.email], customer.email?.value), ("Phone", customer.phone?.e164), ("", place.isEmpty ? nil : place),
            (text[.attributes], customer.attributesJSON == "{}" ? nil : customer.attributesJSON),
        ].compactMap { label, value in value.map { "<tr><th>\(label)</th><td>\($0)</td></tr>" } }
        return """
            <section><h2>\(text[.identity])</h2><p class="muted">\(facts.joined(separator: " · "))</p>\
            <table>\(rows)</table></section>
            """
    }

    private var consents: HTML {
        let rows: [HTML] = view.consents.map { consent in
            let status: String
            switch consent.status {
            case .granted: status = text[.granted]
            case .denied: status = text[.denied]
            case .revoked: status = text[.revoked]
            }
            return "<tr><td>\(consent.channel.rawValue)</td><td>\(status)</td><td>\(text(.since, consent.at.utcDate.description))</td><td>\(consent.source)</td></tr>"
        }
        return "<section><h2>\(text[.consents])</h2><table>\(rows)</table></section>"
    }

    private var scoreSection: HTML {
        guard let scores else { return "<section><h2>\(text[.scores])</h2><p class=\"muted\">\(text[.noScores])</p></section>" }
        let rfm = [scores.rScore, scores.fScore, scores.mScore].compactMap { $0 }.map(String.init).joined()
        let rows: [(Phrase, String?)] = [
            (.rfm, rfm.isEmpty ? nil : "\(rfm) \(scores.rfmSegment ?? "")"),
            (.pAlive, scores.probabilityAlive.map { NumberText.decimal($0, places: 2) }),
            (.expectedPurchases, scores.expectedPurchases.map { NumberText.decimal($0, places: 2) }),
            (.clv, scores.lifetimeValue.map(NumberText.money)),
            (.valuePotential, scores.valueTier.map { "\($0) × \(scores.potentialTier ?? "?")" }),
            (.strategy, scores.strategy),
            (.lifecycle, scores.lifecycleStage),
            (.targets, scores.tacticalTargets.isEmpty ? nil : scores.tacticalTargets.joined(separator: ", ")),
            (.cluster, scores.cluster.map(String.init)),
            (.engagement, scores.engagement.map { NumberText.decimal($0, places: 2) }),
        ]
        let cells: [HTML] = rows.compactMap { phrase, value in value.map { "<tr><th>\(text[phrase])</th><td>\($0)</td></tr>" } }
        return "<section><h2>\(text[.scores])</h2><table>\(cells)</table></section>"
    }

    private var segmentSection: HTML {
        let names: [HTML] = segments.map { "<li>\($0.name)</li>" }
        let list: HTML = names.isEmpty ? "<p class=\"muted\">\(text[.noSegments])</p>" : "<ul>\(names)</ul>"
        return "<section><h2>\(text[.segmentMembership])</h2>\(list)</section>"
    }

    private var orders: HTML {
        let totals = view.totals
        let summary: HTML = """
            <div class="cards">\
            <div class="card"><div class="value">\(NumberText.count(totals.orders))</div><div class="label">\(text[.orders])</div></div>\
            <div class="card"><div class="value">\(NumberText.money(totals.revenue))</div><div class="label">\(text[.revenue])</div></div>\
            <div class="card"><div class="value">\(NumberText.money(totals.averageBasket))</div><div class="label">\(text[.averageBasket])</div></div>\
            </div>
            """
        guard !view.recentOrders.isEmpty else {
            return "<section><h2>\(text[.purchases])</h2>\(summary)<p class=\"muted\">\(text[.noOrders])</p></section>"
        }
        let rows: [HTML] = view.recentOrders.map { order in
            let lines = order.lines.map { "\($0.quantity) × \(view.productNames[$0.sku] ?? $0.sku)" }.joined(separator: ", ")
            return """
                <tr><td>\(order.placedAt.utcDate.description)</td><td>\(order.externalID)</td><td>\(order.status.rawValue)</td>\
                <td class="number">\(NumberText.money(order.total)) \(order.currency)</td><td>\(lines)</td></tr>
                """
        }
        return """
            <section><h2>\(text[.purchases])</h2>\(summary)<h3>\(text[.recentOrders])</h3>\
            <table><thead><tr><th>\(text[.date])</th><th>Id</th><th>\(text[.status])</th><th class="number">\(text[.total])</th>\
            <th>\(text[.items])</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    private var timeline: HTML {
        guard !view.recentEvents.isEmpty else {
            return "<section><h2>\(text[.timeline])</h2><p class=\"muted\">\(text[.noEvents])</p></section>"
        }
        let rows: [HTML] = view.recentEvents.map { event in
            """
            <tr><td>\(event.at.description)</td><td>\(event.type.value)</td><td>\(event.channel?.value)</td>\
            <td>\(event.propertiesJSON == "{}" ? "" : event.propertiesJSON)</td></tr>
            """
        }
        return """
            <section><h2>\(text[.timeline])</h2><table><thead><tr><th>\(text[.date])</th><th>\(text[.type])</th>\
            <th>\(text[.channel])</th><th>\(text[.details])</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }
}
