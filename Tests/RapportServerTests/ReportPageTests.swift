import Foundation
import Hummingbird
import HummingbirdTesting
import RapportCore
import RapportEngine
import RapportServer
import Testing

/// The measurement pages through the router, and their CSV: KPIs, touchpoint map, attribution,
/// a campaign's results; analysts may read them, strangers may not.
@Suite("Report pages")
struct ReportPageTests {
    let fixture = ServerFixture.shared

    @Test func reportsAndTheirCSVForAnAnalyst() async throws {
        let name = "Results \(UUID().uuidString.prefix(6))"
        let now = SystemClock().now
        try fixture.store.editingRecords { editor in
            _ = try CampaignBook(editor).save(CampaignDefinition(name: name, target: #"kind = "customer""#, at: now), source: "test", at: now)
        }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/reports", method: .get) { response in
                #expect(response.status == .seeOther || response.status == .found, "signed out: to the sign-in page")
            }
            let (cookie, _) = try await PageTests.signIn(client, email: "analyst@example.com")
            let headers: HTTPFields = [.cookie: cookie]
            let kpis = try await client.execute(uri: "/reports", method: .get, headers: headers) { $0 }
            #expect(kpis.status == .ok)
            #expect(kpis.body.text.contains("Key figures by month") && kpis.body.text.contains("<svg"))
            #expect(kpis.body.text.contains("aria-current=\"page\">Reports"))
            let csv = try await client.execute(uri: "/reports/kpis.csv", method: .get, headers: headers) { $0 }
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.body.text.split(separator: "\n")
            #expect(lines.first?.hasPrefix("month,active_customers,new_customers,lost_customers,churn_rate") == true)
            #expect(lines.count == 13, "a header and twelve months")
            let map = try await client.execute(uri: "/reports/touchpoints", method: .get, headers: headers) { $0.body.text }
            #expect(map.contains("Touchpoint map") && map.contains("<table class=\"touchpoints\">"))
            let mapCSV = try await client.execute(uri: "/reports/touchpoints.csv", method: .get, headers: headers) { $0.body.text }
            #expect(mapCSV.hasPrefix("stage,channel,touchpoints,"))
            let attribution = try await client.execute(uri: "/reports/attribution?window=3", method: .get, headers: headers) { $0.body.text }
            #expect(attribution.contains("Orders within 3 days after a contact"))
            try await client.execute(uri: "/reports/attribution?window=0", method: .get, headers: headers) { response in
                #expect(response.status == .badRequest || response.status == .unprocessableContent)
            }
            let path = "/campaigns/\(name.replacingOccurrences(of: " ", with: "%20"))/results"
            let results = try await client.execute(uri: path, method: .get, headers: headers) { $0 }
            #expect(results.status == .ok && results.body.text.contains("No control group"))
            let resultsCSV = try await client.execute(uri: path + ".csv", method: .get, headers: headers) { $0.body.text }
            #expect(resultsCSV.hasPrefix("metric,value\ncampaign,\(name)\nwindow_days,14\n"))
            try await client.execute(uri: "/campaigns/Nope/results", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
