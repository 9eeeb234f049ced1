import Foundation
import Hummingbird
import RapportCore
import RapportEngine

extension SegmentBody: ResponseEncodable {}
extension SegmentListBody: ResponseEncodable {}

/// `/api/v1/segments`: saved segments — list and read for every role; create, refresh and delete
/// for marketers. Members are listed by `/api/v1/customers?segment=NAME`.
struct SegmentRoutes {
    let store: any ServerStore
    let clock: any RapportCore.Clock

    func addReading(to group: RouterGroup<ServerContext>) {
        group.get("segments", use: list)
        group.get("segments/{name}", use: show)
    }

    func addWriting(to group: RouterGroup<ServerContext>) {
        group.post("segments", use: create)
        group.post("segments/{name}/refresh", use: refresh)
        group.delete("segments/{name}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> SegmentListBody {
        let store = self.store
        return SegmentListBody(items: try await offload { try store.segments().map { SegmentBody($0) } })
    }

    @Sendable func show(_ request: Request, context: ServerContext) async throws -> SegmentBody {
        let name = try context.parameters.decoded("name")
        let store = self.store
        return try await offload {
            let record = try Self.segment(name, in: store)
            return SegmentBody(record, snapshots: try store.snapshots(ofSegment: record.id, limit: 30))
        }
    }

    @Sendable func create(_ request: Request, context: ServerContext) async throws -> EditedResponse<SegmentBody> {
        let body = try await request.decode(as: NewSegmentBody.self, context: context)
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw APIError.invalid("name must have 1 to 100 characters", field: "name") }
        if let every = body.everyMinutes, every <= 0 { throw APIError.invalid("everyMinutes must be a positive number of minutes", field: "everyMinutes") }
        let today = try evaluationDay(request)
        let (store, now) = (self.store, clock.now)
        let created = try await offload {
            try SavedSegments.createDynamic(
                name: name, definition: body.definition, description: body.description, everyMinutes: body.everyMinutes,
                store: store, today: today, now: now)
        }
        var record = created.record
        record.size = created.snapshot.size
        record.evaluatedAt = created.snapshot.at
        return EditedResponse(status: .created, response: SegmentBody(record, snapshots: [created.snapshot], notes: created.hints))
    }

    @Sendable func refresh(_ request: Request, context: ServerContext) async throws -> SegmentBody {
        let name = try context.parameters.decoded("name")
        let today = try evaluationDay(request)
        let (store, now) = (self.store, clock.now)
        return try await offload {
            let record = try Self.segment(name, in: store)
            guard record.kind == .dynamic else {
                throw APIError.invalid("\"\(name)\" is a static list: only dynamic segments are evaluated", field: "name")
            }
            let outcome = try SavedSegments.refresh([record], store: store, today: today, now: now)
            if case .failure(let error)? = outcome.first?.outcome { throw error }
            let updated = try Self.segment(name, in: store)
            return SegmentBody(updated, snapshots: try store.snapshots(ofSegment: updated.id, limit: 30))
        }
    }

    @Sendable func delete(_ request: Request, context: ServerContext) async throws -> HTTPResponse.Status {
        let name = try context.parameters.decoded("name")
        let store = self.store
        try await offload {
            _ = try Self.segment(name, in: store)
            try store.deleteSegment(named: name)
        }
        return .noContent
    }

    static func segment(_ name: String, in store: any ServerStore) throws -> SegmentRecord {
        guard let record = try store.segment(named: name) else { throw SegmentStoreError.notFound(name) }
        return record
    }

    /// `as_of=YYYY-MM-DD` evaluates relative dates and windows as of that day; today by default.
    private func evaluationDay(_ request: Request) throws -> CalendarDate {
        guard let text = request.uri.queryParameters["as_of"] else { return clock.now.utcDate }
        guard let day = ISO8601Parser.date(String(text)) else {
            throw APIError.badRequest("as_of must be a day written YYYY-MM-DD, not '\(text)'", field: "as_of")
        }
        return day
    }
}
