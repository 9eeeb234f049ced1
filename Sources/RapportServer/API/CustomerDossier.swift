import RapportCore

extension CustomerDossier {
    /// The dossier of the customer `reference` names (external id, e-mail or phone), or 404.
    static func load(_ reference: String, recentLimit: Int, from store: any ServerStore) throws -> CustomerDossier {
        guard let id = try store.customerID(lookingUp: reference), let dossier = try store.dossier(customerID: id, recentLimit: recentLimit)
        else { throw APIError.notFound("no customer \(reference): give an external id, an e-mail or a phone number") }
        return dossier
    }
}
