import Foundation

// The three containers of ``StreamingEncoder``: each writes straight into the shared output.

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { encoder.beginMember(key); encoder.output.append("null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.beginMember(key)
        value ? encoder.output.append("true") : encoder.output.append("false")
    }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.beginMember(key); encoder.output.appendString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.beginMember(key)
        try encoder.output.appendDouble(value, at: codingPath + [key])
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        encoder.beginMember(key)
        try encoder.output.appendDouble(Double(value), at: codingPath + [key])
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }
    private func integer(_ value: some BinaryInteger, _ key: Key) {
        encoder.beginMember(key)
        encoder.output.appendNumber(String(value))
    }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        encoder.beginMember(key)
        try encoder.encodeValue(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.beginMember(key)
        return encoder.openChild(key: key).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.beginMember(key)
        return encoder.openChild(key: key).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        let key = SuperKey()
        encoder.beginMember(key)
        return encoder.openChild(key: key)
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.beginMember(key)
        return encoder.openChild(key: key)
    }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    private var nextKey: IndexKey { IndexKey(intValue: count) }

    mutating func encodeNil() throws { encoder.beginElement(); encoder.output.append("null") }
    mutating func encode(_ value: Bool) throws {
        encoder.beginElement()
        value ? encoder.output.append("true") : encoder.output.append("false")
    }
    mutating func encode(_ value: String) throws { encoder.beginElement(); encoder.output.appendString(value) }
    mutating func encode(_ value: Double) throws {
        let key = nextKey
        encoder.beginElement()
        try encoder.output.appendDouble(value, at: codingPath + [key])
    }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { integer(value) }
    mutating func encode(_ value: Int8) throws { integer(value) }
    mutating func encode(_ value: Int16) throws { integer(value) }
    mutating func encode(_ value: Int32) throws { integer(value) }
    mutating func encode(_ value: Int64) throws { integer(value) }
    mutating func encode(_ value: UInt) throws { integer(value) }
    mutating func encode(_ value: UInt8) throws { integer(value) }
    mutating func encode(_ value: UInt16) throws { integer(value) }
    mutating func encode(_ value: UInt32) throws { integer(value) }
    mutating func encode(_ value: UInt64) throws { integer(value) }
    private func integer(_ value: some BinaryInteger) {
        encoder.beginElement()
        encoder.output.appendNumber(String(value))
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        let key = nextKey
        encoder.beginElement()
        try encoder.encodeValue(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        encoder.beginElement()
        return encoder.openChild(key: key).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        encoder.beginElement()
        return encoder.openChild(key: key).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        let key = nextKey
        encoder.beginElement()
        return encoder.openChild(key: key)
    }
}

struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.output.append("null") }
    mutating func encode(_ value: Bool) throws { value ? encoder.output.append("true") : encoder.output.append("false") }
    mutating func encode(_ value: String) throws { encoder.output.appendString(value) }
    mutating func encode(_ value: Double) throws { try encoder.output.appendDouble(value, at: codingPath) }
    mutating func encode(_ value: Float) throws { try encoder.output.appendDouble(Double(value), at: codingPath) }
    mutating func encode(_ value: Int) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: Int8) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.output.appendNumber(String(value)) }
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        // The value takes this encoder's place: its own containers write here.
        let inner = encoder.standIn()
        try value.encode(to: inner)
        inner.finish()
    }
}

/// The key of `super` in a keyed container.
struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

/// The position of an element in an array, for coding paths in errors.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
