extension KnowledgeBaseStore {
    /// The internal id of the customer that `reference` names as a person would type it: an
    /// external id, an e-mail in any case, or a phone number in E.164 or national form (read with
    /// `defaultCountry`'s numbering plan).
    public func customerID(lookingUp reference: String, defaultCountry: String = "FR") throws -> Int64? {
        for candidate in CustomerReference.candidates(reference, defaultCountry: defaultCountry) {
            if let id = try customerID(matching: candidate) { return id }
        }
        return nil
    }
}

/// What a person or a program may use to name a customer.
public enum CustomerReference {
    /// The forms `reference` may be stored under, in the order to try them: as given (an external
    /// id), as a normalized e-mail address, as an E.164 phone number.
    public static func candidates(_ reference: String, defaultCountry: String = "FR") -> [String] {
        let trimmed = reference.trimmingASCIISpaces()
        var candidates = [trimmed]
        // An address has an @ and a phone number no letter: the parsers would refuse the others, slower.
        if trimmed.utf8.contains(UInt8(ascii: "@")), let email = try? EmailAddress(trimmed) { candidates.append(email.value) }
        if !trimmed.utf8.contains(where: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }),
            let phone = try? PhoneNumber(trimmed, defaultCountry: defaultCountry)
        {
            candidates.append(phone.e164)
        }
        return candidates
    }
}
