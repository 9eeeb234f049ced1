import Foundation
import Hummingbird
import RapportCore
import RapportEngine

/// The preference centre that messages link to (`{{preferences_url}}`): a signed token names the
/// customer; they choose the channels they accept, how often, and the topics they want. Links keep
/// working after their expiry, like unsubscribe links.
struct PreferenceRoutes {
    let store: any ServerStore
    let keys: TrackingKeys
    let clock: any RapportCore.Clock
    let text = Localization.english

    func add(to router: Router<ServerContext>) {
        router.get("preferences/{token}", use: page)
        router.post("preferences/{token}", use: save)
    }

    func customer(_ token: String) async throws -> Int64? {
        try? await keys.current().signer.authentic(token, purpose: .preferences).customerID
    }

    @Sendable func page(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let customerID = try await customer(token) else { return brokenLink() }
        let store = self.store
        let loaded = try await offload {
            try store.editingRecords { editor in
                (try ContactPreferences.load(customerID, editor: editor), try ContactPreferences.offeredTopics(editor))
            }
        }
        guard let preferences = loaded.0 else { return brokenLink() }
        return PageResponse.html(form(preferences, topics: loaded.1, token: token, saved: false))
    }

    @Sendable func save(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let customerID = try await customer(token) else { return brokenLink() }
        let body = try await request.body.collect(upTo: 16_384)
        var channels: [ContactChannel: Bool] = [:]
        var frequency = ContactFrequency.usual
        var topics: Set<String> = []
        // Checkboxes repeat their name: read the pairs by hand rather than into a struct.
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "channel": if let channel = ContactChannel(rawValue: parts[1]) { channels[channel] = true }
            case "frequency": frequency = ContactFrequency(rawValue: parts[1]) ?? .usual
            case "topic": topics.insert(parts[1])
            default: break
            }
        }
        let store = self.store, now = clock.now
        let chosen = ContactPreferences(channels: channels, frequency: frequency, topics: topics)
        let saved = try await offload {
            try store.editingRecords { editor -> (ContactPreferences?, [String]) in
                let offered = try ContactPreferences.offeredTopics(editor)
                var kept = chosen
                kept.topics = chosen.topics.intersection(offered)
                try kept.save(for: customerID, editor: editor, now: now)
                return (try ContactPreferences.load(customerID, editor: editor), offered)
            }
        }
        guard let preferences = saved.0 else { return brokenLink() }
        return PageResponse.html(form(preferences, topics: saved.1, token: token, saved: true))
    }

    func form(_ preferences: ContactPreferences, topics: [String], token: String, saved: Bool) -> HTML {
        let status: HTML = saved ? "<p role=\"status\">\(text[.preferencesSaved])</p>" : ""
        let channels: [HTML] = ContactChannel.allCases.map { channel in
            let checked: HTML = preferences.channels[channel] == true ? " checked" : ""
            return "<label><input type=\"checkbox\" name=\"channel\" value=\"\(channel.rawValue)\"\(checked)> \(channel.rawValue)</label><br>"
        }
        let frequencies: [HTML] = ContactFrequency.allCases.map { frequency in
            let checked: HTML = preferences.frequency == frequency ? " checked" : ""
            let label: Phrase = frequency == .usual ? .frequencyUsual : frequency == .weekly ? .frequencyWeekly : .frequencyMonthly
            return "<label><input type=\"radio\" name=\"frequency\" value=\"\(frequency.rawValue)\"\(checked)> \(text[label])</label><br>"
        }
        let topicBoxes: [HTML] = topics.map { topic in
            let checked: HTML = preferences.topics.contains(topic) ? " checked" : ""
            return "<label><input type=\"checkbox\" name=\"topic\" value=\"\(topic)\"\(checked)> \(topic)</label><br>"
        }
        let body: HTML = """
            \(status)
            <form method="post" action="/preferences/\(token)">
            <fieldset><legend>\(text[.preferenceChannels])</legend>\(channels)</fieldset>
            <fieldset><legend>\(text[.preferenceFrequency])</legend>\(frequencies)</fieldset>
            <fieldset><legend>\(text[.preferenceTopics])</legend>\(topicBoxes)</fieldset>
            <p><button type="submit">\(text[.preferencesSave])</button></p>
            </form>
            """
        return Layout(text: text, user: nil).page(title: text[.preferences], body)
    }

    func brokenLink() -> Response { PublicPage.brokenLink(text) }
}
