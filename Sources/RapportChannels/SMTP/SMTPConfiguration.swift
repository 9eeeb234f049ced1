/// Where and how the e-mail channel reaches its SMTP server.
public struct SMTPConfiguration: Sendable, Hashable, Codable {
    public enum Security: String, Sendable, Hashable, Codable {
        /// Plain text: only for a relay on a trusted network or loopback.
        case none
        /// Upgrade with STARTTLS, and refuse a server that does not offer it (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this client gives in EHLO.
    public var heloName: String
    /// Connections opened in parallel.
    public var connections: Int
    /// A PEM file of certificates to trust instead of the system's (a private CA).
    public var trustedCertificates: String?
    /// Seconds to wait for a reply.
    public var timeoutSeconds: Double

    public init(
        host: String, port: Int = 587, security: Security = .startTLS, username: String? = nil, password: String? = nil,
        heloName: String = "rapport.localhost", connections: Int = 4, trustedCertificates: String? = nil, timeoutSeconds: Double = 30
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.connections = connections
        self.trustedCertificates = trustedCertificates
        self.timeoutSeconds = timeoutSeconds
    }
}
