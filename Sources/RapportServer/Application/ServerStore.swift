public import RapportCore

/// Everything the server reads and writes, whatever the concrete store: the SQLite file or
/// PostgreSQL.
public typealias ServerStore = RapportStore
