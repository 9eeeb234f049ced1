import Foundation

/// A telephone number in E.164 form (`+33612345678`): a `+`, a country calling code and the
/// national significant number, 8 to 15 digits in all.
///
/// Accepts the usual ways of writing a number: spaces, dots, dashes, brackets, a `(0)` after the
/// country code, an international `00` or `+` prefix, and national numbers, which are read in
/// `defaultCountry`'s numbering plan (its leading `0` dropped where that country uses one).
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public let e164: String

    public init(_ text: String, defaultCountry: String = "FR", field: String = "phone")
        throws(ValidationError)
    {
        func refuse(_ reason: String) -> ValidationError {
            ValidationError(field: field, value: text, reason: reason)
        }
        var written = text.trimmingASCIISpaces()
        written = written.replacingOccurrences(of: "(0)", with: "")
        var international = false
        var digits = ""
        for (offset, character) in written.enumerated() {
            if character.isASCII, let digit = character.wholeNumberValue {
                digits.append(String(digit))
            } else if character == "+" && offset == 0 {
                international = true
            } else if " .-/()\u{00A0}".contains(character) {
                continue
            } else {
                throw refuse(
                    "a phone number may hold only digits, spaces, dots, dashes, brackets and a leading +")
            }
        }
        guard !digits.isEmpty else { throw refuse("no digits in this phone number") }
        if !international, digits.hasPrefix("00") {
            international = true
            digits.removeFirst(2)
        }
        let full: String
        if international {
            if let plan = NumberingPlan.plan(forInternational: Substring(digits)) {
                var national = digits.dropFirst(plan.callingCode.count)
                if plan.trunkZero, national.hasPrefix("0") { national = national.dropFirst() }
                guard plan.nationalLengths.contains(national.count) else {
                    throw refuse(
                        "a number with country code +\(plan.callingCode) has \(plan.nationalLengths.lowerBound == plan.nationalLengths.upperBound ? "\(plan.nationalLengths.lowerBound)" : "\(plan.nationalLengths.lowerBound) to \(plan.nationalLengths.upperBound)") digits after the code"
                    )
                }
                full = plan.callingCode + national
            } else {
                full = digits
            }
        } else {
            guard let plan = NumberingPlan.byCountry[defaultCountry.uppercased()] else {
                throw refuse(
                    "write this number with its country code (+44 …), or set the default country to one Rapport knows the numbering of"
                )
            }
            var national = Substring(digits)
            if plan.trunkZero {
                guard national.hasPrefix("0") else {
                    throw refuse(
                        "a national number in \(defaultCountry.uppercased()) starts with 0; write it with its country code (+\(plan.callingCode) …) otherwise"
                    )
                }
                national = national.dropFirst()
            }
            guard plan.nationalLengths.contains(national.count) else {
                throw refuse(
                    "too \(national.count < plan.nationalLengths.lowerBound ? "short" : "long") for a number in \(defaultCountry.uppercased()); check the digits or add the country code"
                )
            }
            full = plan.callingCode + national
        }
        guard (8...15).contains(full.count), full.first != "0" else {
            throw refuse("an international number has 8 to 15 digits including the country code")
        }
        e164 = "+" + full
    }

    public var description: String { e164 }
}

extension PhoneNumber {
    /// The calling code (digits, no `+`) of `country` (ISO alpha-2), when Rapport knows its
    /// numbering plan.
    public static func callingCode(ofCountry country: String) -> String? {
        NumberingPlan.byCountry[country.uppercased()]?.callingCode
    }
}
