import RapportCore

/// The JSON types a field of a JSON record may take. A value of another type is refused with a
/// problem naming the field, rather than turned into text that would pass for data: an object
/// where a city belongs, `true` as a postcode, `31200` as a postcode that had a leading zero.
enum JSONShape: Sendable {
    /// A string only (names, codes, dates, addresses).
    case text
    /// A string or a whole number: identifiers that other systems often keep as integers.
    case identifier
    /// A number, or a string holding one.
    case number
    /// A JSON object, or a string holding one.
    case object

    /// Why `value` does not fit, or nil when it does. `null` always fits: it means absent.
    func problem(with value: JSONValue, field: String) -> ValidationError? {
        switch (self, value) {
        case (_, .null), (_, .string), (.number, .number), (.object, .object): return nil
        case (.identifier, .number(let written)):
            if Self.isWholeNumber(written) { return nil }
            return ValidationError(field: field, value: written, reason: "an identifier is a string or a whole number; write it as a string")
        case (.text, .number(let written)):
            return ValidationError(
                field: field, value: written, reason: "a number where text belongs; write it as a string (\"\(written)\") so that leading zeros and spaces are kept")
        case (_, .bool(let flag)):
            return ValidationError(field: field, value: flag ? "true" : "false", reason: "true or false is not a value of this field; \(expectation)")
        case (_, .array), (_, .object), (.object, .number):
            return ValidationError(field: field, value: value.canonicalText, reason: "\(Self.article(value)) is not a value of this field; \(expectation)")
        }
    }

    /// What a value of this shape looks like, for messages.
    private var expectation: String {
        switch self {
        case .text: return "write a string"
        case .identifier: return "write a string or a whole number"
        case .number: return "write a number"
        case .object: return "write an object such as {\"key\": \"value\"}"
        }
    }

    private static func article(_ value: JSONValue) -> String {
        switch value {
        case .array: return "an array"
        case .object: return "an object"
        default: return "a number"
        }
    }

    private static func isWholeNumber(_ written: String) -> Bool {
        let digits = written.utf8.first == UInt8(ascii: "-") ? written.utf8.dropFirst() : written.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 &- 48 < 10 }
    }
}

extension Field {
    /// The JSON types this field accepts in a JSON record.
    var jsonShape: JSONShape {
        switch self {
        case .customerID, .orderID, .sku, .eventID: return .identifier
        case .price, .unitCost, .total, .margin, .items, .quantity, .amount: return .number
        case .attributes, .properties: return .object
        default: return .text
        }
    }
}
