public import RapportCore

/// Applies records received through the API — one JSON object or an array of them — with the
/// rules of a file import: the same fields, checks, upserts by identifier and fingerprints, so a
/// record sent twice changes nothing the second time.
///
/// Guarantees: every record of one call is applied in one transaction, committed before this
/// returns (nothing acknowledged is lost; nothing is half applied); a bad record is not applied
/// and comes back in ``IngestedRecords/rejected`` naming its position, field, value and the fix;
/// only the identifiers the records name are looked up, so the cost follows the request, not the
/// size of the base. An order carries its basket as `lines: [{sku, quantity, amount}]`.
public enum RecordIngestion {
    /// With `identifier`, the body is one record whose identifier the URL gives (an update).
    public static func ingest(
        _ kind: ImportKind, body: [UInt8], identifier: String? = nil, options: ImportOptions = ImportOptions(),
        into store: any KnowledgeBaseStore
    ) throws(RecordBodyError) -> IngestedRecords {
        let prepared = try prepare(kind, body: body, identifier: identifier, options: options)
        do {
            return try store.importing { transaction in try prepared.apply(in: transaction) }
        } catch let error as RecordBodyError {
            throw error
        } catch {
            throw .store(error)
        }
    }

    /// Checks the body's shape and identifiers and lays its records out for the importers, without
    /// touching the store: the part of a write that can run while another write holds the base.
    public static func prepare(
        _ kind: ImportKind, body: [UInt8], identifier: String? = nil, options: ImportOptions = ImportOptions()
    ) throws(RecordBodyError) -> PreparedRecords {
        let records = try RecordBody.parse(body, kind: kind, identifier: identifier)
        let flattened = RecordBody.jsonLines(records, kind: kind)
        return PreparedRecords(
            kind: kind, options: options, received: records.count, lines: flattened.bytes,
            recordOfLine: flattened.recordOfLine, keyScope: RecordBody.keyScope(records, kind: kind))
    }
}

/// The records of one request, checked and laid out, ready to be applied inside a transaction
/// (alone, or with other requests' records in one commit). A value: applying it twice, after a
/// rolled-back attempt, reads the records again from the start.
public struct PreparedRecords: Sendable {
    let kind: ImportKind
    let options: ImportOptions
    /// Records in the request (orders, not their lines).
    public let received: Int
    let lines: [UInt8]
    let recordOfLine: [Int]
    let keyScope: [KeyedRecord: Set<String>]

    /// Applies the records in `transaction`; what it writes is committed or rolled back with it.
    public func apply(in transaction: any ImportTransaction) throws -> IngestedRecords {
        let input = MappedFile(copying: lines, label: "request body")
        let rejects = RejectsFile(collecting: "request body")
        let (columns, binding) = FieldBinding.forJSONLines(kind: kind, mapping: options.mapping)
        let reader = try JSONLinesReader(file: input, columns: columns)
        let context = ImportContext(
            transaction: transaction, options: options, rejects: rejects, fileLabel: "request body",
            keyScope: keyScope, progress: { _ in })
        let summary = try Importer.apply(kind, (reader, binding), context: context, lines: nil, bulk: [])
        // Lines of an order are one record: report the order's position, once per problem.
        var seen = Set<RejectedRecord>()
        let rejected = (rejects.collected ?? []).compactMap { line -> RejectedRecord? in
            var record = line
            record.record = recordOfLine[max(0, min(line.record - 1, recordOfLine.count - 1))]
            return seen.insert(record).inserted ? record : nil
        }
        return IngestedRecords(
            received: received, counts: summary.counts, createdCustomers: summary.createdCustomers,
            promotedProspects: summary.promotedProspects, rejected: rejected)
    }
}

/// What one API write did.
public struct IngestedRecords: Sendable {
    /// Records in the request (orders, not their lines).
    public var received: Int
    public var counts: ImportCounts
    public var createdCustomers: Int
    public var promotedProspects: Int
    /// One entry per problem; a record with two problems appears twice.
    public var rejected: [RejectedRecord]
}
