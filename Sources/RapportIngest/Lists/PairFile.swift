/// Why a list or basket file cannot be read.
public enum ListFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case missingColumn(file: String, expected: [String], found: [String])
    case badRecord(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let reason): reason
        case .missingColumn(let file, let expected, let found):
            "\(file): no column named \(expected.joined(separator: " or ")); the header has \(found.joined(separator: ", "))"
        case .badRecord(let file, let line, let reason): "\(file), line \(line): \(reason)"
        }
    }
}

/// Reads the columns a list or a basket file is about from a CSV file with a header.
public enum PairFile {
    /// Calls `body` with the values of the first column named in each of `columns` (names in order
    /// of preference, case-insensitive), for every record, with its line number. An empty value or
    /// a record that cannot be split is an error naming the line.
    public static func read(
        _ path: String, columns: [[String]], _ body: ([String], Int) throws -> Void
    ) throws {
        let reader: DelimitedReader
        do {
            reader = try DelimitedReader(file: try MappedFile(path: path), delimiter: nil)
        } catch {
            throw ListFileError.unreadable(error.description)
        }
        let lowered = reader.columns.map { $0.trimmingASCIISpaces().lowercased() }
        var indexes: [Int] = []
        for names in columns {
            // The most preferred name present wins, wherever its column stands.
            guard let index = names.lazy.compactMap({ lowered.firstIndex(of: $0) }).first else {
                if columns.count == 1 && lowered.count == 1 {
                    indexes.append(0)
                    continue
                }
                throw ListFileError.missingColumn(file: path, expected: names, found: reader.columns)
            }
            indexes.append(index)
        }
        while try reader.next() {
            if let problem = reader.recordProblem {
                throw ListFileError.badRecord(file: path, line: reader.line, reason: problem)
            }
            var values: [String] = []
            for (position, index) in indexes.enumerated() {
                guard let bytes = reader.field(index), !bytes.isEmpty else {
                    throw ListFileError.badRecord(
                        file: path, line: reader.line,
                        reason: "\(columns[position][0]) is empty; fill it in or remove the line")
                }
                values.append(String(decoding: bytes, as: UTF8.self))
            }
            try body(values, reader.line)
        }
    }
}
