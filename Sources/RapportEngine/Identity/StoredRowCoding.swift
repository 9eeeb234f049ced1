public import RapportCore

/// A stored value as JSON: null, an integer, a double, a string, or bytes as an array of numbers.
/// A double that JSON writes without a fraction reads back as an integer; the stores take either
/// for a real column.
public struct CodableStoredValue: Codable, Sendable, Hashable {
    public var value: StoredValue

    public init(_ value: StoredValue) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let integer = try? container.decode(Int64.self) {
            value = .integer(integer)
        } else if let real = try? container.decode(Double.self) {
            value = .real(real)
        } else if let text = try? container.decode(String.self) {
            value = .text(text)
        } else {
            value = .blob(try container.decode([UInt8].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .null: try container.encodeNil()
        case .integer(let integer): try container.encode(integer)
        case .real(let real): try container.encode(real)
        case .text(let text): try container.encode(text)
        case .blob(let bytes): try container.encode(bytes)
        }
    }

    static func row(_ values: [StoredValue]) -> [CodableStoredValue] { values.map(CodableStoredValue.init) }
    static func values(_ row: [CodableStoredValue]) -> [StoredValue] { row.map(\.value) }
}
