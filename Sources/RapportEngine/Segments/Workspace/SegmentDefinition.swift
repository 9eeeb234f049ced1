import Foundation

/// Reads a definition written either in the segment language or as JSON (text that starts with `{`).
public enum SegmentDefinition {
    public static func parse(_ text: String) throws -> SegmentCondition {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") else { return try SegmentParser.parse(text) }
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))
        } catch {
            throw SegmentDefinitionError(path: "$", message: "this is not valid JSON (\(error.localizedDescription))")
        }
        return try SegmentJSON.decode(json)
    }
}
