extension OpenAPIDocument {
    /// Writing products, orders, consents and events, and the records every write takes.
    static let records = Fragment(
        paths: #"""
            "/api/v1/products": {
              "post": {
                "operationId": "writeProducts",
                "summary": "Creates or updates products by sku: one record or an array. Needs the marketer role.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                  {"$ref": "#/components/schemas/ProductRecord"},
                  {"type": "array", "minItems": 1, "maxItems": 10000, "items": {"$ref": "#/components/schemas/ProductRecord"}}]}}}},
                "responses": {
                  "200": {"$ref": "#/components/responses/WriteResult"},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/orders": {
              "post": {
                "operationId": "writeOrders",
                "summary": "Creates or replaces orders by order_id, each with its basket lines. Needs the marketer role.",
                "description": "An order is applied whole or rejected whole. Its customer must exist unless create_customers=true; a prospect with an order becomes a customer.",
                "parameters": [{"$ref": "#/components/parameters/CreateCustomers"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                  {"$ref": "#/components/schemas/OrderRecord"},
                  {"type": "array", "minItems": 1, "maxItems": 10000, "items": {"$ref": "#/components/schemas/OrderRecord"}}]}}}},
                "responses": {
                  "200": {"$ref": "#/components/responses/WriteResult"},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/consents": {
              "post": {
                "operationId": "writeConsents",
                "summary": "Records consents (granted, denied or revoked per channel, dated). Needs the marketer role.",
                "parameters": [{"$ref": "#/components/parameters/CreateCustomers"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                  {"$ref": "#/components/schemas/ConsentRecord"},
                  {"type": "array", "minItems": 1, "maxItems": 10000, "items": {"$ref": "#/components/schemas/ConsentRecord"}}]}}}},
                "responses": {
                  "200": {"$ref": "#/components/responses/WriteResult"},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/events": {
              "post": {
                "operationId": "trackEvent",
                "summary": "Records one interaction, idempotent by event_id. Needs the marketer role.",
                "parameters": [{"$ref": "#/components/parameters/CreateCustomers"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventRecord"}}}},
                "responses": {
                  "200": {"$ref": "#/components/responses/WriteResult"},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/v1/events/batch": {
              "post": {
                "operationId": "trackEvents",
                "summary": "Records up to 10,000 interactions in one transaction, idempotent by event_id: a retried batch records nothing twice. Needs the marketer role.",
                "description": "Committed to disk before the answer: an acknowledged batch is never lost.",
                "parameters": [{"$ref": "#/components/parameters/CreateCustomers"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "array", "minItems": 1, "maxItems": 10000, "items": {"$ref": "#/components/schemas/EventRecord"}}}}},
                "responses": {
                  "200": {"$ref": "#/components/responses/WriteResult"},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "WriteResult": {
                "type": "object", "additionalProperties": false,
                "required": ["received", "inserted", "updated", "unchanged", "rejected", "createdCustomers", "promotedProspects", "problems"],
                "properties": {
                  "received": {"type": "integer", "description": "Records in the request (orders, not their lines)."},
                  "inserted": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"},
                  "rejected": {"type": "integer"}, "createdCustomers": {"type": "integer"}, "promotedProspects": {"type": "integer"},
                  "problems": {"type": "array", "items": {
                    "type": "object", "required": ["record", "field", "value", "reason"], "additionalProperties": false,
                    "properties": {
                      "record": {"type": "integer", "description": "The record's position in the request, from 1."},
                      "field": {"type": "string"}, "value": {"type": "string"}, "reason": {"type": "string", "description": "What to change."}}}}
                }
              },
              "CustomerChange": {
                "type": "object", "additionalProperties": false,
                "properties": {
                  "customer_id": {"type": "string", "description": "If given, must be the customer's own."},
                  "kind": {"type": "string", "enum": ["prospect", "customer", "former"]},
                  "first_name": {"type": ["string", "null"]}, "last_name": {"type": ["string", "null"]},
                  "email": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]},
                  "birth_date": {"type": ["string", "null"]}, "gender": {"type": ["string", "null"]},
                  "postcode": {"type": ["string", "null"]}, "city": {"type": ["string", "null"]},
                  "country": {"type": ["string", "null"]}, "timezone": {"type": ["string", "null"]},
                  "preferred_channel": {"type": ["string", "null"]}, "created_at": {"type": ["string", "null"]},
                  "attributes": {"type": ["object", "null"]}
                }
              },
              "CustomerRecord": {
                "allOf": [{"$ref": "#/components/schemas/CustomerChange"}, {"required": ["customer_id"]}]
              },
              "ProductRecord": {
                "type": "object", "required": ["sku", "name"], "additionalProperties": false,
                "properties": {
                  "sku": {"type": "string"}, "name": {"type": "string"}, "category": {"type": ["string", "null"]},
                  "price": {"type": ["number", "string", "null"]}, "unit_cost": {"type": ["number", "string", "null"]}
                }
              },
              "OrderRecord": {
                "type": "object", "required": ["order_id", "customer_id", "placed_at"], "additionalProperties": false,
                "properties": {
                  "order_id": {"type": "string"}, "customer_id": {"type": "string"},
                  "placed_at": {"type": "string", "description": "ISO 8601 date or date-time."},
                  "channel": {"type": ["string", "null"]}, "store": {"type": ["string", "null"]},
                  "status": {"type": ["string", "null"], "enum": ["completed", "cancelled", "returned", null]},
                  "total": {"type": ["number", "string", "null"], "description": "Required when the order has no lines."},
                  "margin": {"type": ["number", "string", "null"]}, "items": {"type": ["integer", "null"]},
                  "currency": {"type": ["string", "null"]},
                  "lines": {"type": "array", "items": {
                    "type": "object", "required": ["sku", "amount"], "additionalProperties": false,
                    "properties": {"sku": {"type": "string"}, "quantity": {"type": ["integer", "null"]}, "amount": {"type": ["number", "string"]}}}}
                }
              },
              "ConsentRecord": {
                "type": "object", "required": ["customer_id", "channel", "status", "at"], "additionalProperties": false,
                "properties": {
                  "customer_id": {"type": "string"}, "channel": {"type": "string", "enum": ["email", "sms", "phone", "mail", "push"]},
                  "status": {"type": "string", "enum": ["granted", "denied", "revoked"]},
                  "source": {"type": ["string", "null"]}, "at": {"type": "string"}
                }
              },
              "EventRecord": {
                "type": "object", "required": ["event_id", "customer_id", "type", "at"], "additionalProperties": false,
                "properties": {
                  "event_id": {"type": "string", "description": "Your id for the event: a retry with the same id is not recorded twice."},
                  "customer_id": {"type": "string"}, "type": {"type": "string", "description": "What happened, such as web_visit or cart_abandoned."},
                  "channel": {"type": ["string", "null"]}, "at": {"type": "string", "description": "ISO 8601 date-time."},
                  "campaign": {"type": ["string", "null"]}, "properties": {"type": ["object", "null"]}
                }
              }
            """#)
}
