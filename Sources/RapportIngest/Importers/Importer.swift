public import RapportCore

/// Imports one file into the knowledge base: the entry point of `rapport import` and of the API.
///
/// Guarantees: the file is applied in one transaction (a killed process leaves the base as it was
/// before the file); re-importing the same file changes nothing; a bad row is never applied and
/// never dropped silently — it goes to `<file>.rejects.csv` with its line, field, value and reason;
/// a file that is not what it claims throws ``FileFormatError`` and changes nothing.
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
        do {
            let summary = try store.importing { transaction -> ImportSummary in
                let context = ImportContext(
                    transaction: transaction, options: options, kind: kind, rejects: rejects, fileLabel: label,
                    progress: progress)
                var promoted = 0
                var lines: SeparateLines?
                switch kind {
                case .customers: try CustomerRows.run(context, reader: opened.reader, binding: opened.binding)
                case .products: try ProductRows.run(context, reader: opened.reader, binding: opened.binding)
                case .events: try EventRows.run(context, reader: opened.reader, binding: opened.binding)
                case .consents: try ConsentRows.run(context, reader: opened.reader, binding: opened.binding)
                case .orders, .orderLines:
                    if let linesInput, let linesFile = options.linesFile {
                        lines = try SeparateLines(file: linesFile, context: context, reader: linesInput.reader, binding: linesInput.binding)
                        linesRejects = lines?.rejects
                    }
                    try OrderRows.run(context, reader: opened.reader, binding: opened.binding, separateLines: lines)
                    try lines?.rejectLeftovers(ordersFile: label)
                    promoted = try transaction.promoteProspectsWithOrders(now: options.now)
                }
                let finished = options.now.secondsSinceEpoch + Int64(context.elapsedSeconds.rounded())
                try transaction.record(
                    ImportRecord(
                        kind: kind.rawValue, file: file, bytes: Int64(opened.reader.totalBytes), startedAt: options.now,
                        finishedAt: Instant(secondsSinceEpoch: finished), counts: context.counts))
                return ImportSummary(
                    kind: kind, file: file, counts: context.counts, rejectsFile: nil,
                    createdCustomers: context.createdCustomers, promotedProspects: promoted,
                    linesAttached: lines?.attached ?? 0, linesRejected: lines?.rejected ?? 0, linesRejectsFile: nil,
                    seconds: 0)
            }
            var result = summary
            result.rejectsFile = try rejects.publish()
            result.linesRejectsFile = try linesRejects?.publish()
            let elapsed = ContinuousClock.now - started
            result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return result
        } catch {
            rejects.discard()
            linesRejects?.discard()
            throw error
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
