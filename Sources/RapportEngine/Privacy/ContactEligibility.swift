public import RapportCore

/// Why a message is for a customer.
public enum ContactPurpose: String, Sendable, Hashable, CaseIterable {
    /// Marketing: needs the customer's consent on the channel.
    case marketing
    /// A message the customer needs (order, delivery, account): sent without marketing consent
    /// and despite do-not-contact, never to an erased customer.
    case transactional
}

/// Whether a customer may be contacted on a channel, and if not, why.
public enum ContactDecision: Sendable, Hashable {
    case allowed
    case erased
    case doNotContact
    /// No usable address or number for the channel.
    case noData
    /// Marketing without a granted consent in force (none, denied or revoked).
    case noConsent

    public var isAllowed: Bool { self == .allowed }

    /// In words, as contact histories record why a contact was not made.
    public var reason: String {
        switch self {
        case .allowed: "allowed"
        case .erased: "erased"
        case .doNotContact: "do not contact"
        case .noData: "no data"
        case .noConsent: "no consent"
        }
    }
}

/// The consent rule every sending path applies, written once: erased customers are never
/// contacted; do-not-contact stops marketing; marketing needs the latest consent on the channel
/// to be `granted`; every message needs data to reach the customer on the channel.
public enum ContactEligibility {
    public static func decide(
        purpose: ContactPurpose, hasUsableData: Bool, consent: ConsentStatus?, restriction: ContactRestriction?
    ) -> ContactDecision {
        if restriction == .erased { return .erased }
        if purpose == .marketing && restriction == .doNotContact { return .doNotContact }
        guard hasUsableData else { return .noData }
        if purpose == .marketing && consent != .granted { return .noConsent }
        return .allowed
    }
}

/// A mark on a customer that limits contact (`contact_restrictions.reason`).
public enum ContactRestriction: String, Sendable, Hashable, CaseIterable {
    /// The customer asked not to be contacted for marketing on any channel.
    case doNotContact = "do_not_contact"
    /// The customer's personal data was erased.
    case erased
}
