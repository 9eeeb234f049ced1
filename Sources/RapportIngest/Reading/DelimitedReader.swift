/// Reads CSV-like text straight from the bytes of a mapped file: header row, comma / semicolon /
/// tab / pipe delimiters (detected from the header when not given) or whitespace-separated
/// columns, `"` quoting with `""` escapes and line breaks inside quotes, UTF-8 with or without a
/// byte-order mark, LF or CRLF line ends. Empty lines are skipped.
///
/// A file that is not text, or that ends inside a quoted field or in the middle of a record,
/// throws ``FileFormatError``; a record with the wrong number of fields is reported through
/// ``recordProblem`` so that the importer can reject that row alone.
final class DelimitedReader: RecordReader {
    private let file: MappedFile
    private let bytes: UnsafeRawBufferPointer
    let delimiter: Delimiter
    private(set) var columns: [String] = []
    private(set) var line = 0
    private(set) var recordProblem: String?

    private var position = 0
    private var nextLine = 1
    private var recordStart = 0
    private var recordEnd = 0
    // Field i is bytes[starts[i]..<ends[i]], or scratch[starts[i]..<ends[i]] when inScratch[i].
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var inScratch: [Bool] = []
    private let scratch = ScratchBuffer(capacity: 1 << 16)
    private var scratchBase: UnsafeMutablePointer<UInt8> { scratch.base }
    private var scratchCapacity: Int { scratch.capacity }

    init(file: MappedFile, delimiter: Delimiter?) throws(FileFormatError) {
        self.file = file
        self.bytes = file.bytes
        guard !bytes.isEmpty else { throw .empty(file: file.path) }
        try TextSniffer.check(bytes, file: file.path)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        self.delimiter = delimiter ?? DelimitedReader.detectDelimiter(bytes, from: position)
        guard try readRecord() else { throw .empty(file: file.path) }
        columns = (0..<starts.count).map { String(decoding: field($0) ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self) }
        recordProblem = nil
    }

    var recordRange: Range<Int> { recordStart..<recordEnd }

    func text(of range: Range<Int>) -> String { file.text(of: range) }

    var bytesRead: Int { position }
    var totalBytes: Int { bytes.count }

    func field(_ column: Int) -> UnsafeRawBufferPointer? {
        guard column < starts.count else { return nil }
        if inScratch[column] {
            return UnsafeRawBufferPointer(start: scratchBase + starts[column], count: ends[column] - starts[column])
        }
        return UnsafeRawBufferPointer(rebasing: bytes[starts[column]..<ends[column]])
    }

    func next() throws(FileFormatError) -> Bool {
        while true {
            guard try readRecord() else { return false }
            // A line holding nothing at all is skipped, not rejected.
            if starts.count == 1, ends[0] == starts[0], !inScratch[0] { continue }
            if starts.count != columns.count {
                let endsWithNewline = recordEnd > 0 && bytes[recordEnd - 1] == 10
                if !endsWithNewline && recordEnd == bytes.count && starts.count < columns.count {
                    throw .truncated(
                        file: file.path, line: line,
                        detail: "the last line has \(starts.count) of \(columns.count) fields and no line end")
                }
                recordProblem =
                    "this line has \(starts.count) field\(starts.count == 1 ? "" : "s") where the header has \(columns.count); a value holding the delimiter '\(delimiter)' must be quoted"
            }
            return true
        }
    }

    /// Splits the record starting at `position` into fields.
    private func readRecord() throws(FileFormatError) -> Bool {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        inScratch.removeAll(keepingCapacity: true)
        recordProblem = nil
        let count = bytes.count
        guard position < count else { return false }
        recordStart = position
        line = nextLine
        var scratchUsed = 0
        var i = position
        if case .whitespace = delimiter {
            while i < count, bytes[i] != 10 {
                while i < count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 { i += 1 }
                guard i < count, bytes[i] != 10 else { break }
                let start = i
                while i < count, bytes[i] != 32, bytes[i] != 9, bytes[i] != 10, bytes[i] != 13 { i += 1 }
                starts.append(start)
                ends.append(i)
                inScratch.append(false)
            }
            if starts.isEmpty {
                starts.append(i)
                ends.append(i)
                inScratch.append(false)
            }
            if i < count { i += 1 }
            nextLine += 1
            position = i
            recordEnd = i
            return true
        }
        guard case .byte(let separator) = delimiter else { return false }
        fieldLoop: while true {
            if i < count, bytes[i] == 34 {  // quoted field
                let openingLine = nextLine
                i += 1
                let contentStart = i
                var hasEscapes = false
                while true {
                    guard i < count else {
                        throw .truncated(file: file.path, line: openingLine, detail: "a quoted field is never closed")
                    }
                    let b = bytes[i]
                    if b == 34 {
                        if i + 1 < count, bytes[i + 1] == 34 {
                            hasEscapes = true
                            i += 2
                            continue
                        }
                        break
                    }
                    if b == 10 { nextLine += 1 }
                    i += 1
                }
                let contentEnd = i
                i += 1  // closing quote
                if hasEscapes {
                    let start = scratchUsed
                    var j = contentStart
                    while j < contentEnd {
                        if scratchUsed < scratchCapacity { scratchBase[scratchUsed] = bytes[j] }
                        scratchUsed += 1
                        j += bytes[j] == 34 ? 2 : 1
                    }
                    if scratchUsed > scratchCapacity {
                        recordProblem = "a quoted field with escaped quotes is longer than \(scratchCapacity) bytes"
                        scratchUsed = scratchCapacity
                    }
                    starts.append(start)
                    ends.append(scratchUsed)
                    inScratch.append(true)
                } else {
                    starts.append(contentStart)
                    ends.append(contentEnd)
                    inScratch.append(false)
                }
                // Spaces may follow the closing quote; anything else is a malformed field.
                while i < count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
                if i < count, bytes[i] != separator, bytes[i] != 10, bytes[i] != 13 {
                    recordProblem = recordProblem ?? "text follows a closing quote; double a quote inside a quoted value (\"\")"
                    while i < count, bytes[i] != separator, bytes[i] != 10 { i += 1 }
                }
            } else {
                var start = i
                while i < count, bytes[i] != separator, bytes[i] != 10 { i += 1 }
                var end = i
                while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
                while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 || bytes[end - 1] == 13 { end -= 1 }
                starts.append(start)
                ends.append(end)
                inScratch.append(false)
            }
            guard i < count else { break fieldLoop }
            if bytes[i] == separator {
                i += 1
                continue fieldLoop
            }
            if bytes[i] == 13 { i += 1 }
            if i < count, bytes[i] == 10 {
                i += 1
                nextLine += 1
            }
            break fieldLoop
        }
        position = i
        recordEnd = i
        return true
    }

    /// The byte among `,` `;` tab `|` that appears most often outside quotes on the first line.
    static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Delimiter {
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0, 124: 0]
        var quoted = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == 34 { quoted.toggle() }
            if !quoted {
                if b == 10 { break }
                if counts[b] != nil { counts[b]! += 1 }
            }
            i += 1
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }
        guard let best, best.value > 0 else { return .comma }
        return .byte(best.key)
    }
}

/// Memory for unescaped quoted fields, reused from record to record.
final class ScratchBuffer {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }
}
