import Foundation
import RapportCore

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
              "Identifier": {
                "type": ["string", "integer"], "minLength": 1, "pattern": "[^ \\t\\r\\n]",
                "description": "Your identifier: a string, or a whole number (kept as its digits)."
              },
              "Instant": {
                "type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}],
                "description": "ISO 8601: 2025-03-14, 2025-03-14T09:30:00Z or with an offset; not later than tomorrow."
              },
              "OptionalInstant": {
                "anyOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "string", "maxLength": 0}, {"type": "null"}],
                "description": "An Instant; empty or null leaves it unset."
              },
              "Word": {
                "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_.-]{0,63}$",
                "description": "A short word, stored in lower case: letters, digits, _, - or ., starting with a letter."
              },
              "OptionalWord": {
                "type": ["string", "null"], "pattern": "^([A-Za-z][A-Za-z0-9_.-]{0,63})?$",
                "description": "A Word; empty or null leaves it unset."
              },
              "CustomerChange": {
                "type": "object", "additionalProperties": false,
                "description": "Only the fields given change; an empty string or null clears a field.",
                "properties": {
                  "customer_id": {"anyOf": [{"$ref": "#/components/schemas/Identifier"}, {"type": "null"}], "description": "If given, must be the customer's own."},
                  "kind": {"type": ["string", "null"], "enum": ["prospect", "customer", "former", "", null]},
                  "first_name": {"type": ["string", "null"]}, "last_name": {"type": ["string", "null"]},
                  "email": {"type": ["string", "null"], "maxLength": 254,
                    "pattern": "^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,})?$",
                    "description": "Stored in lower case. At most 64 characters before the @ and 63 per domain label."},
                  "phone": {"type": ["string", "null"], "pattern": "^([+0-9][0-9 ./()-]*)?$",
                    "description": "Any usual writing (+33 6 12 34 56 78, 06 12 34 56 78, 0033…); stored in E.164. A national number is read in the customer's country, else the server's default country, and must have that plan's length."},
                  "birth_date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}, {"type": "null"}], "description": "From 1900 to today."},
                  "gender": {"type": ["string", "null"], "enum": ["female", "male", "other", "f", "m", "x", "", null]},
                  "postcode": {"type": ["string", "null"]}, "city": {"type": ["string", "null"]},
                  "country": {"type": ["string", "null"], "enum": [\#(OpenAPIDocument.jsonList(CountryCode.allCodes)), "", null], "description": "ISO 3166-1 alpha-2."},
                  "timezone": {"type": ["string", "null"], "enum": [\#(OpenAPIDocument.jsonList(OpenAPIDocument.timeZones)), "", null], "description": "An IANA time zone name."},
                  "preferred_channel": {"type": ["string", "null"], "enum": ["email", "sms", "phone", "mail", "push", "", null]},
                  "created_at": {"$ref": "#/components/schemas/OptionalInstant"},
                  "attributes": {"type": ["object", "null"], "description": "Your own fields; given, it replaces the stored ones."}
                }
              },
              "CustomerRecord": {
                "allOf": [{"$ref": "#/components/schemas/CustomerChange"}, {"required": ["customer_id"], "properties": {"customer_id": {"$ref": "#/components/schemas/Identifier"}}}]
              },
              "ProductRecord": {
                "type": "object", "required": ["sku", "name"], "additionalProperties": false,
                "properties": {
                  "sku": {"$ref": "#/components/schemas/Identifier"}, "name": {"type": "string", "pattern": "[^ \\t\\r\\n]"},
                  "category": {"type": ["string", "null"]},
                  "price": {"type": ["number", "null"], "minimum": 0}, "unit_cost": {"type": ["number", "null"], "minimum": 0}
                }
              },
              "OrderRecord": {
                "type": "object", "required": ["order_id", "customer_id", "placed_at"], "additionalProperties": false,
                "anyOf": [
                  {"required": ["total"], "properties": {"total": {"type": "number"}}},
                  {"required": ["lines"], "properties": {"lines": {"minItems": 1}}}],
                "properties": {
                  "order_id": {"$ref": "#/components/schemas/Identifier"}, "customer_id": {"$ref": "#/components/schemas/Identifier"},
                  "placed_at": {"$ref": "#/components/schemas/Instant"},
                  "channel": {"$ref": "#/components/schemas/OptionalWord"}, "store": {"type": ["string", "null"]},
                  "status": {"type": ["string", "null"], "enum": ["completed", "cancelled", "returned", "", null]},
                  "total": {"type": ["number", "null"], "minimum": 0, "description": "Required when the order has no lines."},
                  "margin": {"type": ["number", "null"]}, "items": {"type": ["integer", "null"], "minimum": 0},
                  "currency": {"type": ["string", "null"], "pattern": "^([A-Za-z]{3})?$", "description": "ISO 4217, such as EUR."},
                  "lines": {"type": "array", "items": {
                    "type": "object", "required": ["sku", "amount"], "additionalProperties": false,
                    "properties": {
                      "sku": {"$ref": "#/components/schemas/Identifier", "description": "A product already known, or sent in the same request."},
                      "quantity": {"type": ["integer", "null"], "minimum": 1}, "amount": {"type": "number", "minimum": 0}}}}
                }
              },
              "ConsentRecord": {
                "type": "object", "required": ["customer_id", "channel", "status", "at"], "additionalProperties": false,
                "properties": {
                  "customer_id": {"$ref": "#/components/schemas/Identifier"}, "channel": {"type": "string", "enum": ["email", "sms", "phone", "mail", "push"]},
                  "status": {"type": "string", "enum": ["granted", "denied", "revoked"]},
                  "source": {"type": ["string", "null"]}, "at": {"$ref": "#/components/schemas/Instant"}
                }
              },
              "EventRecord": {
                "type": "object", "required": ["event_id", "customer_id", "type", "at"], "additionalProperties": false,
                "properties": {
                  "event_id": {"$ref": "#/components/schemas/Identifier", "description": "Your id for the event: a retry with the same id is not recorded twice."},
                  "customer_id": {"$ref": "#/components/schemas/Identifier"},
                  "type": {"$ref": "#/components/schemas/Word", "description": "What happened, such as web_visit or cart_abandoned."},
                  "channel": {"$ref": "#/components/schemas/OptionalWord"},
                  "at": {"$ref": "#/components/schemas/Instant"},
                  "campaign": {"type": ["string", "null"]}, "properties": {"type": ["object", "null"]}
                }
              }
            """#)
}
