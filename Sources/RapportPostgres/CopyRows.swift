import PostgresNIO

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, built in memory: fields separated by
/// tabs, rows by newlines, `\N` for NULL, and backslash, tab, newline and carriage return escaped.
struct CopyRows {
    /// Bytes of rows sent by one `COPY`: large enough that a statement's round trip is noise,
    /// small enough that the next batch is built while this one is sent.
    static let batchBytes = 8 << 20

    let table: String
    let columns: [String]
    // An array rather than a ByteBuffer while rows are written: appending to an array is not
    // checked for exclusive access byte by byte (ByteBuffer's class storage is), which was 10% of
    // an import's time.
    private var bytes: [UInt8] = []
    private(set) var count = 0
    private var fieldsInRow = 0

    init(table: String, columns: [String], capacity: Int = 1 << 20) {
        self.table = table
        self.columns = columns
        bytes.reserveCapacity(capacity)
    }

    var isEmpty: Bool { count == 0 }
    var byteCount: Int { bytes.count }

    /// Takes the rows written so far, leaving this empty.
    mutating func take() -> ByteBuffer {
        let rows = ByteBuffer(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
        count = 0
        return rows
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    /// Ends the current row.
    mutating func endRow() {
        precondition(fieldsInRow == columns.count, "COPY into \(table): \(fieldsInRow) fields for \(columns.count) columns")
        bytes.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
        count += 1
    }

    /// Backslash, tab, newline, carriage return.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 92 || byte == 9 || byte == 10 || byte == 13
    }

    mutating func appendNull() {
        separate()
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "N"))
    }

    /// Writes the decimal digits straight into the buffer: no string per number.
    mutating func append(_ value: Int64) {
        separate()
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: 48 &+ magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    mutating func append(_ value: Int64?) {
        guard let value else { return appendNull() }
        append(value)
    }

    mutating func append(_ value: Int?) {
        append(value.map(Int64.init))
    }

    mutating func append(_ value: Double?) {
        guard let value else { return appendNull() }
        separate()
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func append(_ value: Bool) {
        separate()
        bytes.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// Bytes for a `bytea` column, in its hex form (`\\x…` once COPY has read the backslash).
    mutating func appendBytes(_ bytes: [UInt8]) {
        separate()
        self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "x")])
        let digits = Array("0123456789abcdef".utf8)
        for byte in bytes {
            self.bytes.append(digits[Int(byte >> 4)])
            self.bytes.append(digits[Int(byte & 0x0F)])
        }
    }

    mutating func append(_ value: String?) {
        guard var value else { return appendNull() }
        separate()
        value.withUTF8 { text in
            if !text.contains(where: Self.needsEscape) {
                bytes.append(contentsOf: text)
                return
            }
            for byte in text {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
                case 9: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                case 10: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                case 13: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                default: bytes.append(byte)
                }
            }
        }
    }
}

extension PostgresConnection {
    /// Sends `rows` with one `COPY … FROM STDIN`.
    func copy(_ rows: ByteBuffer, into table: String, columns: [String], logger: Logger) async throws {
        guard rows.readableBytes > 0 else { return }
        try await copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger) { writer in
            // Chunks of 1 MiB: postgres-nio sends each as one CopyData message.
            var rest = rows
            while let chunk = rest.readSlice(length: min(rest.readableBytes, 1 << 20)), chunk.readableBytes > 0 {
                try await writer.write(chunk)
            }
        }
    }
}
