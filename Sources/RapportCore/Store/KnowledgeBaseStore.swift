/// The customer knowledge base: the single customer view every other part of Rapport reads.
/// Implemented by each store (SQLite, PostgreSQL) with the same behaviour, which the contract
/// tests check.
public protocol KnowledgeBaseStore: Sendable {
    /// Runs `body` inside one transaction. Everything it writes is committed together when it
    /// returns, and nothing is when it throws or the process is killed.
    func importing<Result>(_ body: (any ImportTransaction) throws -> Result) throws -> Result

    /// The internal id of the customer that `reference` names: an external id, an e-mail address
    /// or a phone number (already normalised), tried in that order.
    func customerID(matching reference: String) throws -> Int64?

    /// Everything known about one customer, or nil when there is no such id.
    func customer360(id: Int64, recentLimit: Int) throws -> Customer360?

    /// Counts and totals that describe the whole base.
    func summary() throws -> KnowledgeBaseSummary

    /// The latest imports, newest first.
    func importJournal(limit: Int) throws -> [ImportJournalEntry]
    /// One import of the journal, or nil.
    func importJournalEntry(id: Int64) throws -> ImportJournalEntry?
}

/// Everything a store of Rapport does: what the server and the command-line tool open, whichever
/// store (SQLite or PostgreSQL) the `--database` URL picks.
public typealias RapportStore = KnowledgeBaseStore & CustomerDirectory & CustomerDossierStore & UserStore & SessionStore
    & AnalysisStore & SegmentStore & TargetingStore & TableTransfer & RecordEditing
