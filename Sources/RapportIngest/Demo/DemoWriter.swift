import Foundation

/// Bytes of a text file being built: UTF-8, with the few encoders the demo files need (CSV
/// fields, JSON strings, zero-padded numbers, amounts, ISO 8601 times). A value type, so the
/// appends compile to plain array writes.
struct DemoText {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func ascii(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func text(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    @inline(__always) mutating func comma() { bytes.append(44) }
    @inline(__always) mutating func newline() { bytes.append(10) }

    /// A CSV field, quoted when it holds a comma, a quote, a line break or edge spaces; quotes
    /// inside are doubled.
    mutating func field(_ s: String) {
        var needsQuotes = false
        for b in s.utf8 where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes, let first = s.utf8.first, let last = s.utf8.last, first == 32 || last == 32 {
            needsQuotes = true
        }
        guard needsQuotes else {
            text(s)
            return
        }
        bytes.append(34)
        for b in s.utf8 {
            if b == 34 { bytes.append(34) }
            bytes.append(b)
        }
        bytes.append(34)
    }

    /// A JSON string literal with its quotes.
    mutating func jsonString(_ s: String) {
        bytes.append(34)
        for b in s.utf8 {
            switch b {
            case 34: ascii("\\\"")
            case 92: ascii("\\\\")
            case 10: ascii("\\n")
            case 13: ascii("\\r")
            case 9: ascii("\\t")
            case 0..<32:
                ascii("\\u00")
                bytes.append(hexDigit(b >> 4))
                bytes.append(hexDigit(b & 15))
            default: bytes.append(b)
            }
        }
        bytes.append(34)
    }

    @inline(__always) private func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

    /// A non-negative integer, left-padded with zeros to `width` digits (more digits if needed).
    mutating func number(_ value: Int, width: Int = 1) {
        if value < 0 {
            bytes.append(45)
            number(-value, width: width)
            return
        }
        var divisor = 1
        var digits = 1
        while divisor <= value / 10 {
            divisor *= 10
            digits += 1
        }
        var padding = width - digits
        while padding > 0 {
            bytes.append(48)
            padding -= 1
        }
        var v = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    /// An identifier: a prefix letter and a zero-padded number (`C000042`).
    @inline(__always) mutating func identifier(_ prefix: UInt8, _ value: Int, width: Int) {
        bytes.append(prefix)
        number(value, width: width)
    }

    /// An amount in cents as a decimal with two places (`1250` -> `12.50`).
    mutating func amount(cents: Int) {
        number(cents / 100)
        bytes.append(46)
        number(cents % 100, width: 2)
    }

    /// A date `YYYY-MM-DD`.
    mutating func date(year: Int, month: Int, day: Int) {
        number(year, width: 4)
        bytes.append(45)
        number(month, width: 2)
        bytes.append(45)
        number(day, width: 2)
    }

    /// An instant as ISO 8601 in UTC with seconds and `Z` (`2025-03-14T09:30:00Z`).
    mutating func instant(_ time: Int64) {
        let days = DemoCalendar.floorDiv(time, DemoCalendar.secondsPerDay)
        let (year, month, day) = DemoCalendar.civil(days)
        date(year: year, month: month, day: day)
        let secondOfDay = Int(time - days * DemoCalendar.secondsPerDay)
        bytes.append(84)
        number(secondOfDay / 3600, width: 2)
        bytes.append(58)
        number(secondOfDay / 60 % 60, width: 2)
        bytes.append(58)
        number(secondOfDay % 60, width: 2)
        bytes.append(90)
    }
}

/// One output file, written in large chunks: rows are appended to `out`, and `flushIfFull`
/// hands the bytes to the file whenever a few megabytes have gathered.
struct DemoWriter {
    let path: String
    private let handle: FileHandle
    var out: DemoText
    private(set) var rows = 0
    private static let chunk = 4 << 20

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw DemoError.cannotWrite(path: path)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw DemoError.cannotWrite(path: path) }
        self.handle = handle
        out = DemoText(capacity: DemoWriter.chunk + (64 << 10))
    }

    /// Ends a data row (not the header): writes the line break and counts the row.
    @inline(__always) mutating func endRow() {
        out.newline()
        rows += 1
    }

    mutating func flushIfFull() throws {
        if out.bytes.count >= DemoWriter.chunk { try flush() }
    }

    mutating func flush() throws {
        guard !out.bytes.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(out.bytes))
        } catch {
            throw DemoError.cannotWrite(path: path)
        }
        out.bytes.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        do { try handle.close() } catch { throw DemoError.cannotWrite(path: path) }
    }
}
