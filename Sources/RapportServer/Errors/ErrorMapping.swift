import Hummingbird
import NIOCore
import RapportCore
import RapportEngine
import RapportIngest

/// The one place where errors become HTTP statuses: domain errors carry what a person needs to
/// fix the input, and keep it on the way out.
enum ErrorMapping {
    static func apiError(for error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return APIError(error.status, code: code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        case let error as UserStoreError:
            switch error {
            case .emailTaken: return APIError(.conflict, code: "conflict", message: error.description, field: "email")
            case .noSuchUser: return .notFound(error.description)
            }
        case let error as SegmentStoreError:
            switch error {
            case .duplicateName: return APIError(.conflict, code: "conflict", message: error.description, field: "name")
            case .notFound: return .notFound(error.description)
            }
        case let error as SegmentEvaluationError:
            return .invalid(error.description, field: "definition")
        case let error as InteractError:
            if case .unknownCampaign = error { return .notFound(error.description) }
            if case .unknownProgramme = error { return .notFound(error.description) }
            return .invalid(error.description, field: "definition")
        case let error as SegmentSyntaxError:
            return .invalid(error.description, field: "definition")
        case let error as SegmentDefinitionError:
            return .invalid(error.description, field: "definition")
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "too_large", message: "the body is larger than this endpoint accepts; send fewer records per request")
        case let error as RecordBodyError:
            if case .store(let underlying) = error { return apiError(for: underlying) }
            // Too many records breaks the document's maxItems: a 422 like any other schema breach;
            // 413 stays for a body too large in bytes.
            if case .tooMany = error { return APIError(.unprocessableContent, code: "too_many_records", message: error.description) }
            return .badRequest(error.description, field: error.field)
        case let error as FileFormatError:
            return .invalid(error.description, field: "file")
        case let error as ValidationError:
            return .invalid(error.description, field: error.field)
        case is DecodingError:
            return .badRequest("the body is not the JSON this endpoint expects: \(describe(error))")
        default:
            return nil
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 422: "invalid"
        case 429: "too_many_requests"
        default: status.code >= 500 ? "internal" : "error"
        }
    }

    /// A decoding error in words, with the JSON path of the field at fault.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            return "$" + keys.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context)) should be \(jsonType(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)) should be \(jsonType(type)), not null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
