import Crypto
import ExtrasBase64
import HummingbirdBcrypt

/// Password hashes (bcrypt) and API tokens (random, stored as SHA-256).
public enum Credentials {
    /// A bcrypt hash of `password` at `cost`.
    public static func hashPassword(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Why a password is refused, or nil when it is acceptable.
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < 10 { return "a password needs at least 10 characters" }
        if password.utf8.count > 72 { return "bcrypt reads at most 72 bytes of a password: choose a shorter one" }
        return nil
    }

    /// A new API token: `rpt_` and 43 URL-safe characters (256 random bits).
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0 ..< 32).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        return "rpt_" + base64URL(bytes)
    }

    /// A random value for CSRF tokens.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0 ..< 24).map { _ in UInt8.random(in: 0 ... 255, using: &generator) })
    }

    /// Hex SHA-256 of a token: what the store keeps.
    public static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Compares two strings in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Base64.encodeToString(bytes: bytes, options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }
}
