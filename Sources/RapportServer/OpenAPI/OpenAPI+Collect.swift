import Foundation
import RapportCore

extension OpenAPIDocument {
    /// Providers' delivery reports. (The tracking links, unsubscribe and survey pages are HTML
    /// pages and images, outside the JSON API; docs/collect.md describes them.)
    static let collect = Fragment(
        paths: #"""
            "/api/v1/deliveries": {
              "post": {
                "operationId": "recordDeliveries",
                "summary": "Records providers' delivery reports (delivered, bounced, complained, opened, clicked) on their contacts. Needs the marketer role.",
                "description": "Each report names its contact by idempotency key (customer:campaign:wave, or the dotted form of an e-mail's Message-ID). A report with the same contact, event and time as one already recorded is counted as repeated, so a webhook delivered twice is recorded once when it carries its time. A complaint revokes the consent on the contact's channel. All reports of a request are written in one transaction.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeliveryReports"}}}},
                "responses": {
                  "200": {"description": "What the reports did", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeliveryOutcome"}}}},
                  "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
                  "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            }
            """#,
        schemas: #"""
              "DeliveryReports": {
                "type": "object", "additionalProperties": false, "required": ["reports"],
                "properties": {"reports": {"type": "array", "maxItems": 10000, "items": {
                  "type": "object", "additionalProperties": false, "required": ["key", "event"],
                  "properties": {
                    "key": {"type": "string", "description": "The contact's idempotency key"},
                    "event": {"type": "string", "enum": ["delivered", "bounced", "complained", "opened", "clicked"]},
                    "at": {"type": "string", "format": "date-time"},
                    "reason": {"type": "string"}, "permanent": {"type": "boolean"}
                  }}}}
              },
              "DeliveryOutcome": {
                "type": "object", "additionalProperties": false, "required": ["recorded", "repeated", "unknown", "revokedConsents"],
                "properties": {
                  "recorded": {"type": "integer"}, "repeated": {"type": "integer"},
                  "unknown": {"type": "array", "items": {"type": "string"}}, "revokedConsents": {"type": "integer"}
                }
              }
            """#)
}
