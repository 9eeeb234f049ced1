public import RapportCore

extension PostgresKnowledgeBase {
    /// Runs `body` in one transaction on a connection of its own, under the writer lock (imports
    /// and API writes of every process on the base take turns, as on SQLite): the importer's
    /// reading of existing keys and its numbering of new ids stay true until it commits.
    public func importing<Result>(_ body: (any ImportTransaction) throws -> Result) throws -> Result {
        let lease = try leaseConnection()
        defer { lease.giveBack() }
        let transaction = PostgresImportTransaction(lease: lease, location: location, logger: logger)
        try transaction.begin()
        do {
            let result = try body(transaction)
            try transaction.commit()
            return result
        } catch {
            transaction.rollBack()
            throw error
        }
    }
}
