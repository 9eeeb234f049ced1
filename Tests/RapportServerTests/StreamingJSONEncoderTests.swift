import Foundation
import RapportEngine
import Testing

@testable import RapportServer

/// The streaming encoder writes the JSON `JSONEncoder` writes, for every shape of Codable value the
/// API answers with and for the manual container calls Codable allows; its keys come in the
/// order the type encodes them (`JSONEncoder` on Linux follows a hash order).
@Suite("Streaming JSON encoder")
struct StreamingJSONEncoderTests {
    struct Line: Codable, Equatable { var sku: String; var quantity: Int64; var amount: Double }
    struct Order: Codable, Equatable {
        var id: String
        var channel: String?
        var total: Double
        var paid: Bool
        var lines: [Line]
        var tags: [String: Int]
        var note: String?
        var small: Int8
        var big: UInt64
        var ratio: Float
    }
    struct Empty: Codable, Equatable {}

    /// Encodes through nested containers and super encoders by hand.
    struct Manual: Encodable {
        enum Keys: String, CodingKey { case a, nested, list, parent }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode("x", forKey: .a)
            try nested.encodeNil(forKey: .list)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            var inner = list.nestedUnkeyedContainer()
            try inner.encode(2.5)
            try list.encode("after")
            try Line(sku: "S", quantity: 1, amount: 3).encode(to: container.superEncoder(forKey: .parent))
        }
    }

    func same<Value: Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Both parsed and written again with sorted keys: the same text means the same JSON.
        func canonical(_ json: Data) throws -> String {
            let object = try JSONSerialization.jsonObject(with: json, options: .fragmentsAllowed)
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
        let written = try StreamingJSONEncoder().encode(value)
        #expect(try canonical(Data(written)) == canonical(JSONEncoder().encode(value)), sourceLocation: sourceLocation)
    }

    func text<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try StreamingJSONEncoder().encode(value), as: UTF8.self)
    }

    @Test func keysInTheirOrderNumbersInTheirShortestForm() throws {
        #expect(try text(Line(sku: "A/B", quantity: 2, amount: 0.1)) == #"{"sku":"A/B","quantity":2,"amount":0.1}"#)
        #expect(try text([30.0, -0.5, 1e-7, 1e20]) == "[30,-0.5,1e-07,1e+20]")
        #expect(try text(["q\"\\\n\u{01}é"]) == #"["q\"\\\n\u0001é"]"#)
        #expect(try text(Manual()) == #"{"a":1,"nested":{"a":"x","list":null},"list":[true,[2.5],"after"],"parent":{"sku":"S","quantity":1,"amount":3}}"#)
        #expect(try text(Empty()) == "{}")
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let order = Order(
            id: "O-1/\"quoted\" \\ tab\t line\n bell\u{07} é 😀", channel: nil, total: 30, paid: true,
            lines: [Line(sku: "A", quantity: 2, amount: 0.1), Line(sku: "B", quantity: -3, amount: 1e-7)],
            tags: ["x": 1], note: "", small: -8, big: .max, ratio: 0.5)
        try same(order)
        try same([order, order])
        try same(Empty())
        try same([Empty]())
        try same(["a": [1.5, -0.0, 1e20, 123456789.125]])
        try same([String?.none, "x"])
        try same(Manual())
        try same(JSONValue.object(["k": .array([.number(1), .string("v"), .bool(false), .null])]))
        try same("top-level string")
        try same(42)
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPath() throws {
        #expect {
            try StreamingJSONEncoder().encode(["x": [1, Double.nan]])
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["x", "Index 1"]
        }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.infinity]) }
    }
}
