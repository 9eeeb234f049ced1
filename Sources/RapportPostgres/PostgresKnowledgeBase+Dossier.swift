import PostgresNIO
public import RapportCore

extension PostgresKnowledgeBase: CustomerDossierStore {
    public func dossier(matchingAnyOf references: [String], recentLimit: Int) throws -> CustomerDossier? {
        let logger = logger
        return try inSnapshot { connection -> CustomerDossier? in
            for reference in references {
                guard let id = try await Self.customerID(matching: reference, on: connection, logger: logger) else { continue }
                guard
                    let view = try await PostgresCustomer360Reader.read(
                        id: id, recentLimit: recentLimit, on: connection, logger: logger)
                else { return nil }
                return CustomerDossier(
                    view: view,
                    scores: try await Self.scores(customerID: id, on: connection, logger: logger),
                    segments: try await Self.segments(ofCustomer: id, on: connection, logger: logger))
            }
            return nil
        }
    }
}
