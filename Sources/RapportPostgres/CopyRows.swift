import PostgresNIO

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, built in memory: fields separated by
/// tabs, rows by newlines, `\N` for NULL, and backslash, tab, newline and carriage return escaped.
struct CopyRows {
    let table: String
    let columns: [String]
    private(set) var buffer: ByteBuffer
    private(set) var count = 0
    private var fieldsInRow = 0

    init(table: String, columns: [String], capacity: Int = 1 << 20) {
        self.table = table
        self.columns = columns
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    var isEmpty: Bool { count == 0 }
    var byteCount: Int { buffer.readableBytes }

    /// Takes the rows written so far, leaving this empty.
    mutating func take() -> ByteBuffer {
        let rows = buffer
        buffer = ByteBufferAllocator().buffer(capacity: max(rows.readableBytes, 1 << 16))
        count = 0
        return rows
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    /// Ends the current row.
    mutating func endRow() {
        precondition(fieldsInRow == columns.count, "COPY into \(table): \(fieldsInRow) fields for \(columns.count) columns")
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
        count += 1
    }

    /// Backslash, tab, newline, carriage return.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 92 || byte == 9 || byte == 10 || byte == 13
    }

    mutating func appendNull() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func append(_ value: Int64) {
        separate()
        buffer.writeString(String(value))
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
        buffer.writeString(value.description)
    }

    mutating func append(_ value: Bool) {
        separate()
        buffer.writeInteger(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// Bytes for a `bytea` column, in its hex form (`\\x…` once COPY has read the backslash).
    mutating func appendBytes(_ bytes: [UInt8]) {
        separate()
        buffer.writeStaticString("\\\\x")
        let digits: StaticString = "0123456789abcdef"
        for byte in bytes {
            buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
            buffer.writeInteger(digits.utf8Start[Int(byte & 0x0F)])
        }
    }

    mutating func append(_ value: String?) {
        guard var text = value else { return appendNull() }
        separate()
        text.withUTF8 { bytes in
            if !bytes.contains(where: Self.needsEscape) {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 9: buffer.writeStaticString("\\t")
                case 10: buffer.writeStaticString("\\n")
                case 13: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
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
