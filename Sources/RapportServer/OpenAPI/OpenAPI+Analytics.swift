extension OpenAPIDocument {
    /// The base in figures, the latest analysis, and one customer's scores.
    static let analytics = Fragment(
        paths: #"""
            "/api/v1/analytics/overview": {
              "get": {
                "operationId": "analyticsOverview",
                "summary": "The base in figures: counts, revenue, active customers, new and lost per month, cohort retention, RFM grid, CLV distribution, lifecycle funnel.",
                "description": "Computed from every order and the latest scores, then kept for up to five minutes (a write through this server refreshes it).",
                "responses": {
                  "200": {"description": "The overview", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Overview"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/analytics/latest": {
              "get": {
                "operationId": "latestAnalysis",
                "summary": "The latest analysis run (rapport analyze) and its report.",
                "responses": {
                  "200": {"description": "The run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Analysis"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/customers/{reference}/scores": {
              "get": {
                "operationId": "customerScores",
                "summary": "One customer's latest scores and their history, newest first.",
                "parameters": [
                  {"name": "reference", "in": "path", "required": true, "schema": {"type": "string"}, "description": "External id, e-mail or phone number."}
                ],
                "responses": {
                  "200": {"description": "The scores", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Scores"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "Overview": {
                "type": "object", "additionalProperties": false,
                "required": ["asOf", "customers", "buyers", "activeCustomers", "orders", "revenue", "margin", "averageBasket", "ordersPerBuyer", "events", "insights"],
                "properties": {
                  "asOf": {"type": "string", "format": "date", "description": "The day of the latest order."},
                  "customers": {"type": "integer"}, "buyers": {"type": "integer"},
                  "activeCustomers": {"type": "integer", "description": "Customers with an order in the 365 days up to asOf."},
                  "orders": {"type": "integer"}, "revenue": {"type": "number"}, "margin": {"type": "number"},
                  "averageBasket": {"type": "number"}, "ordersPerBuyer": {"type": "number"}, "events": {"type": "integer"},
                  "insights": {
                    "type": "object", "additionalProperties": false,
                    "required": ["asOf", "activeCustomers", "months", "cohorts", "rfmGrid", "lifetimeValues", "lifecycle", "scoredCustomers"],
                    "properties": {
                      "asOf": {"type": "string"}, "activeCustomers": {"type": "integer"}, "scoredCustomers": {"type": "integer"},
                      "months": {"type": "array", "items": {
                        "type": "object", "required": ["month", "newCustomers", "lostCustomers"], "additionalProperties": false,
                        "properties": {"month": {"type": "string"}, "newCustomers": {"type": "integer"}, "lostCustomers": {"type": "integer"}}}},
                      "cohorts": {"type": "array", "items": {
                        "type": "object", "required": ["month", "customers", "retention"], "additionalProperties": false,
                        "properties": {"month": {"type": "string"}, "customers": {"type": "integer"},
                          "retention": {"type": "array", "items": {"type": ["number", "null"]}}}}},
                      "rfmGrid": {"type": "array", "description": "rfmGrid[r-1][f-1]", "items": {"type": "array", "items": {
                        "type": "object", "required": ["customers"], "additionalProperties": false,
                        "properties": {"customers": {"type": "integer"}, "meanMonetary": {"type": "number"}}}}},
                      "lifetimeValues": {"type": "array", "items": {
                        "type": "object", "required": ["lower", "upper", "customers"], "additionalProperties": false,
                        "properties": {"lower": {"type": "number"}, "upper": {"type": "number"}, "customers": {"type": "integer"}}}},
                      "lifecycle": {"type": "array", "items": {
                        "type": "object", "required": ["stage", "customers"], "additionalProperties": false,
                        "properties": {"stage": {"type": "string"}, "customers": {"type": "integer"}}}}
                    }
                  }
                }
              },
              "Analysis": {
                "type": "object", "additionalProperties": false, "required": ["id", "computedAt", "asOf", "customers", "report"],
                "properties": {
                  "id": {"type": "integer"}, "computedAt": {"type": "string", "format": "date-time"},
                  "asOf": {"type": "string", "format": "date"}, "customers": {"type": "integer"},
                  "report": {"type": "object", "description": "RFM, fitted models, relational matrix, lifecycle, targets, clusters."}
                }
              },
              "Scores": {
                "type": "object", "additionalProperties": false, "required": ["customer", "history"],
                "properties": {
                  "customer": {"type": "string"},
                  "current": {"$ref": "#/components/schemas/Customer360/properties/scores"},
                  "history": {"type": "array", "items": {
                    "type": "object", "required": ["computedAt"], "additionalProperties": false,
                    "properties": {
                      "computedAt": {"type": "string", "format": "date-time"}, "rfmSegment": {"type": "string"},
                      "probabilityAlive": {"type": "number"}, "lifetimeValue": {"type": "number"},
                      "valueTier": {"type": "string"}, "potentialTier": {"type": "string"},
                      "lifecycleStage": {"type": "string"}, "tacticalTarget": {"type": "string"}}}}
                }
              }
            """#)
}
