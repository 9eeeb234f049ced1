/// Why an SMTP exchange failed, with what a person needs to fix it.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case connectionFailed(host: String, port: Int, reason: String)
    /// The server answered a command with a negative reply.
    case rejected(command: String, response: SMTPResponse)
    case protocolViolation(String)
    case startTLSUnavailable(host: String)
    case authenticationUnavailable(host: String)
    case closed
    case timedOut(command: String)

    public var description: String {
        switch self {
        case .connectionFailed(let host, let port, let reason): "cannot connect to SMTP server \(host):\(port): \(reason)"
        case .rejected(let command, let response): "the SMTP server refused \(command): \(response)"
        case .protocolViolation(let text): "SMTP protocol error: \(text)"
        case .startTLSUnavailable(let host):
            "\(host) does not offer STARTTLS, which the e-mail channel requires (set \"security\": \"none\" only on a trusted network)"
        case .authenticationUnavailable(let host): "\(host) offers neither AUTH PLAIN nor AUTH LOGIN"
        case .closed: "the SMTP server closed the connection"
        case .timedOut(let command): "the SMTP server did not answer \(command) in time"
        }
    }

    /// Whether trying again later may succeed (a 4xx reply, a dropped connection, a timeout).
    public var isTransient: Bool {
        switch self {
        case .rejected(_, let response): response.isTransient
        case .connectionFailed, .closed, .timedOut: true
        default: false
        }
    }
}
