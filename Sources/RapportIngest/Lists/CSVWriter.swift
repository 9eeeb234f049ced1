import Foundation

/// Writes a CSV file (RFC 4180 quoting, `\n` line ends) to a temporary name and moves it into place
/// when finished, so that a failed export never leaves half a file under the real name.
public final class CSVWriter {
    public let path: String
    private let partialPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(path: String, header: [String]) throws {
        self.path = path
        partialPath = path + ".partial"
        guard FileManager.default.createFile(atPath: partialPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: partialPath)
        else {
            throw ListFileError.unreadable("\(path): cannot write here; choose a folder you can write to")
        }
        self.handle = handle
        try write(header)
    }

    public func write(_ fields: [String]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            RejectsFile.appendQuoted(field, to: &buffer)
        }
        buffer.append(10)
        if buffer.count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and moves the file into place.
    public func finish() throws {
        try flush()
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partialPath, toPath: path)
    }

    /// Removes the partial file after a failure.
    public func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partialPath)
    }
}
