import Foundation
import Hummingbird
import RapportCore
import RapportEngine

/// The segment pages: list and create, one segment, refresh and delete.
extension PageRoutes {
    struct SegmentForm: Decodable {
        var name: String
        var definition: String
        var description: String?
    }

    @Sendable func segments(_ request: Request, context: ServerContext) async throws -> Response {
        let store = self.store
        let list = try await offload { try store.segments() }
        let body = SegmentListPage(text: text, segments: list, csrf: writerToken(context)).body
        return page(body, title: text[.segments], current: "/segments", context: context)
    }

    @Sendable func segment(_ request: Request, context: ServerContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        let store = self.store
        let (record, snapshots) = try await offload {
            let record = try SegmentRoutes.segment(name, in: store)
            return (record, try store.snapshots(ofSegment: record.id, limit: 60))
        }
        let history = PageCharts.segmentHistory(snapshots, text: text)
        let body = SegmentPage(text: text, segment: record, snapshots: snapshots, history: history, csrf: writerToken(context)).body
        return page(body, title: record.name, current: "/segments", context: context)
    }

    /// Saves the segment and shows it; on a bad definition, the form again with the error.
    @Sendable func createSegment(_ request: Request, context: ServerContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: configuration.maximumBodyBytes)
        guard let form = try? URLEncodedFormDecoder().decode(SegmentForm.self, from: String(buffer: body)) else {
            throw APIError.badRequest("the form needs a name and a definition")
        }
        let name = form.name.trimmingCharacters(in: .whitespaces)
        let description = form.description.flatMap { $0.isEmpty ? nil : $0 }
        let (store, now, today) = (self.store, clock.now, clock.now.utcDate)
        do {
            guard !name.isEmpty else { throw APIError.invalid("give the segment a name", field: "name") }
            _ = try await offload {
                try SavedSegments.createDynamic(
                    name: name, definition: form.definition, description: description, everyMinutes: nil, store: store,
                    today: today, now: now)
            }
            return PageResponse.redirect(to: "/segments/" + CustomerListPage.pathComponent(name))
        } catch {
            guard let mapped = ErrorMapping.apiError(for: error), mapped.status.code < 500 else { throw error }
            let list = try await offload { try store.segments() }
            var listPage = SegmentListPage(text: text, segments: list, csrf: writerToken(context))
            listPage.draft = (form.name, form.definition, form.description ?? "")
            listPage.error = mapped.message
            return PageResponse.html(
                Layout(text: text, user: context.identity).page(title: text[.segments], current: "/segments", listPage.body),
                status: mapped.status)
        }
    }

    @Sendable func refreshSegment(_ request: Request, context: ServerContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        let (store, now, today) = (self.store, clock.now, clock.now.utcDate)
        try await offload {
            let record = try SegmentRoutes.segment(name, in: store)
            if case .failure(let error)? = try SavedSegments.refresh([record], store: store, today: today, now: now).first?.outcome {
                throw error
            }
        }
        return PageResponse.redirect(to: "/segments/" + CustomerListPage.pathComponent(name))
    }

    @Sendable func deleteSegment(_ request: Request, context: ServerContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        let store = self.store
        try await offload {
            _ = try SegmentRoutes.segment(name, in: store)
            try store.deleteSegment(named: name)
        }
        return PageResponse.redirect(to: "/segments")
    }
}
