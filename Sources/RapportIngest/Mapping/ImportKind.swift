/// What a file holds.
public enum ImportKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case customers, products, orders, events, consents
    /// Basket lines given in a file of their own, beside an orders file.
    case orderLines = "order-lines"

    public var description: String { rawValue }

    /// The fields a file of this kind may have, required ones first.
    var fields: [Field] {
        switch self {
        case .customers:
            return [
                .customerID, .kind, .firstName, .lastName, .email, .phone, .birthDate, .gender, .postcode, .city,
                .country, .timezone, .preferredChannel, .createdAt, .attributes,
            ]
        case .products: return [.sku, .name, .category, .price, .unitCost]
        case .orders:
            return [
                .orderID, .customerID, .placedAt, .channel, .store, .status, .total, .margin, .items, .currency,
                .sku, .quantity, .amount,
            ]
        case .orderLines: return [.orderID, .sku, .quantity, .amount]
        case .events: return [.eventID, .customerID, .type, .channel, .at, .campaign, .properties]
        case .consents: return [.customerID, .channel, .status, .source, .at]
        }
    }

    /// Fields whose column must be in the file (unless a mapping gives a constant or generates it).
    var requiredFields: Set<Field> {
        switch self {
        case .customers: return [.customerID]
        case .products: return [.sku, .name]
        case .orders: return [.orderID, .customerID, .placedAt]
        case .orderLines: return [.orderID, .sku, .amount]
        case .events: return [.customerID, .type, .at]
        case .consents: return [.customerID, .channel, .status, .at]
        }
    }

    /// The field that identifies a record, which `generatedIds: line` may make up.
    var identifierField: Field? {
        switch self {
        case .orders, .orderLines: return .orderID
        case .events: return .eventID
        default: return nil
        }
    }
}

/// A field of an import file, by its Rapport name.
enum Field: Int, CaseIterable, Sendable {
    case customerID, kind, firstName, lastName, email, phone, birthDate, gender, postcode, city, country
    case timezone, preferredChannel, createdAt, attributes
    case sku, name, category, price, unitCost
    case orderID, placedAt, channel, store, status, total, margin, items, currency, quantity, amount
    case eventID, type, at, campaign, properties, source

    var name: String {
        switch self {
        case .customerID: return "customer_id"
        case .kind: return "kind"
        case .firstName: return "first_name"
        case .lastName: return "last_name"
        case .email: return "email"
        case .phone: return "phone"
        case .birthDate: return "birth_date"
        case .gender: return "gender"
        case .postcode: return "postcode"
        case .city: return "city"
        case .country: return "country"
        case .timezone: return "timezone"
        case .preferredChannel: return "preferred_channel"
        case .createdAt: return "created_at"
        case .attributes: return "attributes"
        case .sku: return "sku"
        case .name: return "name"
        case .category: return "category"
        case .price: return "price"
        case .unitCost: return "unit_cost"
        case .orderID: return "order_id"
        case .placedAt: return "placed_at"
        case .channel: return "channel"
        case .store: return "store"
        case .status: return "status"
        case .total: return "total"
        case .margin: return "margin"
        case .items: return "items"
        case .currency: return "currency"
        case .quantity: return "quantity"
        case .amount: return "amount"
        case .eventID: return "event_id"
        case .type: return "type"
        case .at: return "at"
        case .campaign: return "campaign"
        case .properties: return "properties"
        case .source: return "source"
        }
    }

    static let byName: [String: Field] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}
