import Foundation

/// Custom attributes of two records united into one JSON object.
enum AttributeMerge {
    /// Every key of both objects; on a key both have, the first's value unless `preferSecond`.
    /// Keys sorted, as the importer writes attributes. An object that cannot be read counts as
    /// empty.
    static func united(_ first: String, _ second: String, preferSecond: Bool) -> String {
        let a = object(first)
        let b = object(second)
        guard !b.isEmpty else { return first }
        guard !a.isEmpty else { return second }
        let merged = a.merging(b) { mine, theirs in preferSecond ? theirs : mine }
        guard let data = try? JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return first
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
