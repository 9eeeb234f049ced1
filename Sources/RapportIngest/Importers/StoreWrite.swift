import RapportCore

/// One write of an import, decided on the reading thread and applied by the store's transaction
/// on its own thread (see ``WritePipeline``). Each carries the fingerprint its decision was made
/// with, so that the writing thread (the busier one) does not compute it again.
enum StoreWrite: Sendable {
    case insertCustomer(Customer, fields: CustomerFields, fingerprint: Int64, id: Int64)
    case updateCustomer(Customer, fields: CustomerFields, fingerprint: Int64, id: Int64)
    case insertProduct(Product, fingerprint: Int64, id: Int64)
    case updateProduct(Product, fingerprint: Int64, id: Int64)
    case insertOrder(Order, fingerprint: Int64, id: Int64, customerID: Int64, productIDs: [Int64])
    case updateOrder(Order, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64, productIDs: [Int64])
    case insertEvent(Event, fingerprint: Int64, id: Int64, customerID: Int64)
    case updateEvent(Event, fingerprint: Int64, id: Int64, previousCustomerID: Int64, customerID: Int64)
    /// Consents are compared with the stored row by the store: the outcome is counted there.
    case consent(Consent, customerID: Int64)

    /// Applies the write; returns the outcome of a consent, nil for the others (decided upstream).
    func apply(to transaction: any ImportTransaction, now: Instant) throws -> UpsertOutcome? {
        switch self {
        case .insertCustomer(let customer, let fields, let fingerprint, let id):
            try transaction.insert(customer, fields: fields, fingerprint: fingerprint, id: id, now: now)
        case .updateCustomer(let customer, let fields, let fingerprint, let id):
            try transaction.update(customer, fields: fields, fingerprint: fingerprint, id: id, now: now)
        case .insertProduct(let product, let fingerprint, let id):
            try transaction.insert(product, fingerprint: fingerprint, id: id, now: now)
        case .updateProduct(let product, let fingerprint, let id):
            try transaction.update(product, fingerprint: fingerprint, id: id, now: now)
        case .insertOrder(let order, let fingerprint, let id, let customerID, let productIDs):
            try transaction.insert(order, fingerprint: fingerprint, id: id, customerID: customerID, productIDs: productIDs)
        case .updateOrder(let order, let fingerprint, let id, let previous, let customerID, let productIDs):
            try transaction.update(
                order, fingerprint: fingerprint, id: id, previousCustomerID: previous, customerID: customerID,
                productIDs: productIDs)
        case .insertEvent(let event, let fingerprint, let id, let customerID):
            try transaction.insert(event, fingerprint: fingerprint, id: id, customerID: customerID)
        case .updateEvent(let event, let fingerprint, let id, let previous, let customerID):
            try transaction.update(event, fingerprint: fingerprint, id: id, previousCustomerID: previous, customerID: customerID)
        case .consent(let consent, let customerID):
            return try transaction.record(consent, customerID: customerID, now: now)
        }
        return nil
    }
}
