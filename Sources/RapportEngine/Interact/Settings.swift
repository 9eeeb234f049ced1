import Foundation
public import RapportCore

/// Named settings kept as JSON in the `settings` table (the pressure policy, channel settings…),
/// through a ``RecordEditor``.
public struct Settings {
    static let table = StoredTable.named("settings")
    private let editor: any RecordEditor

    public init(_ editor: any RecordEditor) {
        self.editor = editor
    }

    /// The JSON text stored under `key`, or nil.
    public func json(_ key: String) throws -> String? {
        try editor.rows(of: Self.table, matching: [ColumnMatch("key", .text(key))]).first?[1].textValue
    }

    /// The value stored under `key`, decoded; nil when none is stored.
    public func value<T: Decodable>(_ type: T.Type, at key: String) throws -> T? {
        guard let json = try json(key) else { return nil }
        return try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// Stores `value` under `key` in place of what was there.
    public func set(_ value: some Encodable, at key: String, now: Instant) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        try editor.delete(from: Self.table, matching: [ColumnMatch("key", .text(key))])
        try editor.insert([.text(key), .text(json), .integer(now.secondsSinceEpoch)], into: Self.table, ignoringConflicts: false)
    }
}
