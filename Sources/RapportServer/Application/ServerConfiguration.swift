import Foundation

/// How `rapport serve` listens and the limits it enforces. Every limit answers with a clear 4xx
/// when exceeded.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Largest JSON request body, in bytes (413 beyond).
    public var maximumBodyBytes: Int
    /// Largest uploaded import file, in bytes (413 beyond).
    public var maximumUploadBytes: Int
    /// Page size when a list request does not say, and the most it may ask for (400 beyond).
    public var defaultPageSize: Int
    public var maximumPageSize: Int
    /// Events in one batch request (413 beyond).
    public var maximumBatchEvents: Int
    /// bcrypt cost of new password hashes (12 in production; tests lower it).
    public var passwordCost: UInt8
    /// Marks the session cookie `Secure`: set it when the server is reached over HTTPS.
    public var secureCookies: Bool
    /// How long a page session lasts without use.
    public var sessionLifetime: Duration
    /// Where uploaded import files and their rejects are kept (`<database>.uploads` for `rapport serve`).
    public var uploadsDirectory: String
    /// The country whose numbering plan reads national phone numbers in records and lookups.
    public var defaultCountry: String
    /// How often the campaign scheduler decides due waves; nil leaves it to `rapport campaign run`.
    public var campaignInterval: Duration?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maximumBodyBytes: Int = 8 << 20,
        maximumUploadBytes: Int = 512 << 20, defaultPageSize: Int = 50, maximumPageSize: Int = 500,
        maximumBatchEvents: Int = 10_000, passwordCost: UInt8 = 12, secureCookies: Bool = false,
        sessionLifetime: Duration = .seconds(8 * 3600), defaultCountry: String = "FR",
        uploadsDirectory: String? = nil, campaignInterval: Duration? = .seconds(60)
    ) {
        self.campaignInterval = campaignInterval
        self.uploadsDirectory = uploadsDirectory ?? NSTemporaryDirectory() + "rapport-uploads"
        self.defaultCountry = defaultCountry
        self.host = host
        self.port = port
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumUploadBytes = maximumUploadBytes
        self.defaultPageSize = defaultPageSize
        self.maximumPageSize = maximumPageSize
        self.maximumBatchEvents = maximumBatchEvents
        self.passwordCost = passwordCost
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
    }
}
