/// Why a request's records were refused as a whole: nothing of the request was applied.
public enum RecordBodyError: Error, CustomStringConvertible {
    case notJSON(offset: Int, reason: String)
    case notRecords(detail: String)
    case tooMany(count: Int, limit: Int)
    case missingIdentifier(record: Int, field: String, kind: ImportKind)
    case identifierMismatch(field: String, given: String, expected: String)
    /// The store failed (the transaction was rolled back).
    case store(any Error)

    /// The field a client should look at, as a JSON path into the request (`[3].event_id`).
    public var field: String? {
        switch self {
        case .missingIdentifier(let record, let field, _): return "[\(record - 1)].\(field)"
        case .identifierMismatch(let field, _, _): return field
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .notJSON(let offset, let reason):
            return "the body is not valid JSON (\(reason) at character \(offset + 1))"
        case .notRecords(let detail):
            return "the body holds no records: \(detail)"
        case .tooMany(let count, let limit):
            return "\(count) records in one request; send at most \(limit) per request"
        case .missingIdentifier(let record, let field, let kind):
            return "record \(record) has no \(field); every \(kind.rawValue.dropLast()) sent through the API needs its \(field), which makes a retry safe"
        case .identifierMismatch(let field, let given, let expected):
            return "the body's \(field) is \(given) but the URL names \(expected); an identifier cannot be changed"
        case .store(let error):
            return "the records could not be written: \(error)"
        }
    }
}
