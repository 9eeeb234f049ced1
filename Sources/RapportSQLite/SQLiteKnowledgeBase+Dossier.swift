import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: CustomerDossierStore {
    public func dossier(matchingAnyOf references: [String], recentLimit: Int) throws -> CustomerDossier? {
        try pool.read { db in
            for reference in references {
                if let id = try Self.customerID(matching: reference, in: db) {
                    return try Self.dossier(id, recentLimit: recentLimit, in: db)
                }
            }
            return nil
        }
    }

    private static func dossier(_ id: Int64, recentLimit: Int, in db: Database) throws -> CustomerDossier? {
        guard let view = try Customer360Reader(db: db).read(id: id, recentLimit: recentLimit) else { return nil }
        return CustomerDossier(
            view: view, scores: try Self.scores(customerID: id, in: db), segments: try Self.segments(ofCustomer: id, in: db))
    }
}
