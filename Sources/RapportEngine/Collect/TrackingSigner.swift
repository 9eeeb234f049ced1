import Crypto
import ExtrasBase64
import Foundation
public import RapportCore

/// Signs and checks tracking tokens with HMAC-SHA-256 under the base's tracking secret. A signed
/// token is `base64url(bytes) "." base64url(first 16 bytes of the MAC)`: short enough for links,
/// and 128 bits of MAC, which no one forges by trying.
public struct TrackingSigner: Sendable {
    private let key: SymmetricKey

    /// `secret` must hold at least 32 bytes.
    public init(secret: [UInt8]) {
        precondition(secret.count >= 32, "a tracking secret has at least 32 bytes")
        key = SymmetricKey(data: secret)
    }

    public func sign(_ token: TrackingToken) -> String {
        let bytes = token.bytes
        let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: key)
        return Base64.encodeToString(bytes: bytes, options: [.base64UrlAlphabet, .omitPaddingCharacter]) + "."
            + Base64.encodeToString(bytes: Array(mac.prefix(16)), options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }

    /// The token `text` carries, when this signer made it, it has not expired at `now` and it is
    /// for `purpose`.
    public func verify(_ text: some StringProtocol, purpose: TrackingPurpose, now: Instant) throws(TrackingLinkError) -> TrackingToken {
        let token = try authentic(text, purpose: purpose)
        guard token.expiresAt >= now.secondsSinceEpoch else { throw .expired(at: Instant(secondsSinceEpoch: token.expiresAt)) }
        return token
    }

    /// The token `text` carries when this signer made it for `purpose`, expired or not (an
    /// unsubscribe link keeps working after its expiry).
    public func authentic(_ text: some StringProtocol, purpose: TrackingPurpose) throws(TrackingLinkError) -> TrackingToken {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count < 4_096,
            let bytes = try? Base64.decode(string: String(parts[0]), options: [.base64UrlAlphabet, .omitPaddingCharacter]),
            let mac = try? Base64.decode(string: String(parts[1]), options: [.base64UrlAlphabet, .omitPaddingCharacter]),
            mac.count == 16
        else { throw .malformed }
        let expected = HMAC<SHA256>.authenticationCode(for: bytes, using: key)
        guard Self.constantTimeEqual(Array(expected.prefix(16)), mac) else { throw .forged }
        guard let token = TrackingToken(bytes: bytes) else { throw .malformed }
        guard token.purpose == purpose else { throw .wrongPurpose(token.purpose) }
        return token
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
