import RapportCore

/// One token of the segment language with the character offset where it starts.
struct SegmentToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A keyword or a field name (letters, digits, `_` and `.`), as written.
        case word(String)
        /// A quoted text, unescaped.
        case text(String)
        case number(Double)
        case date(CalendarDate)
        /// `( ) , = != < <= > >=` (`==` and `<>` are read as `=` and `!=`).
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int

    /// The lowercased word, or nil for any other token.
    var keyword: String? {
        if case .word(let word) = kind { word.lowercased() } else { nil }
    }

    /// How the token reads in a message.
    var shown: String {
        switch kind {
        case .word(let word): "`\(word)`"
        case .text(let text): "\"\(text)\""
        case .number(let number): "`\(SegmentPrinter.number(number))`"
        case .date(let date): "`\(date)`"
        case .symbol(let symbol): "`\(symbol)`"
        case .end: "the end of the definition"
        }
    }
}

/// Splits a definition into tokens; reports unterminated texts and stray characters where they are.
enum SegmentLexer {
    static func tokens(_ source: [Character]) throws(SegmentSyntaxError) -> [SegmentToken] {
        var tokens: [SegmentToken] = []
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "."
        }
        while index < source.count {
            let character = source[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character == "\"" || character == "'" || character == "“" || character == "”" {
                let closing: Character = character == "“" ? "”" : character
                var text = ""
                index += 1
                while index < source.count, source[index] != closing {
                    if source[index] == "\\", index + 1 < source.count {
                        index += 1
                    }
                    text.append(source[index])
                    index += 1
                }
                guard index < source.count else {
                    throw SegmentSyntaxError(
                        "this text is never closed: add \(closing) at its end", at: start, in: source)
                }
                index += 1
                tokens.append(SegmentToken(kind: .text(text), offset: start))
            } else if character.isASCII, character.isNumber || (character == "-" && index + 1 < source.count && source[index + 1].isNumber && source[index + 1].isASCII) {
                index += 1
                while index < source.count, source[index].isASCII, source[index].isNumber || source[index] == "." || source[index] == "-" || source[index] == "_" {
                    index += 1
                }
                // An exponent, as the printer writes very small or large numbers (1e-05, 2e+20).
                if index + 1 < source.count, source[index] == "e" || source[index] == "E" {
                    var end = index + 1
                    if end < source.count, source[end] == "+" || source[end] == "-" { end += 1 }
                    if end < source.count, source[end].isASCII, source[end].isNumber {
                        while end < source.count, source[end].isASCII, source[end].isNumber { end += 1 }
                        index = end
                    }
                }
                let literal = String(source[start ..< index])
                if literal.count == 10, literal.dropFirst().contains("-") {
                    guard let date = ISO8601Parser.date(literal) else {
                        throw SegmentSyntaxError("\(literal) is not a day of the calendar: write YYYY-MM-DD", at: start, in: source)
                    }
                    tokens.append(SegmentToken(kind: .date(date), offset: start))
                } else if let number = Double(String(literal.filter { $0 != "_" })) {
                    tokens.append(SegmentToken(kind: .number(number), offset: start))
                } else {
                    throw SegmentSyntaxError(
                        "\(literal) is neither a number (12, 0.5) nor a date (2025-01-31)", at: start, in: source)
                }
            } else if character.isLetter || character == "_" {
                while index < source.count, isWordCharacter(source[index]) { index += 1 }
                tokens.append(SegmentToken(kind: .word(String(source[start ..< index])), offset: start))
            } else {
                let two = index + 1 < source.count ? String(source[index ... index + 1]) : ""
                switch two {
                case "!=", "<>": tokens.append(SegmentToken(kind: .symbol("!="), offset: start))
                case "<=", ">=": tokens.append(SegmentToken(kind: .symbol(two), offset: start))
                case "==": tokens.append(SegmentToken(kind: .symbol("="), offset: start))
                default:
                    guard "()=<>,".contains(character) else {
                        throw SegmentSyntaxError(
                            "unexpected `\(character)`: conditions use words, quoted texts, numbers, dates, "
                                + "( ) , and the comparisons = != < <= > >=", at: start, in: source)
                    }
                    tokens.append(SegmentToken(kind: .symbol(String(character)), offset: start))
                    index += 1
                    continue
                }
                index += 2
            }
        }
        tokens.append(SegmentToken(kind: .end, offset: source.count))
        return tokens
    }
}
