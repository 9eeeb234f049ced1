import Foundation
import Hummingbird
import HummingbirdCore
import RapportCore
import RapportIngest

extension ImportBody: ResponseEncodable {}
extension ImportListBody: ResponseEncodable {}

/// `/api/v1/imports`: upload a file (the body, as is) to import it, list the journal, download
/// an import's rejects. The upload is kept with its rejects under the uploads directory.
struct ImportRoutes {
    let store: any ServerStore
    let configuration: ServerConfiguration
    let clock: any RapportCore.Clock
    let insights: InsightsCache

    var uploads: Uploads { Uploads(directory: configuration.uploadsDirectory) }

    func addReading(to group: RouterGroup<ServerContext>) {
        group.get("imports", use: list)
        group.get("imports/{id}/rejects", use: rejects)
    }

    func addWriting(to group: RouterGroup<ServerContext>) {
        group.post("imports", use: upload)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> ImportListBody {
        let limit = try ListParameters(request.uri.queryParameters, configuration: configuration).limit
        let (store, uploads) = (self.store, self.uploads)
        return try await offload {
            ImportListBody(items: try store.importJournal(limit: limit).map { ImportBody($0, hasRejects: Self.rejectsFile(of: $0, in: uploads) != nil) })
        }
    }

    /// `POST /api/v1/imports?kind=KIND&name=FILE`: the body is the file (CSV or JSON Lines).
    @Sendable func upload(_ request: Request, context: ServerContext) async throws -> ImportBody {
        guard let kindText = request.uri.queryParameters["kind"] else {
            throw APIError.badRequest("say what the file holds: ?kind=customers, products, orders, events or consents", field: "kind")
        }
        let kind = try Self.kind(String(kindText))
        let name = request.uri.queryParameters["name"].map(String.init) ?? Self.defaultName(for: request.headers[.contentType])
        var options = ImportOptions(defaultCountry: configuration.defaultCountry, now: clock.now)
        options.createCustomersHint = "add create_customers=true to the URL"
        if let flag = request.uri.queryParameters["create_customers"] {
            guard flag == "true" || flag == "false" else {
                throw APIError.badRequest("create_customers must be true or false, not '\(flag)'", field: "create_customers")
            }
            options.createMissingCustomers = flag == "true"
        }
        let file = try uploads.newFile(named: name)
        try await Self.save(request.body, to: file, limit: configuration.maximumUploadBytes)
        return try await Self.importUploaded(kind, file: file, options: options, store: store, uploads: uploads, insights: insights)
    }

    @Sendable func rejects(_ request: Request, context: ServerContext) async throws -> Response {
        let text = try context.parameters.require("id")
        guard let id = Int64(text) else { throw APIError.badRequest("the import id is a number, not '\(text)'", field: "id") }
        let (store, uploads) = (self.store, self.uploads)
        let data = try await offload { () -> Data in
            guard let entry = try store.importJournalEntry(id: id) else { throw APIError.notFound("no import \(id) in the journal") }
            guard let path = Self.rejectsFile(of: entry, in: uploads), let data = FileManager.default.contents(atPath: path) else {
                throw APIError.notFound("import \(id) has no rejects file on this server")
            }
            return data
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"import-\(id)-rejects.csv\""],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// Runs the import and answers with its journal line and what it did.
    static func importUploaded(
        _ kind: ImportKind, file: String, options: ImportOptions, store: any ServerStore, uploads: Uploads, insights: InsightsCache
    ) async throws -> ImportBody {
        let (summary, journal) = try await offload { try Uploads.run(kind, file: file, options: options, store: store) }
        await insights.invalidate()
        let now = options.now
        let entry =
            journal
            ?? ImportJournalEntry(
                id: 0,
                record: ImportRecord(kind: kind.rawValue, file: file, bytes: 0, startedAt: now, finishedAt: now, counts: summary.counts))
        var body = ImportBody(entry, hasRejects: summary.rejectsFile != nil)
        if journal == nil { body.id = nil }
        body.createdCustomers = summary.createdCustomers
        body.promotedProspects = summary.promotedProspects
        body.seconds = summary.seconds
        return body
    }

    /// Streams a body to `path`, refusing it (and removing what was written) past `limit` bytes.
    static func save(_ body: RequestBody, to path: String, limit: Int) async throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw APIError(.internalServerError, code: "internal", message: "the uploads directory is not writable")
        }
        var written = 0
        do {
            defer { try? handle.close() }
            for try await buffer in body {
                written += buffer.readableBytes
                guard written <= limit else {
                    throw APIError(.contentTooLarge, code: "too_large", message: "the file is larger than \(limit >> 20) MiB; split it, or import it with `rapport import`")
                }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        guard written > 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw APIError.badRequest("the body is empty: send the file's content")
        }
    }

    static func kind(_ text: String) throws -> ImportKind {
        guard let kind = ImportKind(rawValue: text), kind != .orderLines else {
            throw APIError.badRequest("kind must be customers, products, orders, events or consents, not '\(text)'", field: "kind")
        }
        return kind
    }

    static func defaultName(for contentType: String?) -> String {
        let type = contentType?.lowercased() ?? ""
        return type.contains("json") ? "upload.jsonl" : "upload.csv"
    }

    /// The rejects file of an import, when the upload is ours and the file is still there.
    static func rejectsFile(of entry: ImportJournalEntry, in uploads: Uploads) -> String? {
        guard entry.record.counts.rejected > 0, uploads.holds(entry.record.file) else { return nil }
        let path = entry.record.file + ".rejects.csv"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
