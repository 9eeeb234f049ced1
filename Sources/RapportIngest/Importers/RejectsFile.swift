import Foundation

/// The rejects CSV written beside an input file: `line,field,value,reason,row`, one line per
/// problem. Written to a temporary name and moved into place only when the import commits, so a
/// failed import leaves no rejects file that describes changes which never happened.
///
/// Records received through the API keep their rejects in memory instead (``init(collecting:)``),
/// to answer with them.
final class RejectsFile {
    /// `<input>.rejects.csv`.
    let path: String
    private let partialPath: String
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private(set) var problems = 0
    /// Nil when writing a file; the rejects so far when collecting them in memory.
    private(set) var collected: [RejectedRecord]?

    init(input: String) {
        path = input + ".rejects.csv"
        partialPath = path + ".partial"
    }

    /// Rejects kept in memory, for records that did not come from a file.
    init(collecting label: String) {
        path = label
        partialPath = label
        collected = []
    }

    func add(line: Int, field: String, value: String, reason: String, row: String) throws {
        if collected != nil {
            problems += 1
            collected?.append(RejectedRecord(record: line, field: field, value: value, reason: reason))
            return
        }
        if handle == nil {
            _ = FileManager.default.createFile(atPath: partialPath, contents: nil)
            guard let opened = FileHandle(forWritingAtPath: partialPath) else {
                throw FileFormatError.cannotWrite(
                    file: path, reason: "the folder of the input file is not writable; copy the file to a folder you can write to")
            }
            handle = opened
            buffer.append(contentsOf: Array("line,field,value,reason,row\n".utf8))
        }
        problems += 1
        buffer.append(contentsOf: Array(String(line).utf8))
        for text in [field, value, reason, row] {
            buffer.append(UInt8(ascii: ","))
            RejectsFile.appendQuoted(text, to: &buffer)
        }
        buffer.append(10)
        if buffer.count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Moves the rejects into place after a commit, or removes any earlier rejects file when there
    /// were none. Returns the path when there is a rejects file.
    func publish() throws -> String? {
        guard collected == nil else { return nil }
        try flush()
        try handle?.close()
        handle = nil
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
        guard problems > 0 else { return nil }
        try manager.moveItem(atPath: partialPath, toPath: path)
        return path
    }

    /// Throws away what was written, after a failed import.
    func discard() {
        guard collected == nil else { return }
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: partialPath)
    }

    static func appendQuoted(_ text: String, to buffer: inout [UInt8]) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(34)
        for byte in utf8 {
            if byte == 34 { buffer.append(34) }
            buffer.append(byte)
        }
        buffer.append(34)
    }
}
