import RapportCore

/// The number of rows of a stored table and a 64-bit checksum of their values in key order: two
/// stores that give the same for every table hold the same base. Values are hashed by kind and
/// exact bits (a double's bit pattern, text's bytes with their length), so that neither a
/// rounding nor a shifted field goes unnoticed.
struct TableChecksum: Equatable {
    private(set) var rows = 0
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init(of table: StoredTable, in store: any TableTransfer) throws {
        try store.readRows(of: table) { values in
            rows += 1
            for stored in values { add(stored) }
        }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    // FNV-1a over a tagged encoding of each value.
    private mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    private mutating func add(_ integer: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: integer >> UInt64(shift))) }
    }

    private mutating func add<Bytes: Sequence<UInt8>>(bytes: Bytes, count: Int) {
        add(UInt64(count))
        for byte in bytes { add(byte: byte) }
    }

    private mutating func add(_ stored: StoredValue) {
        switch stored {
        case .null: add(byte: 0)
        case .integer(let integer):
            add(byte: 1)
            add(UInt64(bitPattern: integer))
        case .real(let real):
            add(byte: 2)
            add(real.bitPattern)
        case .text(let text):
            add(byte: 3)
            add(bytes: text.utf8, count: text.utf8.count)
        case .blob(let bytes):
            add(byte: 4)
            add(bytes: bytes, count: bytes.count)
        }
    }
}
