/// A file that cannot be imported at all: nothing of it is applied. Each case says what was found
/// and what to do.
public enum FileFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case notText(file: String, offset: Int, detail: String)
    case missingColumns(file: String, kind: String, missing: [String], found: [String], suggestions: [String: String])
    case unknownColumns(file: String, kind: String, unknown: [String], expected: [String], suggestions: [String: String])
    case duplicateColumn(file: String, column: String)
    case truncated(file: String, line: Int, detail: String)
    case notJSONLines(file: String, line: Int, detail: String)
    case badMapping(file: String, detail: String)
    case cannotWrite(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file (\(reason))."
        case .empty(let file):
            return "\(file): the file is empty; a CSV file needs at least a header row, a JSON Lines file one object."
        case .notText(let file, let offset, let detail):
            return
                "\(file): this is not a UTF-8 text file (\(detail) at byte \(offset)). If it is a spreadsheet, save it as \"CSV UTF-8\" first."
        case .missingColumns(let file, let kind, let missing, let found, let suggestions):
            let hints = missing.compactMap { m in suggestions[m].map { "'\($0)' for '\(m)'" } }
            return "\(file): not a \(kind) file: required column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")) missing (found: \(found.joined(separator: ", ")))."
                + (hints.isEmpty ? "" : " Did you mean \(hints.joined(separator: ", "))?")
                + " Rename the columns or give a mapping file with --mapping (see docs/formats.md)."
        case .unknownColumns(let file, let kind, let unknown, let expected, let suggestions):
            let hints = unknown.compactMap { u in suggestions[u].map { "'\(u)' -> '\($0)'" } }
            return "\(file): unknown column\(unknown.count > 1 ? "s" : "") for \(kind): \(unknown.map { "'\($0)'" }.joined(separator: ", "))."
                + (hints.isEmpty ? "" : " Did you mean \(hints.joined(separator: ", "))?")
                + " Expected columns: \(expected.joined(separator: ", "))"
                + (kind == "customers" ? "; keep a custom field by naming its column attr.NAME" : "")
                + "; or skip a column with \"ignore\" in a mapping file."
        case .duplicateColumn(let file, let column):
            return "\(file): the column '\(column)' appears twice in the header; keep one."
        case .truncated(let file, let line, let detail):
            return "\(file): the file seems cut off at line \(line) (\(detail)); nothing was imported. Export it again completely."
        case .notJSONLines(let file, let line, let detail):
            return "\(file): line \(line) is not a JSON object (\(detail)); a .jsonl file holds one JSON object per line."
        case .badMapping(let file, let detail):
            return "\(file): \(detail)"
        case .cannotWrite(let file, let reason):
            return "\(file): cannot write: \(reason)."
        }
    }
}
