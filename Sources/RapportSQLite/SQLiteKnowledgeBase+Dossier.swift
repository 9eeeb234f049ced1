import GRDB
public import RapportCore

extension SQLiteKnowledgeBase: CustomerDossierStore {
    public func dossier(customerID id: Int64, recentLimit: Int) throws -> CustomerDossier? {
        try pool.read { db in try Self.dossier(id, recentLimit: recentLimit, in: db) }
    }

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
        let scores = try db.cachedRow(sql: "SELECT * FROM scores WHERE customer_id = ?", arguments: [id], ScoreWriter.scores(from:))
        let segments = try db.cachedRows(sql: Self.segmentsOfCustomerSQL, arguments: [id], SegmentWriter.record(from:))
        return CustomerDossier(view: view, scores: scores, segments: segments)
    }
}
