import Foundation
public import Hummingbird

/// An error as the API answers it: a status, a stable machine-readable code, a message saying
/// what to do, and the field at fault when there is one.
///
/// Body: `{"error": {"code": "…", "message": "…", "field": "…"}}`.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    /// For 405: the methods the path takes, sent in `Allow`.
    public var allow: [String]

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, allow: [String] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.allow = allow
    }

    public var headers: HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !allow.isEmpty { headers[.allow] = allow.joined(separator: ", ") }
        return headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(ErrorBody(error: .init(code: code, message: message, field: field)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func unauthorized() -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: "sign in or send an API token: Authorization: Bearer <token>")
    }

    static func forbidden(_ required: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: "this needs the \(required) role")
    }

    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: what)
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: "bad_request", message: message, field: field)
    }

    static func invalid(_ message: String, field: String?) -> APIError {
        APIError(.unprocessableContent, code: "invalid", message: message, field: field)
    }
}

/// The JSON of an ``APIError``.
private struct ErrorBody: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
        var field: String?
    }
    var error: Detail
}
