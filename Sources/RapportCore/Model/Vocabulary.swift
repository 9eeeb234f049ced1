/// Where a person stands with the company.
public enum CustomerKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Known to the company, never bought.
    case prospect
    /// Has bought.
    case customer
    /// Has ended the relationship (closed account, deceased, asked to be forgotten later).
    case former
}

public enum Gender: String, Sendable, Hashable, CaseIterable, Codable {
    case female, male, other

    /// Reads `female`/`f`, `male`/`m`, `other`/`x`, in any case.
    public init(_ text: String, field: String = "gender") throws(ValidationError) {
        switch text.trimmingASCIISpaces().lowercased() {
        case "female", "f", "woman", "w", "femme": self = .female
        case "male", "m", "man", "homme", "h": self = .male
        case "other", "x", "o", "autre": self = .other
        default:
            throw ValidationError(field: field, value: text, reason: "write female, male or other (or f, m, x)")
        }
    }
}

/// A channel on which the company can contact a person, and on which that person's consent is
/// recorded.
public enum ContactChannel: String, Sendable, Hashable, CaseIterable, Codable {
    case email, sms, phone, mail, push

    public init(_ text: String, field: String = "channel") throws(ValidationError) {
        let cleaned = text.trimmingASCIISpaces().lowercased()
        switch cleaned {
        case "e-mail", "courriel": self = .email
        case "post", "courrier", "postal": self = .mail
        case "telephone", "tel", "call": self = .phone
        default:
            guard let channel = ContactChannel(rawValue: cleaned) else {
                throw ValidationError(field: field, value: text, reason: "write one of email, sms, phone, mail, push")
            }
            self = channel
        }
    }
}

/// A person's answer about being contacted on a channel.
public enum ConsentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case granted, denied, revoked

    /// Reads `granted`/`yes`/`opt-in`/`true`/`1`, `denied`/`no`/`opt-out`/`false`/`0`, `revoked`.
    public init(_ text: String, field: String = "status") throws(ValidationError) {
        switch text.trimmingASCIISpaces().lowercased() {
        case "granted", "yes", "y", "opt-in", "optin", "true", "1", "oui": self = .granted
        case "denied", "no", "n", "opt-out", "optout", "false", "0", "non": self = .denied
        case "revoked", "withdrawn", "unsubscribed": self = .revoked
        default:
            throw ValidationError(field: field, value: text, reason: "write granted, denied or revoked (or yes/no)")
        }
    }
}

public enum OrderStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case completed, cancelled, returned

    public init(_ text: String, field: String = "status") throws(ValidationError) {
        switch text.trimmingASCIISpaces().lowercased() {
        case "completed", "complete", "paid", "delivered", "shipped": self = .completed
        case "cancelled", "canceled": self = .cancelled
        case "returned", "refunded": self = .returned
        default:
            throw ValidationError(field: field, value: text, reason: "write completed, cancelled or returned")
        }
    }
}

/// The kinds of identifier that point at one person.
public enum IdentityKind: String, Sendable, Hashable, CaseIterable, Codable {
    case email, phone
    case loyaltyCard = "loyalty_card"
    case external
}
