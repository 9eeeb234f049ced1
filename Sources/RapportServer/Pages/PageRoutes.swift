import Hummingbird
import RapportCore

/// The server-rendered pages behind sign-in.
struct PageRoutes {
    let store: any ServerStore
    let configuration: ServerConfiguration
    let clock: any RapportCore.Clock
    let insights: InsightsCache
    let readAudit: ReadAudit
    let text = Localization.english

    /// `reading` needs a signed-in user; `writing` a marketer (and the form's CSRF token).
    func add(reading: RouterGroup<ServerContext>, writing: RouterGroup<ServerContext>) {
        reading.get("/", use: dashboard)
        reading.get("customers", use: customers)
        reading.get("customers/{reference}", use: customer)
        reading.get("analytics", use: analytics)
        reading.get("segments", use: segments)
        reading.get("segments/{name}", use: segment)
        reading.get("imports", use: imports)
        reading.get("campaigns", use: campaigns)
        reading.get("campaigns/{name}", use: campaign)
        reading.get("calendar", use: calendar)
        addMeasure(to: reading)
        writing.post("segments", use: createSegment)
        writing.post("segments/{name}/refresh", use: refreshSegment)
        writing.post("segments/{name}/delete", use: deleteSegment)
        writing.post("imports", use: upload)
    }

    @Sendable func dashboard(_ request: Request, context: ServerContext) async throws -> Response {
        let entry = try await insights.current()
        let dashboard = DashboardPage(text: text, summary: entry.summary, insights: entry.insights)
        return page(dashboard.body, title: text[.dashboard], current: "/", context: context)
    }

    @Sendable func analytics(_ request: Request, context: ServerContext) async throws -> Response {
        let entry = try await insights.current()
        return page(AnalyticsPage(text: text, entry: entry).body, title: text[.analytics], current: "/analytics", context: context)
    }

    /// A page in the layout, for the signed-in user.
    func page(_ body: HTML, title: String, current: String, context: ServerContext) -> Response {
        PageResponse.html(Layout(text: text, user: context.identity).page(title: title, current: current, body))
    }

    /// The session's CSRF token when the user may change things (marketers and admins).
    func writerToken(_ context: ServerContext) -> String? {
        guard let identity = context.identity, identity.role.allows(.marketer), case .session(let csrf) = identity.credential else { return nil }
        return csrf
    }

    @Sendable func customers(_ request: Request, context: ServerContext) async throws -> Response {
        let parameters = ListParameters(request.uri.queryParameters, configuration: configuration)
        let store = self.store
        let (query, page) = try await offload {
            let query = try parameters.customerQuery(store: store)
            return (query, try store.listCustomers(query))
        }
        let body = CustomerListPage(text: text, page: page, search: query.search, kind: query.kind).body
        return PageResponse.html(
            Layout(text: text, user: context.identity).page(title: text[.customers], current: "/customers", body))
    }

    @Sendable func customer(_ request: Request, context: ServerContext) async throws -> Response {
        let reference = try context.parameters.decoded("reference")
        let store = self.store
        let dossier = try await offload { try CustomerDossier.load(reference, recentLimit: 30, from: store) }
        await readAudit.record(user: context.identity, customerID: dossier.view.id, at: clock.now, via: "page")
        let page = Customer360Page(text: text, view: dossier.view, scores: dossier.scores, segments: dossier.segments)
        return PageResponse.html(
            Layout(text: text, user: context.identity).page(title: page.title, current: "/customers", page.body))
    }
}
