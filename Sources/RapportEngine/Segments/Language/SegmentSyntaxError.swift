/// A definition that cannot be read, with the place to fix: the line and column of the offending
/// text (from 1), what was expected there, and the line itself with a caret under the spot.
public struct SegmentSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Characters from the start of the definition.
    public let offset: Int
    public let line: Int
    public let column: Int
    public let message: String
    /// The definition's line holding the error.
    public let sourceLine: String

    init(_ message: String, at offset: Int, in source: [Character]) {
        let offset = min(max(0, offset), source.count)
        var line = 1
        var lineStart = 0
        for index in 0 ..< offset where source[index].isNewline {
            line += 1
            lineStart = index + 1
        }
        let lineEnd = source[lineStart...].firstIndex(where: \.isNewline) ?? source.count
        self.offset = offset
        self.line = line
        self.column = offset - lineStart + 1
        self.message = message
        self.sourceLine = String(source[lineStart ..< lineEnd])
    }

    public var description: String {
        "line \(line), column \(column): \(message)\n  \(sourceLine)\n  \(String(repeating: " ", count: column - 1))^"
    }
}

/// A JSON definition that cannot be read: where in the document (`$.all[1].op`) and why.
public struct SegmentDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
