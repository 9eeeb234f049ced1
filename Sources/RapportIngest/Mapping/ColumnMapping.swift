import Foundation
public import RapportCore

/// How to read a file whose layout is not Rapport's: which column holds which field, the
/// delimiter, the date layout, constants, and identifiers made from line numbers. Read from a
/// JSON file given with `--mapping`; docs/formats.md describes it.
public struct ColumnMapping: Sendable, Equatable {
    /// Rapport field name -> the file's column header.
    public var columns: [String: String] = [:]
    public var delimiter: Delimiter?
    public var datePattern: DatePattern?
    /// `.` or `,`; nil accepts both (a comma only when there is no dot).
    public var decimalSeparator: Character?
    /// Rapport field name -> value used on every row.
    public var constants: [String: String] = [:]
    /// Make record identifiers from the file name and the line number.
    public var generatedIdentifiers = false
    /// Headers to skip.
    public var ignored: [String] = []

    public init() {}

    private struct Document: Decodable {
        var columns: [String: String]?
        var delimiter: String?
        var dateFormat: String?
        var decimalSeparator: String?
        var constants: [String: String]?
        var generatedIds: String?
        var ignore: [String]?
    }

    /// Reads and checks a mapping file; the error names the file and the entry at fault.
    public init(contentsOf path: String) throws(FileFormatError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "no such file, or it cannot be read")
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw .badMapping(
                file: path,
                detail: "not a mapping file: \(Self.describe(error)). Expected a JSON object with \"columns\", \"delimiter\", \"dateFormat\", \"constants\", \"generatedIds\", \"ignore\".")
        }
        for name in Array((document.columns ?? [:]).keys) + Array((document.constants ?? [:]).keys)
        where Field.byName[name] == nil && !name.hasPrefix("attr.") {
            throw .badMapping(
                file: path,
                detail: "'\(name)' is not a Rapport field. Fields: \(Field.allCases.map(\.name).joined(separator: ", ")), or attr.NAME for a custom attribute.")
        }
        columns = document.columns ?? [:]
        constants = document.constants ?? [:]
        ignored = document.ignore ?? []
        if let spelling = document.delimiter {
            guard let delimiter = Delimiter(spelling: spelling) else {
                throw .badMapping(file: path, detail: "delimiter '\(spelling)' is not one of , ; \\t | whitespace")
            }
            self.delimiter = delimiter
        }
        if let format = document.dateFormat, format.lowercased() != "iso" {
            do {
                datePattern = try DatePattern(format)
            } catch {
                throw .badMapping(file: path, detail: error.description)
            }
        }
        if let separator = document.decimalSeparator {
            guard separator == "." || separator == "," else {
                throw .badMapping(file: path, detail: "decimalSeparator '\(separator)' must be \".\" or \",\"")
            }
            decimalSeparator = separator.first
        }
        if let generated = document.generatedIds {
            guard generated == "line" else {
                throw .badMapping(file: path, detail: "generatedIds '\(generated)' must be \"line\"")
            }
            generatedIdentifiers = true
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
