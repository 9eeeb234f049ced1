import Foundation
import Hummingbird
import RapportCore
import RapportEngine

/// The measurement pages and their CSV: a campaign's results, the KPIs by month, the touchpoint
/// map and attribution. Periods end on the day of the latest order.
extension PageRoutes {
    func addMeasure(to reading: RouterGroup<ServerContext>) {
        reading.get("campaigns/{name}/results", use: campaignResults)
        reading.get("campaigns/{name}/results.csv", use: campaignResultsCSV)
        reading.get("reports", use: kpis)
        reading.get("reports/kpis.csv", use: kpisCSV)
        reading.get("reports/touchpoints", use: touchpoints)
        reading.get("reports/touchpoints.csv", use: touchpointsCSV)
        reading.get("reports/attribution", use: attribution)
        reading.get("reports/attribution.csv", use: attributionCSV)
    }

    /// `?window=` days (1–365, 14 by default).
    func window(_ request: Request, default value: Int) throws -> Int {
        guard let text = request.uri.queryParameters["window"] else { return value }
        guard let days = Int(text), (1...365).contains(days) else {
            throw APIError.invalid("window \"\(text)\": write a number of days from 1 to 365", field: "window")
        }
        return days
    }

    func results(_ request: Request, context: ServerContext) async throws -> CampaignResults {
        let name = try context.parameters.decoded("name")
        let days = try window(request, default: 14)
        let store = self.store
        return try await offload {
            try store.editingRecords { editor in
                try CampaignMeasurement(windowDays: days).results(of: try CampaignBook(editor).campaign(named: name), editor: editor)
            }
        }
    }

    @Sendable func campaignResults(_ request: Request, context: ServerContext) async throws -> Response {
        let results = try await results(request, context: context)
        let csv = "/campaigns/\(CustomerListPage.pathComponent(results.campaign))/results.csv?window=\(results.windowDays)"
        return page(
            CampaignResultsPage(text: text, results: results, csvPath: csv).body, title: "\(results.campaign): \(text[.results])",
            current: "/campaigns", context: context)
    }

    @Sendable func campaignResultsCSV(_ request: Request, context: ServerContext) async throws -> Response {
        let results = try await results(request, context: context)
        return Self.csv(ReportCSV.campaign(results), file: "campaign-results.csv")
    }

    /// The last day reported (the latest order's) and the first instant of the 12 months ending there.
    func period() async throws -> (last: CalendarDate, from: Instant, to: Instant) {
        let store = self.store
        let last = try await offload { try store.summary().lastOrder?.utcDate } ?? clock.now.utcDate
        let (from, to) = KPITimeline.period(endingOn: last, months: 12)
        return (last, from, to)
    }

    func timeline() async throws -> KPITimeline {
        let (last, _, _) = try await period()
        let store = self.store
        return try await offload { try KPITimeline.compute(store: store, asOf: last, count: 12) }
    }

    @Sendable func kpis(_ request: Request, context: ServerContext) async throws -> Response {
        page(KPIPage(text: text, timeline: try await timeline()).body, title: text[.keyFigures], current: "/reports", context: context)
    }

    @Sendable func kpisCSV(_ request: Request, context: ServerContext) async throws -> Response {
        Self.csv(ReportCSV.kpis(try await timeline()), file: "kpis.csv")
    }

    func touchpointMap() async throws -> TouchpointMap {
        let (_, from, to) = try await period()
        let store = self.store
        return try await offload { try store.editingRecords { try TouchpointMap.compute(from: from, to: to, editor: $0) } }
    }

    @Sendable func touchpoints(_ request: Request, context: ServerContext) async throws -> Response {
        page(TouchpointPage(text: text, map: try await touchpointMap()).body, title: text[.touchpointMap], current: "/reports", context: context)
    }

    @Sendable func touchpointsCSV(_ request: Request, context: ServerContext) async throws -> Response {
        Self.csv(ReportCSV.touchpoints(try await touchpointMap()), file: "touchpoints.csv")
    }

    func attributionReport(_ request: Request) async throws -> AttributionReport {
        let (_, from, to) = try await period()
        let days = try window(request, default: 7)
        let store = self.store
        return try await offload { try store.editingRecords { try Attribution(windowDays: days).report(from: from, to: to, editor: $0) } }
    }

    @Sendable func attribution(_ request: Request, context: ServerContext) async throws -> Response {
        page(
            AttributionPage(text: text, report: try await attributionReport(request)).body, title: text[.attributionReport],
            current: "/reports", context: context)
    }

    @Sendable func attributionCSV(_ request: Request, context: ServerContext) async throws -> Response {
        Self.csv(ReportCSV.attribution(try await attributionReport(request)), file: "attribution.csv")
    }

    static func csv(_ document: String, file: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(file)\""],
            body: .init(byteBuffer: ByteBuffer(string: document)))
    }
}
