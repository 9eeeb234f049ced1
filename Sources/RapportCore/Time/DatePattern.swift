/// A date layout given by a mapping file for files that do not use ISO 8601, written with the
/// tokens `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` and literal separators: `dd/MM/yyyy`, `yyyyMMdd`,
/// `MM/dd/yyyy HH:mm`. Times are UTC.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Piece: Sendable, Hashable {
        case year, month, day, hour, minute, second
        case literal(UInt8)

        var width: Int {
            switch self {
            case .year: return 4
            case .literal: return 1
            default: return 2
            }
        }
    }

    let pieces: [Piece]
    public let description: String

    /// Fails with a message naming the unknown part when the pattern has something other than the
    /// tokens above, or no year, month and day.
    public init(_ pattern: String) throws(ValidationError) {
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        let tokens: [(String, Piece)] = [
            ("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute),
            ("ss", .second),
        ]
        outer: while let first = rest.first {
            for (token, piece) in tokens where rest.hasPrefix(token) {
                pieces.append(piece)
                rest = rest.dropFirst(token.count)
                continue outer
            }
            guard first.isASCII, !first.isLetter, !first.isNumber, let ascii = first.asciiValue else {
                throw ValidationError(
                    field: "dateFormat", value: pattern,
                    reason:
                        "unknown part '\(first)' in the date pattern; use yyyy, MM, dd, HH, mm, ss and separators such as / - : or a space"
                )
            }
            pieces.append(.literal(ascii))
            rest = rest.dropFirst()
        }
        guard pieces.contains(.year), pieces.contains(.month), pieces.contains(.day) else {
            throw ValidationError(
                field: "dateFormat", value: pattern,
                reason: "a date pattern needs yyyy, MM and dd (for example dd/MM/yyyy)")
        }
        self.pieces = pieces
        self.description = pattern
    }

    /// The instant written as this pattern says, or nil.
    public func instant(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        guard bytes.count == pieces.reduce(0, { $0 + $1.width }) else { return nil }
        var values: [Int64] = [0, 0, 0, 0, 0, 0]
        var i = 0
        for piece in pieces {
            if case .literal(let byte) = piece {
                guard bytes[i] == byte else { return nil }
                i += 1
                continue
            }
            var value: Int64 = 0
            for _ in 0..<piece.width {
                guard ISO8601Parser.isDigit(bytes[i]) else { return nil }
                value = value * 10 + Int64(bytes[i] &- 48)
                i += 1
            }
            switch piece {
            case .year: values[0] = value
            case .month: values[1] = value
            case .day: values[2] = value
            case .hour: values[3] = value
            case .minute: values[4] = value
            case .second: values[5] = value
            case .literal: break
            }
        }
        guard values[3] < 24, values[4] < 60, values[5] < 60,
            let date = CalendarDate(year: Int(values[0]), month: Int(values[1]), day: Int(values[2]))
        else { return nil }
        return Instant(
            secondsSinceEpoch: date.dayNumber * 86_400 + values[3] * 3600 + values[4] * 60 + values[5])
    }
}
