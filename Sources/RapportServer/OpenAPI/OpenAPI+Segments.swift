extension OpenAPIDocument {
    /// Saved segments.
    static let segments = Fragment(
        paths: #"""
            "/api/v1/segments": {
              "get": {
                "operationId": "listSegments",
                "summary": "The saved segments. Members: GET /api/v1/customers?segment=NAME.",
                "responses": {
                  "200": {"description": "The segments", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["items"], "additionalProperties": false,
                    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Segment"}}}}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}
                }
              },
              "post": {
                "operationId": "createSegment",
                "summary": "Saves a dynamic segment and evaluates it. Needs the marketer role.",
                "parameters": [{"$ref": "#/components/parameters/AsOf"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["name", "definition"], "additionalProperties": false,
                  "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 100},
                    "definition": {"type": "string", "pattern": "[^ \\t\\r\\n]", "description": "The segment language (see docs/segments.md), or its JSON form as a string."},
                    "description": {"type": "string"},
                    "everyMinutes": {"type": "integer", "minimum": 1, "description": "Minutes between scheduled evaluations."}}}}}},
                "responses": {
                  "201": {"description": "Saved and evaluated", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Segment"}}}},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/segments/{name}": {
              "get": {
                "operationId": "getSegment",
                "summary": "One segment with its latest snapshots (size, entries, exits, churn).",
                "parameters": [{"$ref": "#/components/parameters/SegmentName"}],
                "responses": {
                  "200": {"description": "The segment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Segment"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}
                }
              },
              "delete": {
                "operationId": "deleteSegment",
                "summary": "Deletes a segment, its members and snapshots. Needs the marketer role.",
                "parameters": [{"$ref": "#/components/parameters/SegmentName"}],
                "responses": {
                  "204": {"description": "Deleted"},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/segments/{name}/refresh": {
              "post": {
                "operationId": "refreshSegment",
                "summary": "Evaluates a dynamic segment again and records a snapshot. Needs the marketer role.",
                "parameters": [{"$ref": "#/components/parameters/SegmentName"}, {"$ref": "#/components/parameters/AsOf"}],
                "responses": {
                  "200": {"description": "The segment after evaluation", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Segment"}}}},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "Segment": {
                "type": "object", "additionalProperties": false, "required": ["name", "kind", "size", "createdAt", "updatedAt"],
                "properties": {
                  "name": {"type": "string"}, "kind": {"type": "string", "enum": ["dynamic", "static"]},
                  "definition": {"type": "string"}, "description": {"type": "string"}, "everyMinutes": {"type": "integer"},
                  "size": {"type": "integer"}, "createdAt": {"type": "string", "format": "date-time"},
                  "updatedAt": {"type": "string", "format": "date-time"}, "evaluatedAt": {"type": "string", "format": "date-time"},
                  "notes": {"type": "array", "items": {"type": "string"}},
                  "snapshots": {"type": "array", "items": {
                    "type": "object", "required": ["at", "size", "entries", "exits"], "additionalProperties": false,
                    "properties": {"at": {"type": "string", "format": "date-time"}, "size": {"type": "integer"},
                      "entries": {"type": "integer"}, "exits": {"type": "integer"}, "churn": {"type": "number"}}}}
                }
              }
            """#)
}
