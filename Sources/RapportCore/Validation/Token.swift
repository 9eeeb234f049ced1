/// A short lower-case word naming a channel, an event type or a status: `web`, `cart_abandoned`,
/// `e-mail`. Guarantees 1 to 64 characters from `a-z`, `0-9`, `_`, `-`, `.`, starting with a letter.
public struct Token: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Lower-cases and trims `text`, then checks it; spaces inside become `_`.
    public init(_ text: String, field: String) throws(ValidationError) {
        let cleaned = String(
            text.trimmingASCIISpaces().lowercased().map { $0 == " " ? "_" : $0 })
        let utf8 = cleaned.utf8
        guard let first = utf8.first, EmailAddress.isLetter(first), utf8.count <= 64,
            utf8.allSatisfy({
                EmailAddress.isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: ".")
            })
        else {
            throw ValidationError(
                field: field, value: text,
                reason:
                    "write a short word of letters, digits, _ or - that starts with a letter (for example web_visit)"
            )
        }
        value = cleaned
    }

    public var description: String { value }
}
