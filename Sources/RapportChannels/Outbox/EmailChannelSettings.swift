import Foundation
import RapportCore

/// The e-mail channel: its SMTP server, default sender and pace, as `rapport channel set email
/// FILE.json` stores it. The password may come from an environment variable instead of the file.
public struct EmailChannelSettings: Sendable, Hashable, Codable {
    public var host: String
    public var port: Int = 587
    public var security: SMTPConfiguration.Security = .startTLS
    public var username: String?
    public var password: String?
    /// The environment variable that holds the password (preferred to `password`).
    public var passwordEnvironment: String?
    public var from: String
    public var connections: Int = 4
    /// Messages per second at most (the provider's limit); no limit when nil.
    public var ratePerSecond: Double?
    public var trustedCertificates: String?
    public var heloName: String = "rapport.localhost"
    public var timeoutSeconds: Double = 30
    /// Attempts before a message that keeps failing for now is failed for good.
    public var maximumAttempts: Int = 6

    public static let settingKey = "channel.email"

    public init(host: String, port: Int = 587, security: SMTPConfiguration.Security = .startTLS, from: String) {
        self.host = host
        self.port = port
        self.security = security
        self.from = from
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, security, username, password, passwordEnvironment, from, connections, ratePerSecond, trustedCertificates,
            heloName, timeoutSeconds, maximumAttempts
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        host = try container.decode(String.self, forKey: .host)
        from = try container.decode(String.self, forKey: .from)
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 587
        security = try container.decodeIfPresent(SMTPConfiguration.Security.self, forKey: .security) ?? .startTLS
        username = try container.decodeIfPresent(String.self, forKey: .username)
        password = try container.decodeIfPresent(String.self, forKey: .password)
        passwordEnvironment = try container.decodeIfPresent(String.self, forKey: .passwordEnvironment)
        connections = try container.decodeIfPresent(Int.self, forKey: .connections) ?? 4
        ratePerSecond = try container.decodeIfPresent(Double.self, forKey: .ratePerSecond)
        trustedCertificates = try container.decodeIfPresent(String.self, forKey: .trustedCertificates)
        heloName = try container.decodeIfPresent(String.self, forKey: .heloName) ?? "rapport.localhost"
        timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 30
        maximumAttempts = try container.decodeIfPresent(Int.self, forKey: .maximumAttempts) ?? 6
    }

    /// The SMTP session settings, with the password read from the environment when named there.
    public var smtp: SMTPConfiguration {
        let secret = passwordEnvironment.flatMap { ProcessInfo.processInfo.environment[$0] } ?? password
        return SMTPConfiguration(
            host: host, port: port, security: security, username: username, password: secret, heloName: heloName,
            connections: connections, trustedCertificates: trustedCertificates, timeoutSeconds: timeoutSeconds)
    }
}
