import RapportCore

/// Reads JSON Lines: one JSON object per line. The columns are given by the caller (the fields of
/// the kind being imported); a key of an object that is not a column makes that record's
/// ``recordProblem``, and a value of a type its column does not take (``JSONShape``) one of its
/// ``fieldProblems``. Strings are taken as they are, numbers as written, objects as canonical
/// JSON text, `null` as absent.
final class JSONLinesReader: RecordReader {
    /// A key the reader looks for, the field it feeds, and the JSON types it takes.
    struct Column: Sendable {
        var name: String
        var field: String
        var shape: JSONShape
    }

    private let file: MappedFile
    private let bytes: UnsafeRawBufferPointer
    let columns: [String]
    private let shapes: [JSONShape]
    private let fields: [String]
    private let columnIndex: [String: Int]
    private(set) var line = 0
    private(set) var recordProblem: String?
    private(set) var fieldProblems: [ValidationError] = []
    private var position = 0
    private var recordStart = 0
    private var recordEnd = 0
    /// The current record's values, one range per column into `arena`.
    private var values: [Range<Int>?]
    private let arena = ByteArena()
    private var sawObject = false

    init(file: MappedFile, columns: [Column]) throws(FileFormatError) {
        self.file = file
        self.bytes = file.bytes
        guard !bytes.isEmpty else { throw .empty(file: file.path) }
        try TextSniffer.check(bytes, file: file.path)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        self.columns = columns.map(\.name)
        self.shapes = columns.map(\.shape)
        self.fields = columns.map(\.field)
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() { index[column.name.lowercased()] = i }
        self.columnIndex = index
        values = Array(repeating: nil, count: columns.count)
    }

    var recordRange: Range<Int> { recordStart..<recordEnd }

    func text(of range: Range<Int>) -> String { file.text(of: range) }

    var bytesRead: Int { position }
    var totalBytes: Int { bytes.count }

    func field(_ column: Int) -> UnsafeRawBufferPointer? {
        values[column].map { arena.bytes($0) }
    }

    func next() throws(FileFormatError) -> Bool {
        while position < bytes.count {
            recordStart = position
            line += 1
            var end = position
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            let hasNewline = end < bytes.count
            position = hasNewline ? end + 1 : end
            recordEnd = position
            let text = UnsafeRawBufferPointer(rebasing: bytes[recordStart..<end])
            if text.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            for i in values.indices { values[i] = nil }
            arena.reset()
            recordProblem = nil
            fieldProblems.removeAll(keepingCapacity: true)
            let object: JSONValue
            do {
                object = try JSONParser.parse(text)
            } catch {
                if !hasNewline && sawObject {
                    throw .truncated(file: file.path, line: line, detail: "the last line is not complete JSON and has no line end")
                }
                if !sawObject { throw .notJSONLines(file: file.path, line: line, detail: "it does not parse as JSON") }
                recordProblem = "not valid JSON (\(error.reason) at character \(error.offset + 1)); each line must be one complete JSON object"
                return true
            }
            guard case .object(let dictionary) = object else {
                if !sawObject { throw .notJSONLines(file: file.path, line: line, detail: "it is JSON but not an object") }
                recordProblem = "a JSON value that is not an object; each line must be one {…} object"
                return true
            }
            sawObject = true
            var unknown: [String] = []
            for (key, value) in dictionary {
                guard let column = columnIndex[key.lowercased()] else {
                    unknown.append(key)
                    continue
                }
                if let problem = shapes[column].problem(with: value, field: fields[column]) {
                    fieldProblems.append(problem)
                    continue
                }
                values[column] = value.fieldText.map { arena.append($0) }
            }
            if !unknown.isEmpty {
                recordProblem = "unknown field\(unknown.count > 1 ? "s" : "") \(unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")); expected: \(columns.joined(separator: ", "))"
            }
            return true
        }
        return false
    }

}
