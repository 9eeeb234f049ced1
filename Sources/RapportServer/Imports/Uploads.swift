import Foundation
import RapportCore
import RapportIngest

/// Uploaded import files: each kept in a folder of its own under the uploads directory, so that
/// its rejects file (written beside it by the importer) is its own and can be downloaded later.
struct Uploads: Sendable {
    let directory: String

    /// A new file path for an upload called `name` (reduced to a safe file name).
    func newFile(named name: String) throws -> String {
        let folder = directory + "/" + Self.stamp()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/" + Self.safeName(name)
    }

    /// Letters, digits, `.`, `-` and `_` of the last path component; `upload.csv` when nothing is left.
    static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(last.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }.map(Character.init))
        let trimmed = kept.drop(while: { $0 == "." })
        return trimmed.isEmpty ? "upload.csv" : String(trimmed.prefix(120))
    }

    /// Whether `path` is a file under this directory (the journal may name files imported from elsewhere).
    func holds(_ path: String) -> Bool {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path + "/"
        return URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(root)
    }

    private static func stamp() -> String {
        let now = Date().timeIntervalSince1970
        return String(Int64(now * 1000)) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Runs the import of an uploaded file and finds its line in the journal.
    static func run(
        _ kind: ImportKind, file: String, options: ImportOptions, store: any ServerStore
    ) throws -> (summary: ImportSummary, journal: ImportJournalEntry?) {
        let summary = try Importer.run(kind, file: file, options: options, into: store)
        let journal = try store.importJournal(limit: 50).first { $0.record.file == file }
        return (summary, journal)
    }
}
