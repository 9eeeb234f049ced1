import RapportCore

extension OpenAPIDocument {
    /// Reading customers: the list and the 360 view.
    static let customers = Fragment(
        paths: #"""
            "/api/v1/customers": {
              "get": {
                "operationId": "listCustomers",
                "summary": "Customers in ascending internal id, a page at a time.",
                "parameters": [
                  {"name": "search", "in": "query", "schema": {"type": "string"}, "description": "An external id, e-mail or phone (exact), or the start of a name, city or postcode; empty for everyone."},
                  {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["prospect", "customer", "former"]}},
                  {"name": "country", "in": "query", "schema": {"type": "string", "enum": ["", \#(OpenAPIDocument.jsonList(CountryCode.allCodes))]}, "description": "ISO 3166-1 alpha-2; empty for any country."},
                  {"name": "segment", "in": "query", "schema": {"type": "string"}, "description": "Only members of this saved segment; empty for everyone."},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
                  {"name": "cursor", "in": "query", "schema": {"type": "string", "pattern": "^c[0-9]{1,18}$"}, "description": "nextCursor of the previous page."}
                ],
                "responses": {
                  "200": {"description": "A page of customers", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CustomerPage"}}}},
                  "400": {"$ref": "#/components/responses/Error"},
                  "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}
                }
              },
              "post": {
                "operationId": "writeCustomers",
                "summary": "Creates or updates customers by customer_id: one record or an array of up to 10,000. Needs the marketer role.",
                "description": "Records are the rows of a customer import as JSON objects. A field left out (or null) keeps its stored value; an empty string clears it. The same record sent again changes nothing.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                  {"$ref": "#/components/schemas/CustomerRecord"},
                  {"type": "array", "minItems": 1, "maxItems": 10000, "items": {"$ref": "#/components/schemas/CustomerRecord"}}]}}}},
                "responses": {
                  "200": {"$ref": "#/components/responses/WriteResult"},
                  "400": {"$ref": "#/components/responses/Error"},
                  "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"},
                  "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/customers/{reference}": {
              "get": {
                "operationId": "getCustomer",
                "summary": "The single customer view: profile, identities, consents in force, totals, recent orders and events, latest scores and segments.",
                "description": "Each read is written to the audit log (user, customer, time). A customer merged into another is found by their former external id and returns the survivor.",
                "parameters": [
                  {"name": "reference", "in": "path", "required": true, "schema": {"type": "string"}, "description": "External id (a merged customer's former one included), e-mail or phone number."}
                ],
                "responses": {
                  "200": {"description": "The customer", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Customer360"}}}},
                  "401": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}
                }
              },
              "patch": {
                "operationId": "updateCustomer",
                "summary": "Changes the fields the body gives, and no other. Needs the marketer role.",
                "parameters": [
                  {"name": "reference", "in": "path", "required": true, "schema": {"type": "string"}, "description": "External id, e-mail or phone number."}
                ],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CustomerChange"}}}},
                "responses": {
                  "200": {"description": "The customer as it now is", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Customer"}}}},
                  "400": {"$ref": "#/components/responses/Error"},
                  "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"},
                  "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "Customer": {
                "type": "object", "required": ["id", "internalId", "kind", "updatedAt", "attributes"], "additionalProperties": false,
                "properties": {
                  "id": {"type": "string", "description": "The external id (customer_id of imports)."},
                  "internalId": {"type": "integer"},
                  "kind": {"type": "string", "enum": ["prospect", "customer", "former"]},
                  "firstName": {"type": "string"}, "lastName": {"type": "string"},
                  "email": {"type": "string"}, "phone": {"type": "string", "description": "E.164"},
                  "birthDate": {"type": "string", "format": "date"},
                  "gender": {"type": "string"}, "postcode": {"type": "string"}, "city": {"type": "string"},
                  "country": {"type": "string"}, "timezone": {"type": "string"},
                  "preferredChannel": {"type": "string", "enum": ["email", "sms", "phone", "mail", "push"]},
                  "createdAt": {"type": "string", "format": "date-time"},
                  "updatedAt": {"type": "string", "format": "date-time"},
                  "attributes": {"type": "object"}
                }
              },
              "CustomerPage": {
                "type": "object", "required": ["items"], "additionalProperties": false,
                "properties": {
                  "items": {"type": "array", "items": {"$ref": "#/components/schemas/Customer"}},
                  "nextCursor": {"type": "string", "description": "Absent on the last page."}
                }
              },
              "Customer360": {
                "type": "object", "additionalProperties": false,
                "required": ["customer", "identities", "consents", "totals", "recentOrders", "recentEvents", "segments"],
                "properties": {
                  "customer": {"$ref": "#/components/schemas/Customer"},
                  "identities": {"type": "array", "items": {
                    "type": "object", "required": ["kind", "value"], "additionalProperties": false,
                    "properties": {"kind": {"type": "string"}, "value": {"type": "string"}}}},
                  "consents": {"type": "array", "items": {
                    "type": "object", "required": ["channel", "status", "at"], "additionalProperties": false,
                    "properties": {
                      "channel": {"type": "string", "enum": ["email", "sms", "phone", "mail", "push"]},
                      "status": {"type": "string", "enum": ["granted", "denied", "revoked"]},
                      "source": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}}},
                  "totals": {
                    "type": "object", "additionalProperties": false,
                    "required": ["orders", "revenue", "margin", "averageBasket", "events"],
                    "properties": {
                      "orders": {"type": "integer"}, "revenue": {"type": "number"}, "margin": {"type": "number"},
                      "averageBasket": {"type": "number"}, "events": {"type": "integer"},
                      "firstOrder": {"type": "string", "format": "date-time"}, "lastOrder": {"type": "string", "format": "date-time"}}},
                  "recentOrders": {"type": "array", "items": {
                    "type": "object", "required": ["id", "placedAt", "status", "total", "lines"], "additionalProperties": false,
                    "properties": {
                      "id": {"type": "string"}, "placedAt": {"type": "string", "format": "date-time"},
                      "status": {"type": "string", "enum": ["completed", "cancelled", "returned"]},
                      "channel": {"type": "string"}, "total": {"type": "number"}, "currency": {"type": "string"},
                      "lines": {"type": "array", "items": {
                        "type": "object", "required": ["sku", "quantity", "amount"], "additionalProperties": false,
                        "properties": {"sku": {"type": "string"}, "name": {"type": "string"}, "quantity": {"type": "integer"}, "amount": {"type": "number"}}}}}}},
                  "recentEvents": {"type": "array", "items": {
                    "type": "object", "required": ["id", "type", "at", "properties"], "additionalProperties": false,
                    "properties": {
                      "id": {"type": "string"}, "type": {"type": "string"}, "channel": {"type": "string"},
                      "at": {"type": "string", "format": "date-time"}, "campaign": {"type": "string"}, "properties": {"type": "object"}}}},
                  "scores": {
                    "type": "object", "additionalProperties": false, "required": ["tacticalTargets"],
                    "properties": {
                      "recencyDays": {"type": "integer"}, "frequency": {"type": "integer"}, "monetary": {"type": "number"},
                      "rfm": {"type": "string"}, "rfmSegment": {"type": "string"}, "probabilityAlive": {"type": "number"},
                      "expectedPurchases": {"type": "number"}, "expectedSpend": {"type": "number"}, "lifetimeValue": {"type": "number"},
                      "valueTier": {"type": "string"}, "potentialTier": {"type": "string"}, "strategy": {"type": "string"},
                      "lifecycleStage": {"type": "string"}, "tacticalTargets": {"type": "array", "items": {"type": "string"}},
                      "cluster": {"type": "integer"}, "engagement": {"type": "number"}}},
                  "segments": {"type": "array", "items": {"type": "string"}, "description": "Names of the saved segments the customer is in."}
                }
              }
            """#)
}
