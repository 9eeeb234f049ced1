public import RapportCore

/// Everything the server reads and writes, whatever the concrete store: the SQLite file or
/// (issue 6) PostgreSQL.
public typealias ServerStore = KnowledgeBaseStore & CustomerDirectory & CustomerDossierStore & UserStore & SessionStore
    & AnalysisStore & SegmentStore & TargetingStore
