import RapportIngest

/// The answer to a write: how many records the request held and what became of them, with one
/// entry per problem of a rejected record (its position from 1, field, value, what to change).
struct WriteResultBody: Codable, Sendable {
    struct Problem: Codable, Sendable {
        var record: Int
        var field: String
        var value: String
        var reason: String
    }

    var received: Int
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var rejected: Int
    var createdCustomers: Int
    var promotedProspects: Int
    var problems: [Problem]

    /// The body for `ingested`; throws a 422 naming the first problem when nothing was accepted.
    static func answer(_ ingested: IngestedRecords) throws -> WriteResultBody {
        let counts = ingested.counts
        let problems = ingested.rejected.map { Problem(record: $0.record, field: $0.field, value: $0.value, reason: $0.reason) }
        if counts.rejected > 0, counts.inserted + counts.updated + counts.unchanged == 0, let first = problems.first {
            let prefix = ingested.received == 1 ? "" : "all \(ingested.received) records were rejected; record \(first.record): "
            let value = first.value.isEmpty ? "" : " '\(first.value)'"
            throw APIError.invalid(
                "\(prefix)\(first.field.isEmpty ? "the record" : first.field)\(value): \(first.reason)",
                field: first.field.isEmpty ? nil : (ingested.received == 1 ? first.field : "[\(first.record - 1)].\(first.field)"))
        }
        return WriteResultBody(
            received: ingested.received, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged,
            rejected: counts.rejected, createdCustomers: ingested.createdCustomers,
            promotedProspects: ingested.promotedProspects, problems: problems)
    }
}
