import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportEngine
import RapportServer
import Testing

/// The campaign pages through the router: the list with the policy, one campaign's simulated plan
/// and journey view, and the calendar; analysts may read them.
@Suite("Campaign pages")
struct CampaignPageTests {
    let fixture = ServerFixture.shared

    @Test func campaignsTheirPlanAJourneyAndTheCalendar() async throws {
        let store = fixture.store
        let now = SystemClock().now
        let tomorrow = Instant(secondsSinceEpoch: (now.dayNumber + 1) * 86_400 + 10 * 3600)
        var letter = CampaignDefinition(name: "Pages <letter>", target: #"kind = "customer""#, at: tomorrow)
        letter.holdout = 0.1
        letter.variants = [.init(name: "A"), .init(name: "B")]
        let journey = try JSONDecoder().decode(
            CampaignDefinition.self,
            from: Data(
                #"""
                {"name": "Pages journey", "kind": "journey", "target": "kind = \"customer\"", "at": "2026-01-01T00:00:00Z",
                 "trigger": {"on": "first-purchase"},
                 "steps": [{"id": "hello", "send": {}}, {"id": "pause", "wait": {"hours": 24}}, {"id": "bye", "exit": {}}]}
                """#.utf8))
        try store.editingRecords { editor in
            let book = CampaignBook(editor)
            try book.setStatus(.scheduled, of: try book.save(letter, source: "test", at: now), at: now)
            try book.save(journey, source: "test", at: now)
        }
        try await fixture.application().test(.router) { client in
            let (cookie, _) = try await PageTests.signIn(client, email: "analyst@example.com")
            let list = try await client.execute(uri: "/campaigns", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(list.status == .ok)
            #expect(list.body.text.contains("Pages &lt;letter&gt;"))
            #expect(list.body.text.contains("at most 3 contacts in 7 days"))
            #expect(list.body.text.contains("aria-current=\"page\">Campaigns"))
            let one = try await client.execute(uri: "/campaigns/Pages%20%3Cletter%3E", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(one.status == .ok)
            #expect(one.body.text.contains("Plan before launch"))
            #expect(one.body.text.contains("By variant"))
            let steps = try await client.execute(uri: "/campaigns/Pages%20journey", method: .get, headers: [.cookie: cookie]) { $0.body.text }
            #expect(steps.contains("Customers at the step") && steps.contains("wait 24 h"))
            let calendar = try await client.execute(uri: "/calendar", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(calendar.status == .ok)
            #expect(calendar.body.text.contains("Planned contacts per day and channel"))
            #expect(calendar.body.text.contains("Pages &lt;letter&gt;"))
            try await client.execute(uri: "/campaigns/Nope", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .notFound)
            }
        }
        try store.editingRecords { editor in
            let book = CampaignBook(editor)
            try book.setStatus(.done, of: try book.campaign(named: letter.name), at: now)
        }
    }
}
