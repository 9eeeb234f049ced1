import RapportCore

/// What the API and the page show of one customer: the 360 view, the latest scores and the saved
/// segments they are in, read together from a reference a person or a program has at hand.
struct CustomerDossier: Sendable {
    var view: Customer360
    var scores: CustomerScores?
    var segments: [SegmentRecord]

    /// The dossier of the customer `reference` names (external id, e-mail or phone), or 404.
    static func load(_ reference: String, recentLimit: Int, from store: any ServerStore) throws -> CustomerDossier {
        guard let id = try store.customerID(lookingUp: reference), let view = try store.customer360(id: id, recentLimit: recentLimit)
        else { throw APIError.notFound("no customer \(reference): give an external id, an e-mail or a phone number") }
        return CustomerDossier(view: view, scores: try store.scores(customerID: id), segments: try store.segments(ofCustomer: id))
    }
}
