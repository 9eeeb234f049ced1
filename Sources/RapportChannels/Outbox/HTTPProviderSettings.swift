import Foundation
public import RapportCore

/// An HTTP provider for SMS, or a generic webhook for push notifications: where to send, with which
/// headers, and the body as a template. `rapport channel set sms FILE.json` stores it.
///
/// The body is a Mustache template whose values are escaped for JSON strings: `{{to}}` (the phone
/// number, or the customer id for push), `{{text}}` (the rendered SMS), `{{key}}` (the contact's
/// idempotency key), `{{campaign}}`, `{{customer}}`. Header values may name environment variables
/// as `${NAME}`, so that secrets stay out of the database.
public struct HTTPProviderSettings: Sendable, Hashable, Codable {
    public var url: String
    public var method: String = "POST"
    public var headers: [String: String] = [:]
    public var body: String = #"{"to": "{{to}}", "text": "{{text}}", "reference": "{{key}}"}"#
    public var contentType: String = "application/json"
    /// The header that carries the contact's idempotency key, for providers that drop repeats.
    public var idempotencyHeader: String = "Idempotency-Key"
    public var ratePerSecond: Double?
    public var connections: Int = 8
    public var timeoutSeconds: Double = 30
    public var maximumAttempts: Int = 6

    public static func settingKey(_ channel: ContactChannel) -> String { "channel.\(channel.rawValue)" }

    public init(url: String) {
        self.url = url
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case url, method, headers, body, contentType, idempotencyHeader, ratePerSecond, connections, timeoutSeconds, maximumAttempts
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https" else {
            throw DecodingError.dataCorruptedError(forKey: .url, in: container, debugDescription: "\"\(url)\" is not an http(s) URL")
        }
        try container.update(&method, from: .method)
        try container.update(&headers, from: .headers)
        try container.update(&body, from: .body)
        try container.update(&contentType, from: .contentType)
        try container.update(&idempotencyHeader, from: .idempotencyHeader)
        ratePerSecond = try container.decodeIfPresent(Double.self, forKey: .ratePerSecond)
        try container.update(&connections, from: .connections)
        try container.update(&timeoutSeconds, from: .timeoutSeconds)
        try container.update(&maximumAttempts, from: .maximumAttempts)
    }

    /// A header value with `${NAME}` replaced by the environment variable NAME (empty when unset).
    static func expand(_ value: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            result += rest[..<start.lowerBound]
            result += environment[String(rest[start.upperBound..<end])] ?? ""
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
