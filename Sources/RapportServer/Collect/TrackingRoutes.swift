import Foundation
import Hummingbird
import RapportCore
import RapportEngine

/// The public tracking endpoints that messages link to, each carrying a signed token (no sign-in):
/// the open pixel, the click redirect and the unsubscribe page with its one-click `POST`. Every
/// reaction is committed before the answer leaves.
struct TrackingRoutes {
    let keys: TrackingKeys
    let reactions: ReactionQueue
    let clock: any RapportCore.Clock
    let text = Localization.english

    func add(to router: Router<ServerContext>) {
        router.get("t/o/{token}", use: open)
        router.get("t/c/{token}", use: click)
        router.get("u/{token}", use: unsubscribePage)
        router.post("u/{token}", use: unsubscribe)
    }

    /// A 1×1 transparent GIF.
    static let pixel: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9,
        0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
        0x3B,
    ]

    /// `GET /t/o/{token}.gif`: the pixel, always (a broken or expired link records nothing).
    @Sendable func open(_ request: Request, context: ServerContext) async throws -> Response {
        var token = context.parameters.get("token") ?? ""
        if token.hasSuffix(".gif") { token.removeLast(4) }
        let now = clock.now
        if let opened = try? await keys.current().signer.verify(token, purpose: .open, now: now) {
            _ = try await reactions.apply(reaction(opened, .opened, now: now))
        }
        return Response(
            status: .ok, headers: [.contentType: "image/gif", .cacheControl: "no-store, private"],
            body: .init(byteBuffer: ByteBuffer(bytes: Self.pixel)))
    }

    /// `GET /t/c/{token}`: records the click and redirects to the link's destination. An expired
    /// link still leads there, unrecorded; a damaged one gets a page that says so.
    @Sendable func click(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let now = clock.now
        let signer = try await keys.current().signer
        let clicked: TrackingToken
        do {
            clicked = try signer.authentic(token, purpose: .click)
        } catch {
            return PublicPage.brokenLink(text)
        }
        let lowered = clicked.target.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            return PublicPage.brokenLink(text)
        }
        if clicked.expiresAt >= now.secondsSinceEpoch {
            let detail = String(decoding: try JSONEncoder().encode(["url": clicked.target]), as: UTF8.self)
            _ = try await reactions.apply(reaction(clicked, .clicked, now: now, detail: detail))
        }
        return Response(status: .found, headers: [.location: clicked.target, .cacheControl: "no-store, private"])
    }

    /// `GET /u/{token}`: asks before unsubscribing (mail scanners follow links; only the `POST`
    /// unsubscribes).
    @Sendable func unsubscribePage(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard (try? await keys.current().signer.authentic(token, purpose: .unsubscribe)) != nil else {
            return PublicPage.brokenLink(text)
        }
        let body: HTML = """
            <p>\(text[.unsubscribeQuestion])</p>
            <form method="post" action="/u/\(token)"><p><button type="submit">\(text[.unsubscribe])</button></p></form>
            """
        return PageResponse.html(Layout(text: text, user: nil).page(title: text[.unsubscribe], body))
    }

    /// `POST /u/{token}`: the form's button, or a mailbox provider's one-click unsubscribe
    /// (RFC 8058, body `List-Unsubscribe=One-Click`). Links keep working after their expiry.
    @Sendable func unsubscribe(_ request: Request, context: ServerContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let leaving = try? await keys.current().signer.authentic(token, purpose: .unsubscribe) else {
            return PublicPage.brokenLink(text)
        }
        _ = try await reactions.apply(reaction(leaving, .unsubscribed, now: clock.now))
        let body: HTML = "<p role=\"status\">\(text[.unsubscribed])</p>"
        return PageResponse.html(Layout(text: text, user: nil).page(title: text[.unsubscribe], body))
    }

    private func reaction(_ token: TrackingToken, _ kind: ReactionKind, now: Instant, detail: String? = nil) -> Reaction {
        Reaction(customerID: token.customerID, contactID: token.contactID, campaignID: token.campaignID, kind: kind, at: now, detail: detail)
    }
}
