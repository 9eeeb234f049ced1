import Foundation
import Hummingbird
import RapportCore
import RapportEngine

/// One provider report: what happened to the message of the contact whose idempotency key it
/// names (the `Message-ID` of an e-mail, the `Idempotency-Key` header and `reference` of an SMS).
struct DeliveryReportBody: Codable, Sendable {
    /// The contact's idempotency key, `customer:campaign:wave` (the dots of a `Message-ID` are
    /// read as colons).
    var key: String
    /// `delivered`, `bounced`, `complained` (a spam report), `opened` or `clicked`.
    var event: String
    /// When it happened (ISO 8601); now when absent.
    var at: String?
    /// The provider's words: the bounce's reason, the SMTP reply.
    var reason: String?
    /// A permanent bounce (an address that does not exist).
    var permanent: Bool?
}

struct DeliveryReportsBody: Codable, Sendable {
    var reports: [DeliveryReportBody]
}

/// What the reports did.
struct DeliveryOutcomeBody: Codable, Sendable, ResponseEncodable {
    var recorded: Int
    /// Reports already recorded (providers deliver webhooks at least once).
    var repeated: Int
    /// Keys that name no contact: a mistyped key, or a customer erased since.
    var unknown: [String]
    var revokedConsents: Int
}

/// `POST /api/v1/deliveries`: delivery reports from providers (a webhook called with an API token
/// of a marketer), all of one request in one transaction.
struct DeliveryRoutes {
    let store: any ServerStore
    let clock: any RapportCore.Clock
    static let maximumReports = 10_000

    func add(to group: RouterGroup<ServerContext>) {
        group.post("deliveries", use: record)
    }

    @Sendable func record(_ request: Request, context: ServerContext) async throws -> DeliveryOutcomeBody {
        let body = try await request.decode(as: DeliveryReportsBody.self, context: context)
        guard body.reports.count <= Self.maximumReports else {
            throw APIError.invalid("at most \(Self.maximumReports) reports per request; send the rest in another", field: "reports")
        }
        let now = clock.now
        var parsed: [(key: String, kind: ReactionKind, at: Instant, detail: String?)] = []
        for (index, report) in body.reports.enumerated() {
            let field = "reports[\(index)]"
            guard let kind = ReactionKind(rawValue: report.event), [.delivered, .bounced, .complained, .opened, .clicked].contains(kind)
            else {
                throw APIError.invalid(
                    "\(field).event \"\(report.event)\": write delivered, bounced, complained, opened or clicked", field: "\(field).event")
            }
            var at = now
            if let text = report.at {
                guard let instant = ISO8601Parser.instant(text) else {
                    throw APIError.invalid("\(field).at \"\(text)\": write an ISO 8601 time such as 2026-12-03T10:15:00Z", field: "\(field).at")
                }
                at = instant
            }
            var detail: [String: String] = [:]
            if let reason = report.reason { detail["reason"] = String(reason.prefix(1_000)) }
            if kind == .bounced { detail["type"] = report.permanent == true ? "hard" : "soft" }
            let json = detail.isEmpty ? nil : String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
            parsed.append((report.key.replacingOccurrences(of: ".", with: ":"), kind, at, json))
        }
        let (store, reports) = (self.store, parsed)
        return try await offload {
            try store.editingRecords { editor in
                let ledger = ReactionLedger(editor)
                var outcome = DeliveryOutcomeBody(recorded: 0, repeated: 0, unknown: [], revokedConsents: 0)
                for report in reports {
                    guard let contact = try ledger.contact(idempotencyKey: report.key) else {
                        outcome.unknown.append(report.key)
                        continue
                    }
                    let result = try ledger.record(
                        [
                            Reaction(
                                customerID: contact.customerID, contactID: contact.contactID, campaignID: contact.campaignID,
                                kind: report.kind, at: report.at, channel: contact.channel, detail: report.detail)
                        ], now: now)
                    outcome.recorded += result.recorded
                    outcome.repeated += result.recorded == 0 ? 1 : 0
                    outcome.revokedConsents += result.revokedConsents
                }
                return outcome
            }
        }
    }
}
