public import RapportCore

/// What one run of de-duplication did.
public struct DeduplicationReport: Sendable {
    public var findings: DuplicateFindings
    /// The merges made (none on a dry run).
    public var merged: [MergeRecord]
    /// Planned merges skipped because a customer had gone meanwhile.
    public var skipped: Int
    /// Pairs pending review after the run.
    public var pendingReview: Int
}

/// Runs identity resolution over a whole store: reads every customer, finds duplicates, makes the
/// automatic merges and refreshes the review queue in one transaction.
public struct Deduplication {
    public let rules: MatchingRules

    public init(rules: MatchingRules = MatchingRules()) {
        self.rules = rules
    }

    /// Every customer of `store` as a ``MatchRecord``.
    public func records(of store: some TableTransfer) throws -> [MatchRecord] {
        var records: [MatchRecord] = []
        let attributes = rules.loyaltyCardAttributes
        try store.readRows(of: CustomerColumns.table) { row in
            records.append(MatchRecord(customerRow: row, loyaltyCardAttributes: attributes))
        }
        return records
    }

    /// Finds duplicates; unless `dryRun`, merges the automatic ones and replaces the pending
    /// review pairs, all in one transaction.
    public func run(
        on store: some TableTransfer & RecordEditing, dryRun: Bool, actor: String, at now: Instant
    ) throws -> DeduplicationReport {
        let records = try records(of: store)
        let rejected = try store.editingRecords { editor in try ReviewQueue(editor).rejectedPairs() }
        let findings = DuplicateFinder(rules: rules).find(in: records, rejected: rejected)
        guard !dryRun else {
            return DeduplicationReport(findings: findings, merged: [], skipped: 0, pendingReview: findings.review.count)
        }
        return try store.editingRecords { editor in
            var merges = Merges(editor, survivorship: rules.survivorship)
            var merged: [MergeRecord] = []
            var skipped = 0
            for plan in findings.merges {
                let request = MergeRequest(
                    survivorID: plan.survivorID, absorbedID: plan.absorbedID, rule: "automatic: " + plan.score.agreeingFields,
                    score: plan.score.score, evidence: plan.score.evidence)
                do {
                    merged.append(try merges.merge(request, actor: actor, at: now))
                } catch MergeError.noSuchCustomer {
                    skipped += 1
                }
            }
            // A pair naming a customer merged away now names their survivor.
            let survivors = Dictionary(merged.map { ($0.absorbedID, $0.survivorID) }, uniquingKeysWith: { first, _ in first })
            var seen = Set<CustomerPair>()
            let review = findings.review.compactMap { candidate -> DuplicateCandidate? in
                let a = survivors[candidate.pair.first] ?? candidate.pair.first
                let b = survivors[candidate.pair.second] ?? candidate.pair.second
                let pair = CustomerPair(a, b)
                guard a != b, !rejected.contains(pair), seen.insert(pair).inserted else { return nil }
                return DuplicateCandidate(pair, score: candidate.score)
            }
            let pending = try ReviewQueue(editor).replacePending(with: review, at: now)
            return DeduplicationReport(findings: findings, merged: merged, skipped: skipped, pendingReview: pending)
        }
    }
}
