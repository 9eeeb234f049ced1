/// Whether a postcode is written as its country writes them. Countries not listed are not checked.
public enum PostcodeFormat {
    /// True when `postcode` fits `country`'s format, nil when Rapport does not know the format.
    public static func isValid(_ postcode: String, country: String) -> Bool? {
        let text = postcode.uppercased()
        let compact = Array(text.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") })
        func digits(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 >= 48 && $0 <= 57 } }
        func letters(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 >= 65 && $0 <= 90 } }
        func number(_ bytes: ArraySlice<UInt8>) -> Int { bytes.reduce(0) { $0 * 10 + Int($1 - 48) } }
        let all = compact[...]
        switch country {
        case "FR", "MC":
            // 01000–98999 (Monaco 98000).
            return compact.count == 5 && digits(all) && (1000...98999).contains(number(all))
        case "DE", "IT", "ES", "FI":
            guard compact.count == 5, digits(all) else { return false }
            return country != "ES" || (1...52).contains(number(all.prefix(2)))
        case "BE", "CH", "AT", "DK", "NO", "AU":
            return compact.count == 4 && digits(all) && number(all) >= 1000
        case "LU":
            let body = compact.first == UInt8(ascii: "L") ? all.dropFirst() : all
            return body.count == 4 && digits(body)
        case "NL":
            return compact.count == 6 && digits(all.prefix(4)) && letters(all.suffix(2)) && number(all.prefix(4)) >= 1000
        case "PT":
            return compact.count == 7 && digits(all)
        case "US":
            return (compact.count == 5 || compact.count == 9) && digits(all)
        case "SE":
            return compact.count == 5 && digits(all)
        case "PL":
            return compact.count == 5 && digits(all)
        case "CA":
            guard compact.count == 6 else { return false }
            return (0..<6).allSatisfy { index in
                let byte = compact[index]
                return index % 2 == 0 ? (byte >= 65 && byte <= 90) : (byte >= 48 && byte <= 57)
            }
        case "GB":
            return isBritish(compact)
        default:
            return nil
        }
    }

    /// `A9 9AA`, `A99 9AA`, `A9A 9AA`, `AA9 9AA`, `AA99 9AA`, `AA9A 9AA`: an outward code of two to
    /// four characters starting with a letter, and an inward code of a digit and two letters.
    private static func isBritish(_ compact: [UInt8]) -> Bool {
        guard (5...7).contains(compact.count) else { return false }
        func isLetter(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        let inward = compact.suffix(3)
        guard isDigit(inward[inward.startIndex]), inward.dropFirst().allSatisfy(isLetter) else { return false }
        let outward = compact.prefix(compact.count - 3)
        guard let first = outward.first, isLetter(first) else { return false }
        let rest = outward.dropFirst()
        return rest.contains(where: isDigit) && rest.allSatisfy { isLetter($0) || isDigit($0) }
    }
}
