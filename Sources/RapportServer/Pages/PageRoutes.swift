import Hummingbird
import RapportCore

/// The server-rendered pages behind sign-in.
struct PageRoutes {
    let store: any ServerStore
    let configuration: ServerConfiguration
    let text = Localization.english

    func add(to group: RouterGroup<ServerContext>) {
        group.get("/", use: dashboard)
        group.get("customers", use: customers)
        group.get("customers/{reference}", use: customer)
    }

    @Sendable func dashboard(_ request: Request, context: ServerContext) async throws -> Response {
        let store = self.store
        let summary = try await offload { try store.summary() }
        let page = DashboardPage(text: text, summary: summary)
        return PageResponse.html(Layout(text: text, user: context.identity).page(title: text[.dashboard], current: "/", page.body))
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
        let page = Customer360Page(text: text, view: dossier.view, scores: dossier.scores, segments: dossier.segments)
        return PageResponse.html(
            Layout(text: text, user: context.identity).page(title: page.title, current: "/customers", page.body))
    }
}
