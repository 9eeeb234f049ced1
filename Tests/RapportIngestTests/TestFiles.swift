import Foundation
import RapportCore
import RapportSQLite

/// A scratch directory per test, with helpers to write input files and open a fresh base.
struct Scratch {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "rapport-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` (exactly, no newline added) to `name` in the scratch directory.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        try bytes(name, Array(text.utf8))
    }

    @discardableResult
    func bytes(_ name: String, _ content: [UInt8]) throws -> String {
        let path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(content)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return path
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func store() throws -> SQLiteKnowledgeBase {
        try SQLiteKnowledgeBase(path: directory + "/base.sqlite")
    }
}

/// A fixed "now" for imports: 2026-11-01T00:00:00Z.
let testNow = Instant(secondsSinceEpoch: 1_793_491_200)

extension SQLiteKnowledgeBase {
    struct NoSuchCustomer: Error {
        let reference: String
    }

    /// The 360 view of the customer `reference` names; throws when there is none.
    func view(_ reference: String, recent: Int = 5) throws -> Customer360 {
        guard let id = try customerID(matching: reference), let view = try customer360(id: id, recentLimit: recent) else {
            throw NoSuchCustomer(reference: reference)
        }
        return view
    }
}
