import Foundation
public import RapportCore

/// Where tracking links point and how long they work: `rapport tracking set` stores them. Without
/// a base URL, messages carry no tracking links (and e-mail no unsubscribe header): Rapport cannot
/// guess the address at which people reach the server.
public struct TrackingSettings: Sendable, Hashable, Codable {
    /// The public address of `rapport serve`, such as `https://crm.example.com`.
    public var baseURL: String?
    /// Days a link keeps working after the message is rendered.
    public var expiryDays: Int = 180
    /// Whether e-mail opens are tracked by a pixel (some teams turn it off for privacy).
    public var openPixel: Bool = true
    /// Whether links in e-mail go through the click redirect.
    public var clickRedirects: Bool = true

    public init(baseURL: String? = nil, expiryDays: Int = 180, openPixel: Bool = true, clickRedirects: Bool = true) {
        self.baseURL = baseURL
        self.expiryDays = expiryDays
        self.openPixel = openPixel
        self.clickRedirects = clickRedirects
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        baseURL = try container.decodeIfPresent(String.self, forKey: .baseURL)
        expiryDays = try container.decodeIfPresent(Int.self, forKey: .expiryDays) ?? 180
        openPixel = try container.decodeIfPresent(Bool.self, forKey: .openPixel) ?? true
        clickRedirects = try container.decodeIfPresent(Bool.self, forKey: .clickRedirects) ?? true
    }

    static let key = "tracking"
    static let secretKey = "tracking.secret"

    /// Checks a base URL: http or https with a host, no query; the trailing slash is dropped.
    public static func normalisedBaseURL(_ text: String) throws(InteractError) -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false, url.query == nil
        else {
            throw InteractError.invalidDefinition(
                source: "the tracking settings",
                problems: ["base URL \"\(text)\": give the address people reach `rapport serve` at, such as https://crm.example.com"])
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// The stored settings (defaults when none).
    public static func load(_ editor: any RecordEditor) throws -> TrackingSettings {
        try Settings(editor).value(TrackingSettings.self, at: key) ?? TrackingSettings()
    }

    public static func save(_ settings: TrackingSettings, _ editor: any RecordEditor, now: Instant) throws {
        try Settings(editor).set(settings, at: key, now: now)
    }

    /// The base's tracking secret, made (32 random bytes) and stored the first time it is needed.
    public static func secret(_ editor: any RecordEditor, now: Instant) throws -> [UInt8] {
        struct Stored: Codable { var secret: String }
        if let stored = try Settings(editor).value(Stored.self, at: secretKey), let bytes = Data(base64Encoded: stored.secret),
            bytes.count >= 32
        {
            return Array(bytes)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try Settings(editor).set(Stored(secret: Data(bytes).base64EncodedString()), at: secretKey, now: now)
        return bytes
    }
}
