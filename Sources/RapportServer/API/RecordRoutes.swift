import Hummingbird
import HummingbirdCore
import RapportCore
import RapportIngest

extension WriteResultBody: ResponseEncodable {}

/// The write side of the knowledge base: customers (create or update, and update one by
/// reference), products, orders, consents and events, one record or a batch per request. Records
/// are the rows of an import file as JSON objects, checked by the same rules; a record sent again
/// changes nothing, so a client may retry any request whose answer it did not get.
struct RecordRoutes {
    let store: any ServerStore
    let configuration: ServerConfiguration
    let clock: any RapportCore.Clock
    /// Marked stale after every write, so that the dashboard counts what was just written.
    let insights: InsightsCache
    /// Commits the records of concurrent requests together.
    let writes: WriteQueue

    func add(to group: RouterGroup<ServerContext>) {
        group.post("customers") { request, context in try await self.write(.customers, request, context) }
        group.patch("customers/{reference}", use: update)
        group.post("products") { request, context in try await self.write(.products, request, context) }
        group.post("orders") { request, context in try await self.write(.orders, request, context) }
        group.post("consents") { request, context in try await self.write(.consents, request, context) }
        group.post("events") { request, context in try await self.write(.events, request, context, single: true) }
        group.post("events/batch") { request, context in try await self.write(.events, request, context, batch: true) }
    }

    /// Applies the records of the body; 422 when every record was rejected.
    func write(
        _ kind: ImportKind, _ request: Request, _ context: ServerContext, single: Bool = false, batch: Bool = false
    ) async throws -> WriteResultBody {
        var request = request
        let body = try await bodyBytes(&request)
        if single || batch {
            let isArray = body.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) == UInt8(ascii: "[")
            if single && isArray { throw APIError.badRequest("send one event object here; arrays go to /api/v1/events/batch") }
            if batch && !isArray { throw APIError.badRequest("send a JSON array of events; one event goes to /api/v1/events") }
        }
        let options = try self.options(request)
        let prepared = try await offload { try RecordIngestion.prepare(kind, body: body, options: options) }
        let ingested = try await writes.apply(prepared)
        await insights.invalidate()
        return try WriteResultBody.answer(ingested)
    }

    /// `PATCH /api/v1/customers/{reference}`: changes the fields the body gives and no other.
    @Sendable func update(_ request: Request, context: ServerContext) async throws -> CustomerBody {
        var request = request
        let reference = try context.parameters.decoded("reference")
        let body = try await bodyBytes(&request)
        let options = try self.options(request)
        let store = self.store
        defer { Task { await insights.invalidate() } }
        return try await offload {
            guard let id = try store.customerID(lookingUp: reference, defaultCountry: options.defaultCountry),
                let before = try store.customer360(id: id, recentLimit: 0)
            else { throw APIError.notFound("no customer is known by '\(reference)'") }
            let ingested = try RecordIngestion.ingest(
                .customers, body: body, identifier: before.customer.externalID, options: options, into: store)
            _ = try WriteResultBody.answer(ingested)
            guard let after = try store.customer360(id: id, recentLimit: 0) else {
                throw APIError.notFound("customer '\(reference)' was deleted meanwhile")
            }
            return CustomerBody(id: after.id, customer: after.customer, updatedAt: after.updatedAt)
        }
    }

    private func bodyBytes(_ request: inout Request) async throws -> [UInt8] {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the records as application/json, not \(type)")
        }
        let buffer = try await request.collectBody(upTo: configuration.maximumBodyBytes)
        return Array(buffer.readableBytesView)
    }

    /// `create_customers=true` makes a minimal profile for an unknown `customer_id`.
    private func options(_ request: Request) throws -> ImportOptions {
        var options = ImportOptions(defaultCountry: configuration.defaultCountry, now: clock.now)
        options.createCustomersHint = "add create_customers=true to the URL"
        if let flag = request.uri.queryParameters["create_customers"] {
            switch flag {
            case "true": options.createMissingCustomers = true
            case "false": options.createMissingCustomers = false
            default: throw APIError.badRequest("create_customers must be true or false, not '\(flag)'", field: "create_customers")
            }
        }
        return options
    }
}
