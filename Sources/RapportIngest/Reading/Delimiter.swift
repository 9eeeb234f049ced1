/// How fields are separated in a delimited text file.
public enum Delimiter: Sendable, Hashable, CustomStringConvertible {
    /// One byte: `,` `;` tab or `|`. Fields may be quoted with `"`.
    case byte(UInt8)
    /// Runs of spaces or tabs, as in fixed-width exports (CDNOW). No quoting.
    case whitespace

    public static let comma = Delimiter.byte(UInt8(ascii: ","))
    public static let semicolon = Delimiter.byte(UInt8(ascii: ";"))
    public static let tab = Delimiter.byte(UInt8(ascii: "\t"))
    public static let pipe = Delimiter.byte(UInt8(ascii: "|"))

    /// Reads the spelling of a mapping file: `,`, `;`, `\t` or `tab`, `|`, `whitespace`.
    public init?(spelling: String) {
        switch spelling {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "\\t", "tab": self = .tab
        case "|", "pipe": self = .pipe
        case "whitespace", "space", "spaces": self = .whitespace
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .whitespace: return "whitespace"
        case .byte(let b) where b == 9: return "tab"
        case .byte(let b): return String(UnicodeScalar(b))
        }
    }
}
