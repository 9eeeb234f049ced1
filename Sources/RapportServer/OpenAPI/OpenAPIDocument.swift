import Foundation

/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`, assembled from one
/// fragment of paths and schemas per area (OpenAPI+*.swift). A test checks that every API route of
/// the router is described here and that answers validate against it.
enum OpenAPIDocument {
    /// One area's part of the document: `"path": {…}` members and `"Schema": {…}` members.
    struct Fragment {
        var paths: String
        var schemas: String
    }

    /// Strings as the members of a JSON array, without the brackets.
    static func jsonList(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// The IANA time zone names the server knows, which customers' `timezone` may take.
    static let timeZones = TimeZone.knownTimeZoneIdentifiers.sorted()

    static let fragments: [Fragment] = [system, customers, records, analytics, segments, imports, collect]

    static let json: String = {
        let paths = fragments.map(\.paths).filter { !$0.isEmpty }.joined(separator: ",\n")
        let schemas = fragments.map(\.schemas).filter { !$0.isEmpty }.joined(separator: ",\n")
        return head + "\n  \"paths\": {\n" + paths + "\n  },\n" + components + "\n" + schemas + "\n    }\n  }\n}\n"
    }()

    private static let head = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Rapport API",
            "version": "1.0.0",
            "description": "The customer knowledge base, scores and targets of Rapport. Authenticate with an API token (Authorization: Bearer rpt_…), created with `rapport user token`. Errors are {\"error\": {\"code\", \"message\", \"field\"}}."
          },
          "servers": [{"url": "/"}],
          "security": [{"bearer": []}, {"session": []}],
        """#

    private static let components = #"""
          "components": {
            "securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer", "description": "An API token: rpt_ followed by 43 characters."},
              "session": {"type": "apiKey", "in": "cookie", "name": "rapport_session", "description": "The pages' session; state-changing requests also need X-CSRF-Token."}
            },
            "parameters": {
              "AsOf": {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "The day relative dates and windows are evaluated as of; today by default."},
              "SegmentName": {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}},
              "CreateCustomers": {"name": "create_customers", "in": "query", "schema": {"type": "boolean", "default": false}, "description": "Make a minimal profile for an unknown customer_id instead of rejecting the record."}
            },
            "responses": {
              "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "WriteResult": {"description": "What became of each record; 422 instead when every record was rejected", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WriteResult"}}}}
            },
            "schemas": {
        """#
}
