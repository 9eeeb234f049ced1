import Foundation
import Hummingbird
import RapportCore
import RapportIngest

/// The import page: upload a file from the browser, see what it did and its rejected rows.
extension PageRoutes {
    var uploads: Uploads { Uploads(directory: configuration.uploadsDirectory) }

    @Sendable func imports(_ request: Request, context: ServerContext) async throws -> Response {
        let (store, uploads) = (self.store, self.uploads)
        let journal = try await offload {
            try store.importJournal(limit: 30).map { ($0, ImportRoutes.rejectsFile(of: $0, in: uploads) != nil) }
        }
        let body = ImportListPage(text: text, journal: journal, csrf: writerToken(context)).body
        return page(body, title: text[.imports], current: "/imports", context: context)
    }

    @Sendable func upload(_ request: Request, context: ServerContext) async throws -> Response {
        let form = MultipartUpload(uploads: uploads, limit: configuration.maximumUploadBytes)
        try await form.read(request)
        guard let file = form.file else { throw APIError.badRequest("choose a file to import", field: "file") }
        let kind = try ImportRoutes.kind(form.fields["kind"] ?? "")
        var options = ImportOptions(defaultCountry: configuration.defaultCountry, now: clock.now)
        options.createCustomersHint = "tick “\(text[.createCustomers])”"
        options.createMissingCustomers = form.fields["create_customers"] == "true"
        let result = try await ImportRoutes.importUploaded(
            kind, file: file.path, options: options, store: store, uploads: uploads, insights: insights)
        let rejects = result.rejectsURL == nil ? [] : try await offload { try Self.firstRejects(of: file.path, count: 20) }
        let body = ImportResultPage(text: text, result: result, rejects: rejects).body
        let stored = file.path.split(separator: "/").last.map(String.init) ?? file.name
        return page(body, title: text(.importResult, stored), current: "/imports", context: context)
    }

    /// The first `count` rejected rows (line, field, value, reason) of an import's rejects file.
    static func firstRejects(of file: String, count: Int) throws -> [[String]] {
        var rows: [[String]] = []
        try PairFile.read(file + ".rejects.csv", columns: [["line"], ["field"], ["value"], ["reason"]]) { values, _ in
            if rows.count < count { rows.append(values) }
        }
        return rows
    }
}
