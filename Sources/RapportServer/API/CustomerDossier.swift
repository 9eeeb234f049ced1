import RapportCore

extension CustomerDossier {
    /// The dossier of the customer `reference` names (external id, e-mail or phone), or 404.
    static func load(_ reference: String, recentLimit: Int, from store: any ServerStore) throws -> CustomerDossier {
        let candidates = CustomerReference.candidates(reference)
        guard let dossier = try store.dossier(matchingAnyOf: candidates, recentLimit: recentLimit) else {
            throw APIError.notFound("no customer \(reference): give an external id, an e-mail or a phone number")
        }
        return dossier
    }
}
