/// An e-mail address that passed a syntax check, lower-cased. The check is the practical subset of
/// RFC 5321 that mail providers accept: a local part of letters, digits and `.!#$%&'*+/=?^_`{|}~-`
/// without leading, trailing or doubled dots, an `@`, and a domain of at least two dot-separated
/// labels of letters, digits and hyphens, ending with a label of two letters or more.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ text: String, field: String = "email") throws(ValidationError) {
        let trimmed = text.trimmingASCIISpaces().lowercased()
        if let problem = EmailAddress.problem(in: trimmed) {
            throw ValidationError(field: field, value: text, reason: problem)
        }
        value = trimmed
    }

    public var description: String { value }

    static let localSpecials = Set("!#$%&'*+/=?^_`{|}~-.".utf8)

    static func problem(in address: String) -> String? {
        let utf8 = Array(address.utf8)
        guard utf8.count <= 254 else { return "an e-mail address has at most 254 characters" }
        let ats = utf8.indices.filter { utf8[$0] == UInt8(ascii: "@") }
        guard ats.count == 1, let at = ats.first else {
            return ats.isEmpty
                ? "an e-mail address needs one @ (name@domain.com)"
                : "an e-mail address has exactly one @; remove the extra ones"
        }
        let local = utf8[..<at]
        let domain = utf8[(at + 1)...]
        guard !local.isEmpty, local.count <= 64 else {
            return "the part before @ must have 1 to 64 characters"
        }
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."),
            !zip(local, local.dropFirst()).contains(where: { $0 == 46 && $1 == 46 })
        else { return "dots in the part before @ may not lead, trail or be doubled" }
        for byte in local where !(isAlnum(byte) || localSpecials.contains(byte) || byte >= 0x80) {
            return "the character '\(Character(Unicode.Scalar(byte)))' is not allowed before @"
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            return "the domain after @ needs a dot (example.com)"
        }
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else {
                return "the domain after @ has an empty or too long part"
            }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") || $0 >= 0x80 })
            else { return "the domain after @ may hold only letters, digits, hyphens and dots" }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy({ isLetter($0) || $0 >= 0x80 })
        else { return "the domain must end with a name of two letters or more (.fr, .com)" }
        return nil
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || b &- 48 < 10 }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingASCIISpaces() -> String {
        let utf8 = self.utf8
        // Most values have nothing to trim: return them without making a new string.
        if let head = utf8.first, let tail = utf8.last, !isASCIISpace(head), !isASCIISpace(tail) { return self }
        guard let first = utf8.firstIndex(where: { !isASCIISpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isASCIISpace($0) })!
        return String(self[first...last])
    }
}

@inline(__always) func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 10 || byte == 13
}
