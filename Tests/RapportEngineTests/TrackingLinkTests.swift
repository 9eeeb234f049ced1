import Foundation
import RapportCore
import Testing

@testable import RapportEngine

/// Signed tracking tokens and the rewriting of an e-mail's links.
@Suite struct TrackingLinkTests {
    let signer = TrackingSigner(secret: Array(repeating: 7, count: 32))
    let now = Instant(secondsSinceEpoch: 1_800_000_000)

    func links(expiring: Int64 = 86_400) -> TrackingLinks {
        TrackingLinks(
            baseURL: "https://crm.example.com", signer: signer, customerID: 42, contactID: 9_000_000_001, campaignID: 3,
            expiresAt: Instant(secondsSinceEpoch: now.secondsSinceEpoch + expiring))
    }

    @Test func aSignedTokenReadsBackAndNoAlterationPasses() throws {
        let token = TrackingToken(
            purpose: .click, customerID: 42, contactID: 9_000_000_001, campaignID: 3, expiresAt: now.secondsSinceEpoch + 10,
            target: "https://shop.example.com/é?a=1&b=2")
        let signed = signer.sign(token)
        #expect(!signed.contains("/") && !signed.contains("+") && !signed.contains("="))
        #expect(try signer.verify(signed, purpose: .click, now: now) == token)
        #expect(throws: TrackingLinkError.wrongPurpose(.click)) { try signer.verify(signed, purpose: .open, now: now) }
        #expect(throws: TrackingLinkError.expired(at: Instant(secondsSinceEpoch: now.secondsSinceEpoch + 10))) {
            try signer.verify(signed, purpose: .click, now: Instant(secondsSinceEpoch: now.secondsSinceEpoch + 11))
        }
        #expect(try signer.authentic(signed, purpose: .click) == token, "an expired link is still authentic")
        // Another customer's number, or another key, is a forgery.
        var other = token
        other.customerID = 43
        let swapped = signer.sign(other).split(separator: ".")[0] + "." + signed.split(separator: ".")[1]
        #expect(throws: TrackingLinkError.forged) { try signer.verify(swapped, purpose: .click, now: now) }
        let stranger = TrackingSigner(secret: Array(repeating: 8, count: 32))
        #expect(throws: TrackingLinkError.forged) { try stranger.verify(signed, purpose: .click, now: now) }
        for damaged in ["", ".", "abc", String(signed.dropLast(2)), signed + "x", "!!!.???"] {
            #expect(throws: TrackingLinkError.self) { try signer.verify(damaged, purpose: .click, now: now) }
        }
    }

    @Test func linksGoThroughTheRedirectAndThePixelBeforeTheEndOfTheBody() throws {
        let html = """
            <html><body><p>Hello <a href="https://shop.example.com/sale?a=1&amp;b=2">sale</a>, \
            <A HREF='http://blog.example.com/x'>blog</A>, <a href="mailto:help@example.com">mail</a>, \
            <a href="#top">top</a>, <a data-href="https://no.example.com">data</a>, \
            <a href="https://crm.example.com/u/abc">leave</a></p></body></html>
            """
        let tracked = links().tracked(html: html, clicks: true, pixel: true)
        let redirects = tracked.components(separatedBy: "https://crm.example.com/t/c/").dropFirst()
        #expect(redirects.count == 2)
        let tokens = redirects.map { String($0.prefix { $0 != "\"" && $0 != "'" }) }
        #expect(try tokens.map { try signer.verify($0, purpose: .click, now: now).target } == [
            "https://shop.example.com/sale?a=1&b=2", "http://blog.example.com/x",
        ])
        #expect(tracked.contains("href=\"mailto:help@example.com\"") && tracked.contains("href=\"#top\""))
        #expect(tracked.contains("data-href=\"https://no.example.com\""), "only href attributes are links")
        #expect(tracked.contains("href=\"https://crm.example.com/u/abc\""), "links to this server are left alone")
        #expect(tracked.hasSuffix("style=\"display:none\"></body></html>"))
        #expect(tracked.contains("src=\"https://crm.example.com/t/o/"))
        let plain = links().tracked(html: "<p>no body</p>", clicks: false, pixel: false)
        #expect(plain == "<p>no body</p>")
    }

    @Test func templateValuesAreSignedForTheirPurpose() throws {
        let values = links().templateValues
        let unsubscribe = try #require(values["unsubscribe_url"])
        #expect(unsubscribe.hasPrefix("https://crm.example.com/u/"))
        let token = try signer.verify(unsubscribe.dropFirst("https://crm.example.com/u/".count), purpose: .unsubscribe, now: now)
        #expect(token.customerID == 42 && token.contactID == 9_000_000_001 && token.campaignID == 3)
        let nps = try #require(values["nps_url"])
        #expect(try signer.verify(nps.dropFirst("https://crm.example.com/survey/".count), purpose: .survey, now: now).target == "nps")
    }

    @Test func aBaseURLMustBeAnHTTPAddress() throws {
        #expect(try TrackingSettings.normalisedBaseURL("https://crm.example.com/") == "https://crm.example.com")
        #expect(try TrackingSettings.normalisedBaseURL("http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        for bad in ["crm.example.com", "ftp://x.example.com", "https://x.example.com/?a=1", "https://"] {
            #expect(throws: InteractError.self) { try TrackingSettings.normalisedBaseURL(bad) }
        }
    }
}
