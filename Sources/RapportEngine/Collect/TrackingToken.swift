import Foundation
public import RapportCore

/// What a tracking link is for.
public enum TrackingPurpose: UInt8, Sendable, Hashable, CaseIterable {
    /// The open pixel of an e-mail.
    case open = 1
    /// A link of a message: the token carries where it leads.
    case click = 2
    /// The unsubscribe link and the one-click unsubscribe header.
    case unsubscribe = 3
    /// The preference centre.
    case preferences = 4
    /// A survey page: the token carries the survey kind.
    case survey = 5
}

/// The signed content of a tracking link: who received which contact of which campaign, what the
/// link does, until when it is valid, and for a click where it leads. Links name no e-mail
/// address and cannot be altered: ``TrackingSigner`` refuses any change.
public struct TrackingToken: Sendable, Hashable {
    public var purpose: TrackingPurpose
    public var customerID: Int64
    public var contactID: Int64
    public var campaignID: Int64
    /// Seconds since 1970 after which the link no longer works.
    public var expiresAt: Int64
    /// A click's destination, or a survey's kind; empty otherwise.
    public var target: String

    public init(purpose: TrackingPurpose, customerID: Int64, contactID: Int64, campaignID: Int64, expiresAt: Int64, target: String = "") {
        self.purpose = purpose
        self.customerID = customerID
        self.contactID = contactID
        self.campaignID = campaignID
        self.expiresAt = expiresAt
        self.target = target
    }

    /// The compact binary form that is signed: a version byte, the purpose, four unsigned
    /// LEB128 numbers and the target's UTF-8 bytes.
    var bytes: [UInt8] {
        var bytes: [UInt8] = [1, purpose.rawValue]
        for number in [customerID, contactID, campaignID, expiresAt] { Self.appendVarint(UInt64(bitPattern: number), to: &bytes) }
        bytes.append(contentsOf: target.utf8)
        return bytes
    }

    init?(bytes: some Collection<UInt8>) {
        var cursor = bytes.makeIterator()
        guard cursor.next() == 1, let raw = cursor.next(), let purpose = TrackingPurpose(rawValue: raw) else { return nil }
        var numbers: [Int64] = []
        for _ in 0..<4 {
            guard let number = Self.readVarint(&cursor) else { return nil }
            numbers.append(Int64(bitPattern: number))
        }
        var rest: [UInt8] = []
        while let byte = cursor.next() { rest.append(byte) }
        guard let target = String(validating: rest, as: UTF8.self) else { return nil }
        self.init(
            purpose: purpose, customerID: numbers[0], contactID: numbers[1], campaignID: numbers[2], expiresAt: numbers[3], target: target)
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func readVarint<Bytes: IteratorProtocol<UInt8>>(_ cursor: inout Bytes) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = cursor.next() {
            guard shift < 64 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

/// Why a tracking link was refused.
public enum TrackingLinkError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed
    case forged
    case expired(at: Instant)
    case wrongPurpose(TrackingPurpose)

    public var description: String {
        switch self {
        case .malformed: "this link is incomplete or damaged"
        case .forged: "this link was not made by this server"
        case .expired(let at): "this link expired on \(at.utcDate)"
        case .wrongPurpose(let purpose): "this link is for something else (\(purpose))"
        }
    }
}
