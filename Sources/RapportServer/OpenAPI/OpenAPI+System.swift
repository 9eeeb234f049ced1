extension OpenAPIDocument {
    /// Health, this document, metrics, and the shapes every error shares.
    static let system = Fragment(
        paths: #"""
            "/health": {
              "get": {
                "operationId": "health",
                "summary": "The server and its database answer.",
                "security": [],
                "responses": {
                  "200": {"description": "Healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                  "500": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "security": [],
                "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics (text format). Needs the analyst role.",
                "responses": {
                  "200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
                  "401": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "Health": {
                "type": "object", "required": ["status"], "additionalProperties": false,
                "properties": {"status": {"type": "string", "enum": ["ok"]}}
              },
              "Error": {
                "type": "object", "required": ["error"], "additionalProperties": false,
                "properties": {
                  "error": {
                    "type": "object", "required": ["code", "message"], "additionalProperties": false,
                    "properties": {
                      "code": {"type": "string", "description": "bad_request, unauthorized, forbidden, not_found, conflict, too_large, invalid, csrf, internal…"},
                      "message": {"type": "string", "description": "What went wrong and how to fix it."},
                      "field": {"type": "string", "description": "The field or parameter at fault."}
                    }
                  }
                }
              }
            """#)
}
