public import RapportCore

/// Imports one file into the knowledge base: the entry point of `rapport import` and of the API.
///
/// Guarantees: the file is applied in one transaction (a killed process leaves the base as it was
/// before the file); re-importing the same file changes nothing; a bad row is never applied and
/// never dropped silently — it goes to `<file>.rejects.csv` with its line, field, value and reason;
/// a file that is not what it claims throws ``FileFormatError`` and changes nothing.
///
/// The file is read on a thread of its own while the calling thread writes: `progress` is
/// called on that reading thread.
public enum Importer {
    public static func run(
        _ kind: ImportKind, file: String, options: ImportOptions = ImportOptions(), into store: any KnowledgeBaseStore,
        progress: @escaping (ImportProgress) -> Void = { _ in }
    ) throws -> ImportSummary {
        guard kind != .orderLines else {
            throw FileFormatError.badMapping(
                file: file, detail: "basket lines are imported with their orders: rapport import orders ORDERS --lines \(file)")
        }
        let started = ContinuousClock.now
        let opened = try open(file, kind: kind, mapping: options.mapping)
        let linesInput = try options.linesFile.map { try open($0, kind: .orderLines, mapping: options.mapping) }
        let rejects = RejectsFile(input: file)
        let label = fileName(file)
        var linesRejects: RejectsFile?
        var summary: ImportSummary
        do {
            summary = try store.importing { transaction -> ImportSummary in
                let context = ImportContext(
                    transaction: transaction, options: options, rejects: rejects, fileLabel: label,
                    progress: progress)
                var lines: SeparateLines?
                if let linesInput, let linesFile = options.linesFile {
                    lines = try SeparateLines(file: linesFile, context: context, reader: linesInput.reader, binding: linesInput.binding)
                    linesRejects = lines?.rejects
                }
                var summary = try apply(kind, opened, context: context, lines: lines, bulk: bulkLoads(kind, options: options))
                try transaction.record(
                    ImportRecord(
                        kind: kind.rawValue, file: file, bytes: Int64(opened.reader.totalBytes), startedAt: options.now,
                        finishedAt: Instant(secondsSinceEpoch: options.now.secondsSinceEpoch + Int64(context.elapsedSeconds.rounded())),
                        counts: context.counts))
                summary.file = file
                return summary
            }
        } catch {
            rejects.discard()
            linesRejects?.discard()
            throw error
        }
        // Committed: from here on, a failure must not hide that the data is in.
        do {
            summary.rejectsFile = try rejects.publish()
            summary.linesRejectsFile = try linesRejects?.publish()
        } catch {
            throw FileFormatError.cannotWrite(
                file: rejects.path,
                reason: "the import was committed, but its rejects could not be written (\(error)); they are in \(rejects.path).partial if that exists")
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        return summary
    }

    /// Reads every record of `opened` and applies it through `context`'s transaction: the part of
    /// an import that a file and a request share. Returns the summary without file paths.
    static func apply(
        _ kind: ImportKind, _ opened: (reader: any RecordReader, binding: FieldBinding), context: ImportContext,
        lines: SeparateLines?, bulk: [KeyedRecord]
    ) throws -> ImportSummary {
        let transaction = context.transaction
        // Set up on this thread, which owns the transaction…
        let loop: RowLoop
        switch kind {
        case .customers: loop = try CustomerRows.prepare(context)
        case .products: loop = try ProductRows.prepare(context)
        case .events: loop = try EventRows.prepare(context)
        case .consents: loop = try ConsentRows.prepare(context)
        case .orders, .orderLines: loop = try OrderRows.prepare(context, separateLines: lines)
        }
        for table in bulk { try transaction.beginBulkLoad(table) }
        // …read on another thread while this one writes.
        var consents = ImportCounts()
        try context.pipeline.run(
            produce: {
                try loop(opened.reader, opened.binding)
                try lines?.rejectLeftovers(ordersFile: context.fileLabel)
            },
            consume: { writes in
                for write in writes {
                    if let outcome = try write.apply(to: transaction, now: context.now) { consents.count(outcome) }
                }
            })
        for table in bulk { try transaction.endBulkLoad(table) }
        context.counts.inserted += consents.inserted
        context.counts.updated += consents.updated
        context.counts.unchanged += consents.unchanged
        var promoted = 0
        if kind == .orders {
            if let named = context.keyScope?[.customers] {
                // A request: only its own customers can have just got their first order.
                let ids = named.compactMap { context.customers.id(of: $0) }
                promoted = try transaction.promoteProspectsWithOrders(among: ids, now: context.now)
            } else {
                promoted = try transaction.promoteProspectsWithOrders(now: context.now)
            }
        }
        return ImportSummary(
            kind: kind, file: context.fileLabel, counts: context.counts, rejectsFile: nil,
            createdCustomers: context.createdCustomers, promotedProspects: promoted,
            linesAttached: lines?.attached ?? 0, linesRejected: lines?.rejected ?? 0, linesRejectsFile: nil,
            seconds: 0)
    }

    /// The tables a file of `kind` may fill in bulk (the store acts only on those still empty).
    static func bulkLoads(_ kind: ImportKind, options: ImportOptions) -> [KeyedRecord] {
        let created: [KeyedRecord] = options.createMissingCustomers ? [.customers] : []
        switch kind {
        case .customers: return [.customers]
        case .products: return []
        case .orders, .orderLines: return [.orders] + created
        case .events: return [.events] + created
        case .consents: return created
        }
    }

    /// The reader and field binding for a file: JSON Lines by extension, delimited text otherwise.
    static func open(_ file: String, kind: ImportKind, mapping: ColumnMapping) throws -> (reader: any RecordReader, binding: FieldBinding) {
        let mapped = try MappedFile(path: file)
        let lower = file.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            let (columns, binding) = FieldBinding.forJSONLines(kind: kind, mapping: mapping)
            return (try JSONLinesReader(file: mapped, columns: columns), binding)
        }
        let reader = try DelimitedReader(file: mapped, delimiter: mapping.delimiter)
        let binding = try FieldBinding.forHeader(reader.columns, kind: kind, mapping: mapping, file: file)
        return (reader, binding)
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
