import Foundation

/// Checks a JSON value against the subset of JSON Schema the OpenAPI document uses: `$ref`,
/// `type`, `required`, `properties`, `additionalProperties: false`, `items`, `enum`. Returns the
/// paths and reasons of every mismatch.
struct SchemaCheck: @unchecked Sendable {
    let document: [String: Any]

    init(openAPI json: String) throws {
        document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    }

    /// The schema of an operation's response: `GET /api/v1/customers` 200.
    func responseSchema(path: String, method: String, status: Int) -> [String: Any]? {
        let paths = document["paths"] as? [String: Any]
        let operation = (paths?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        guard var response = (operation?["responses"] as? [String: Any])?[String(status)] as? [String: Any] else { return nil }
        if let reference = response["$ref"] as? String { response = resolve(reference) }
        let content = response["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    func problems(_ value: Any, schema: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String { return problems(value, schema: resolve(reference), at: path) }
        if let allowed = schema["enum"] as? [String] {
            guard let text = value as? String, allowed.contains(text) else { return ["\(path): \(value) is not one of \(allowed)"] }
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            var found: [String] = []
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path).\(name): required but missing")
            }
            for (name, item) in object {
                if let property = properties[name] {
                    found += problems(item, schema: property, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path).\(name): not in the schema")
                }
            }
            return found
        case "array":
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            let items = schema["items"] as? [String: Any] ?? [:]
            return array.enumerated().flatMap { problems($1, schema: items, at: "\(path)[\($0)]") }
        case "string":
            return value is String ? [] : ["\(path): expected a string"]
        case "integer":
            guard !isBoolean(value), let number = value as? NSNumber, number.doubleValue.rounded() == number.doubleValue else {
                return ["\(path): expected an integer"]
            }
            return []
        case "number":
            return value is NSNumber && !isBoolean(value) ? [] : ["\(path): expected a number"]
        case "boolean":
            return isBoolean(value) ? [] : ["\(path): expected true or false"]
        default:
            return []
        }
    }

    /// JSON true and false (a number 1 bridges to Bool too, so ask the dynamic type).
    private func isBoolean(_ value: Any) -> Bool { type(of: value) == Bool.self }

    private func resolve(_ reference: String) -> [String: Any] {
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return node as? [String: Any] ?? [:]
    }
}
