extension KnowledgeBaseStore {
    /// The internal id of the customer that `reference` names as a person would type it: an
    /// external id, an e-mail in any case, or a phone number in E.164 or national form (read with
    /// `defaultCountry`'s numbering plan).
    public func customerID(lookingUp reference: String, defaultCountry: String = "FR") throws -> Int64? {
        let trimmed = reference.trimmingASCIISpaces()
        var candidates = [trimmed]
        if let email = try? EmailAddress(trimmed) { candidates.append(email.value) }
        if let phone = try? PhoneNumber(trimmed, defaultCountry: defaultCountry) { candidates.append(phone.e164) }
        for candidate in candidates {
            if let id = try customerID(matching: candidate) { return id }
        }
        return nil
    }
}
