import Foundation
import RapportCore
import RapportEngine

/// A profile as the API returns it. Dates are ISO 8601 (days `2025-01-31`, instants in UTC);
/// absent fields are unknown.
struct CustomerBody: Codable, Sendable {
    var id: String
    var internalId: Int64
    var kind: String
    var firstName: String?
    var lastName: String?
    var email: String?
    var phone: String?
    var birthDate: String?
    var gender: String?
    var postcode: String?
    var city: String?
    var country: String?
    var timezone: String?
    var preferredChannel: String?
    var createdAt: String?
    var updatedAt: String
    var attributes: JSONValue

    init(id: Int64, customer: Customer, updatedAt: Instant) {
        self.id = customer.externalID
        internalId = id
        kind = customer.kind.rawValue
        firstName = customer.firstName
        lastName = customer.lastName
        email = customer.email?.description
        phone = customer.phone?.description
        birthDate = customer.birthDate?.description
        gender = customer.gender?.rawValue
        postcode = customer.postcode
        city = customer.city
        country = customer.country?.description
        timezone = customer.timezone
        preferredChannel = customer.preferredChannel?.rawValue
        createdAt = customer.createdAt?.description
        self.updatedAt = updatedAt.description
        attributes = JSONBodies.object(customer.attributesJSON)
    }
}

/// A page of a list: the items and the cursor of the next page (absent on the last).
struct PageBody<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var nextCursor: String?
}

/// The single customer view as the API returns it.
struct Customer360Body: Codable, Sendable {
    struct Identity: Codable, Sendable {
        var kind: String
        var value: String
    }
    struct ConsentBody: Codable, Sendable {
        var channel: String
        var status: String
        var source: String?
        var at: String
    }
    struct Totals: Codable, Sendable {
        var orders: Int
        var revenue: Double
        var margin: Double
        var averageBasket: Double
        var firstOrder: String?
        var lastOrder: String?
        var events: Int
    }
    struct Line: Codable, Sendable {
        var sku: String
        var name: String?
        var quantity: Int64
        var amount: Double
    }
    struct OrderBody: Codable, Sendable {
        var id: String
        var placedAt: String
        var status: String
        var channel: String?
        var total: Double
        var currency: String?
        var lines: [Line]
    }
    struct EventBody: Codable, Sendable {
        var id: String
        var type: String
        var channel: String?
        var at: String
        var campaign: String?
        var properties: JSONValue
    }
    struct Scores: Codable, Sendable {
        var recencyDays: Int?
        var frequency: Int?
        var monetary: Double?
        var rfm: String?
        var rfmSegment: String?
        var probabilityAlive: Double?
        var expectedPurchases: Double?
        var expectedSpend: Double?
        var lifetimeValue: Double?
        var valueTier: String?
        var potentialTier: String?
        var strategy: String?
        var lifecycleStage: String?
        var tacticalTargets: [String]
        var cluster: Int?
        var engagement: Double?

        init(_ scores: CustomerScores) {
            let rfm = [scores.rScore, scores.fScore, scores.mScore].compactMap { $0 }.map(String.init).joined()
            recencyDays = scores.recency
            frequency = scores.frequency
            monetary = scores.monetary
            self.rfm = rfm.isEmpty ? nil : rfm
            rfmSegment = scores.rfmSegment
            probabilityAlive = scores.probabilityAlive
            expectedPurchases = scores.expectedPurchases
            expectedSpend = scores.expectedSpend
            lifetimeValue = scores.lifetimeValue
            valueTier = scores.valueTier
            potentialTier = scores.potentialTier
            strategy = scores.strategy
            lifecycleStage = scores.lifecycleStage
            tacticalTargets = scores.tacticalTargets
            cluster = scores.cluster
            engagement = scores.engagement
        }
    }

    var customer: CustomerBody
    var identities: [Identity]
    var consents: [ConsentBody]
    var totals: Totals
    var recentOrders: [OrderBody]
    var recentEvents: [EventBody]
    var scores: Scores?
    var segments: [String]

    init(_ view: Customer360, scores: CustomerScores?, segments: [String]) {
        customer = CustomerBody(id: view.id, customer: view.customer, updatedAt: view.updatedAt)
        identities = view.identities.map { Identity(kind: $0.kind, value: $0.value) }
        consents = view.consents.map {
            ConsentBody(channel: $0.channel.rawValue, status: $0.status.rawValue, source: $0.source, at: $0.at.description)
        }
        totals = Totals(
            orders: view.totals.orders, revenue: view.totals.revenue, margin: view.totals.margin,
            averageBasket: view.totals.averageBasket, firstOrder: view.totals.firstOrder?.description,
            lastOrder: view.totals.lastOrder?.description, events: view.totals.events)
        recentOrders = view.recentOrders.map { order in
            OrderBody(
                id: order.externalID, placedAt: order.placedAt.description, status: order.status.rawValue,
                channel: order.channel, total: order.total, currency: order.currency,
                lines: order.lines.map { Line(sku: $0.sku, name: view.productNames[$0.sku], quantity: $0.quantity, amount: $0.amount) })
        }
        recentEvents = view.recentEvents.map { event in
            EventBody(
                id: event.externalID, type: event.type.description, channel: event.channel?.description,
                at: event.at.description, campaign: event.campaign, properties: JSONBodies.object(event.propertiesJSON))
        }
        self.scores = scores.map(Scores.init)
        self.segments = segments
    }
}

enum JSONBodies {
    /// A stored JSON object (attributes, event properties) as a value to embed; `{}` when it does
    /// not read.
    static func object(_ json: String) -> JSONValue {
        // Most profiles and events carry none: skip the decoder for the empty object.
        if json.isEmpty || json == "{}" { return .object([:]) }
        return (try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))) ?? .object([:])
    }
}
