/// A reply of an SMTP server: a three-digit code and its text lines (RFC 5321 §4.2).
public struct SMTPResponse: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later.
    public var isTransient: Bool { (400..<500).contains(code) }

    public var description: String { "\(code) \(lines.joined(separator: " / "))" }
}

/// Reads reply lines (`250-first`, `250 last`) into ``SMTPResponse``s.
struct SMTPResponseReader {
    private var pending: [String] = []

    /// Adds one line; returns the reply when the line ends one.
    mutating func read(line: String) throws(SMTPError) -> SMTPResponse? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
            throw SMTPError.protocolViolation("the server sent \"\(line)\", which is no reply")
        }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        pending.append(text)
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { return nil }
        defer { pending = [] }
        return SMTPResponse(code: code, lines: pending)
    }
}
