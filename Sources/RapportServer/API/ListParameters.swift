import Hummingbird
import HummingbirdCore
import RapportCore

/// The query parameters of a list request, checked: a bad value is refused with 400 naming the
/// parameter and what it accepts.
struct ListParameters: Sendable {
    let parameters: [String: String]
    let configuration: ServerConfiguration

    /// The first value of each query parameter.
    init(_ query: FlatDictionary<Substring, Substring>, configuration: ServerConfiguration) {
        var parameters: [String: String] = [:]
        for (name, value) in query where parameters[String(name)] == nil { parameters[String(name)] = String(value) }
        self.parameters = parameters
        self.configuration = configuration
    }

    var limit: Int {
        get throws {
            guard let text = parameters["limit"] else { return configuration.defaultPageSize }
            guard let limit = Int(text), limit >= 1, limit <= configuration.maximumPageSize else {
                throw APIError.badRequest("limit must be a whole number from 1 to \(configuration.maximumPageSize), not '\(text)'", field: "limit")
            }
            return limit
        }
    }

    /// The id after which the page starts, from the cursor of the previous page.
    var afterID: Int64? {
        get throws {
            guard let text = parameters["cursor"] else { return nil }
            guard text.hasPrefix("c"), let id = Int64(text.dropFirst()), id >= 0 else {
                throw APIError.badRequest("cursor '\(text)' is not one this server gave: pass nextCursor from the previous page", field: "cursor")
            }
            return id
        }
    }

    /// The cursor that continues after `id`: opaque to callers.
    static func cursor(after id: Int64) -> String { "c\(id)" }

    /// The customer query the parameters describe; `segment` is looked up by name in `store`.
    func customerQuery(store: any ServerStore) throws -> CustomerListQuery {
        var query = CustomerListQuery(limit: try limit)
        query.afterID = try afterID
        if let search = parameters["search"], !search.isEmpty { query.search = search }
        if let kind = parameters["kind"] {
            guard let parsed = CustomerKind(rawValue: kind) else {
                throw APIError.badRequest("kind must be prospect, customer or former, not '\(kind)'", field: "kind")
            }
            query.kind = parsed
        }
        if let name = parameters["segment"], !name.isEmpty {
            guard let segment = try store.segment(named: name) else {
                throw APIError.badRequest("no saved segment named '\(name)'", field: "segment")
            }
            query.segmentID = segment.id
        }
        if let country = parameters["country"], !country.isEmpty {
            do throws(ValidationError) {
                query.country = try CountryCode(country)
            } catch {
                throw APIError.badRequest("country '\(country)': \(error.reason)", field: "country")
            }
        }
        return query
    }
}
