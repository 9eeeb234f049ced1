import Hummingbird
import RapportCore

extension CustomerBody: ResponseEncodable {}
extension PageBody: ResponseEncodable {}
extension Customer360Body: ResponseEncodable {}

/// `/api/v1/customers`: the list with filters and cursor pagination, and the 360 view.
struct CustomerRoutes {
    let store: any ServerStore
    let configuration: ServerConfiguration
    let readAudit: ReadAudit

    func add(to group: RouterGroup<ServerContext>) {
        group.get("customers", use: list)
        group.get("customers/{reference}", use: show)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> PageBody<CustomerBody> {
        let parameters = ListParameters(request.uri.queryParameters, configuration: configuration)
        let store = self.store
        let page = try await offload { try store.listCustomers(try parameters.customerQuery(store: store)) }
        return PageBody(
            items: page.entries.map { CustomerBody(id: $0.id, customer: $0.customer, updatedAt: $0.updatedAt) },
            nextCursor: page.nextAfterID.map(ListParameters.cursor(after:)))
    }

    @Sendable func show(_ request: Request, context: ServerContext) async throws -> Customer360Body {
        let reference = try context.parameters.decoded("reference")
        let store = self.store
        let dossier = try await offload { try CustomerDossier.load(reference, recentLimit: 20, from: store) }
        await readAudit.record(user: context.identity, customerID: dossier.view.id, at: SystemClock().now, via: "api")
        return Customer360Body(dossier.view, scores: dossier.scores, segments: dossier.segments.map(\.name))
    }
}
