/// A 64-bit FNV-1a hash that is the same in every process and on every machine (unlike `Hasher`,
/// which is seeded per process). Stored beside imported records to recognise unchanged rows.
public struct Fingerprint: Sendable {
    public private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public var value: Int64 { Int64(bitPattern: state) }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        var h = state
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = h
    }

    public mutating func combine(_ text: String?) {
        guard var text else { return combine(marker: 0) }
        combine(marker: 1)
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        combine(marker: 0xff)
    }

    public mutating func combine(_ number: Int64?) {
        guard let number else { return combine(marker: 0) }
        combine(marker: 2)
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    public mutating func combine(_ number: Double?) {
        guard let number else { return combine(marker: 0) }
        combine(marker: 3)
        withUnsafeBytes(of: number.bitPattern.littleEndian) { combine(bytes: $0) }
    }

    public mutating func combine(marker: UInt8) {
        state = (state ^ UInt64(marker)) &* 0x0000_0100_0000_01b3
    }
}
