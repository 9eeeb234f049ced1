extension OpenAPIDocument {
    /// Imports by upload, the journal, and rejects files.
    static let imports = Fragment(
        paths: #"""
            "/api/v1/imports": {
              "get": {
                "operationId": "listImports",
                "summary": "The import journal, newest first.",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}],
                "responses": {
                  "200": {"description": "Imports", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["items"], "additionalProperties": false,
                    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Import"}}}}}}},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}
                }
              },
              "post": {
                "operationId": "uploadImport",
                "summary": "Imports the body, a CSV or JSON Lines file, as `rapport import KIND FILE` would. Needs the marketer role.",
                "description": "Applied in one transaction; bad rows go to a rejects file (rejectsURL). Orders take their lines on repeated rows.",
                "parameters": [
                  {"name": "kind", "in": "query", "required": true, "schema": {"type": "string", "enum": ["customers", "products", "orders", "events", "consents"]}},
                  {"name": "name", "in": "query", "schema": {"type": "string"}, "description": "The file's name; .jsonl or .ndjson is read as JSON Lines."},
                  {"$ref": "#/components/parameters/CreateCustomers"}
                ],
                "requestBody": {"required": true, "content": {
                  "text/csv": {"schema": {"type": "string", "minLength": 1}}, "application/x-ndjson": {"schema": {"type": "string", "minLength": 1}},
                  "application/octet-stream": {"schema": {"type": "string", "format": "binary", "minLength": 1}}}},
                "responses": {
                  "200": {"description": "What the import did", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Import"}}}},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/imports/{id}/rejects": {
              "get": {
                "operationId": "importRejects",
                "summary": "The rejects of an uploaded import: line, field, value, reason, row.",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {
                  "200": {"description": "The rejects CSV", "content": {"text/csv": {"schema": {"type": "string"}}}},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "Import": {
                "type": "object", "additionalProperties": false,
                "required": ["kind", "file", "bytes", "startedAt", "finishedAt", "inserted", "updated", "unchanged", "rejected"],
                "properties": {
                  "id": {"type": "integer"}, "kind": {"type": "string"}, "file": {"type": "string"}, "bytes": {"type": "integer"},
                  "startedAt": {"type": "string", "format": "date-time"}, "finishedAt": {"type": "string", "format": "date-time"},
                  "inserted": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"},
                  "rejected": {"type": "integer"}, "rejectsURL": {"type": "string"},
                  "createdCustomers": {"type": "integer"}, "promotedProspects": {"type": "integer"}, "seconds": {"type": "number"}
                }
              }
            """#)
}
