/// Everything a merge changed, kept with it (`merges.snapshot`) so that nothing is lost and the
/// merge can be undone: both records as they were, the survivor as the merge left it, every row of
/// the absorbed customer, which of them the survivor already had, and the aliases re-pointed.
struct MergeSnapshot: Codable, Sendable {
    var version = 1
    var actor: String
    var score: Double?
    var evidence: [MatchEvidence]
    var survivorBefore: [CodableStoredValue]
    var survivorAfter: [CodableStoredValue]
    /// The absorbed customer's rows by table, `customers` included.
    var absorbed: [String: [[CodableStoredValue]]]
    /// Rows of the absorbed customer whose key the survivor already had: not moved, only kept here.
    var shared: [String: [[CodableStoredValue]]]
    /// External ids whose alias pointed at the absorbed customer and now point at the survivor.
    var repointedAliases: [String]
}
