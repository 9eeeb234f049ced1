import Foundation
public import RapportCore

/// The tracking links of one contact, signed, and the rewriting of an e-mail's HTML so that its
/// links go through the click redirect and its opens load the pixel.
public struct TrackingLinks: Sendable {
    public let baseURL: String
    let signer: TrackingSigner
    let customerID: Int64
    let contactID: Int64
    let campaignID: Int64
    let expiresAt: Int64

    public init(baseURL: String, signer: TrackingSigner, customerID: Int64, contactID: Int64, campaignID: Int64, expiresAt: Instant) {
        self.baseURL = baseURL
        self.signer = signer
        self.customerID = customerID
        self.contactID = contactID
        self.campaignID = campaignID
        self.expiresAt = expiresAt.secondsSinceEpoch
    }

    func token(_ purpose: TrackingPurpose, target: String = "") -> String {
        signer.sign(
            TrackingToken(
                purpose: purpose, customerID: customerID, contactID: contactID, campaignID: campaignID, expiresAt: expiresAt,
                target: target))
    }

    /// The open pixel: `GET` answers a 1×1 transparent GIF and records an open.
    public var openPixel: String { "\(baseURL)/t/o/\(token(.open)).gif" }
    /// The page that confirms an unsubscribe, and the target of the one-click `POST` (RFC 8058).
    public var unsubscribe: String { "\(baseURL)/u/\(token(.unsubscribe))" }
    /// The preference centre.
    public var preferences: String { "\(baseURL)/preferences/\(token(.preferences))" }
    /// The survey page of `kind` (`nps`, `csat`, `ces`).
    public func survey(_ kind: String) -> String { "\(baseURL)/survey/\(token(.survey, target: kind))" }
    /// The click redirect to `destination`.
    public func click(_ destination: String) -> String { "\(baseURL)/t/c/\(token(.click, target: destination))" }

    /// The values templates can name: `{{unsubscribe_url}}`, `{{preferences_url}}`,
    /// `{{nps_url}}`, `{{csat_url}}`, `{{ces_url}}`.
    public var templateValues: [String: String] {
        [
            "unsubscribe_url": unsubscribe, "preferences_url": preferences, "nps_url": survey("nps"), "csat_url": survey("csat"),
            "ces_url": survey("ces"),
        ]
    }

    /// `html` with every absolute http(s) link that does not already point at this server going
    /// through the click redirect, and the open pixel before `</body>` (or at the end).
    public func tracked(html: String, clicks: Bool, pixel: Bool) -> String {
        var output = clicks ? rewritingLinks(html) : html
        if pixel {
            let image = "<img src=\"\(openPixel)\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">"
            if let close = output.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
                output.insert(contentsOf: image, at: close.lowerBound)
            } else {
                output += image
            }
        }
        return output
    }

    private func rewritingLinks(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256)
        var index = 0
        let marker = Array("href=".utf8)
        while index < bytes.count {
            guard index + marker.count < bytes.count, Self.matches(marker, in: bytes, at: index),
                index == 0 || !Self.isNameByte(bytes[index - 1])
            else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let quote = bytes[index + marker.count]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                let end = bytes[(index + marker.count + 1)...].firstIndex(of: quote)
            else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let valueStart = index + marker.count + 1
            let value = String(decoding: bytes[valueStart..<end], as: UTF8.self)
            output.append(contentsOf: bytes[index..<valueStart])
            if Self.isTrackable(value, baseURL: baseURL) {
                output.append(contentsOf: click(Self.unescapedAttribute(value)).utf8)
            } else {
                output.append(contentsOf: bytes[valueStart..<end])
            }
            output.append(quote)
            index = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func matches(_ marker: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        for offset in marker.indices {
            var byte = bytes[index + offset]
            if byte >= 65 && byte <= 90 { byte += 32 }
            if byte != marker[offset] { return false }
        }
        return true
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
    }

    static func isTrackable(_ value: String, baseURL: String) -> Bool {
        let lowered = value.lowercased()
        return (lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) && !value.hasPrefix(baseURL + "/")
    }

    /// The URL an attribute value means: the few character references HTML escaping writes.
    static func unescapedAttribute(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
