import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

struct TrackingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracking",
        abstract: "Tracking links: the public address of the server, link lifetime, open pixel and click redirects.",
        subcommands: [TrackingShow.self, TrackingSet.self, TrackingLinksCommand.self])
}

struct TrackingLinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print the tracking links of a campaign's contacts (open pixel, a click, unsubscribe), tab-separated.",
        discussion: "For checking a set-up by hand, and for load tests of the tracking endpoints.")

    @Argument(help: "The campaign's name.")
    var campaign: String

    @Option(help: "At most this many contacts.")
    var limit = 100

    @Option(help: "The destination of the click links.")
    var destination = "https://example.com/"

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let now = SystemClock().now
            let rows = try options.open().editingRecords { editor -> [String] in
                let settings = try TrackingSettings.load(editor)
                guard let base = settings.baseURL else {
                    throw CommandFailure("tracking is off: `rapport tracking set --base-url https://…` first")
                }
                let signer = TrackingSigner(secret: try TrackingSettings.secret(editor, now: now))
                let stored = try CampaignBook(editor).campaign(named: campaign)
                let contacts = StoredTable.named("contacts")
                return try editor.rows(of: contacts, matching: [ColumnMatch("campaign_id", .integer(stored.id))])
                    .filter { $0[contacts.index(of: "status")].textValue != ContactStatus.suppressed.rawValue }
                    .prefix(limit)
                    .compactMap { row in
                        guard let customer = row[0].integerValue, let contact = row[1].integerValue else { return nil }
                        let links = TrackingLinks(
                            baseURL: base, signer: signer, customerID: customer, contactID: contact, campaignID: stored.id,
                            expiresAt: Instant(secondsSinceEpoch: now.secondsSinceEpoch + Int64(settings.expiryDays) * 86_400))
                        return [links.openPixel, links.click(destination), links.unsubscribe].joined(separator: "\t")
                    }
            }
            for row in rows { print(row) }
        }
    }
}

struct TrackingShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the tracking settings.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let settings = try options.open().editingRecords { try TrackingSettings.load($0) }
            for line in TrackingWords.lines(settings) { print(line) }
        }
    }
}

struct TrackingSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set where tracking links point; messages rendered from now on carry them.",
        discussion: """
            With a base URL, e-mails get an open pixel, links through the click redirect, a \
            List-Unsubscribe header with one-click unsubscribe, and templates can name \
            {{unsubscribe_url}}, {{preferences_url}}, {{nps_url}}, {{csat_url}} and {{ces_url}}.
            """)

    @Option(name: .customLong("base-url"), help: "The address people reach `rapport serve` at, e.g. https://crm.example.com.")
    var baseURL: String?

    @Option(name: .customLong("expiry-days"), help: "Days a link keeps working (unsubscribe links always do).")
    var expiryDays: Int?

    @Option(name: .customLong("open-pixel"), help: "on or off.")
    var openPixel: Toggle?

    @Option(name: .customLong("click-redirects"), help: "on or off.")
    var clickRedirects: Toggle?

    @Flag(name: .customLong("off"), help: "Remove the base URL: messages carry no tracking links.")
    var off = false

    @OptionGroup var options: DatabaseOptions

    enum Toggle: String, ExpressibleByArgument {
        case on, off
    }

    func validate() throws {
        if let expiryDays, expiryDays < 1 { throw ValidationError("--expiry-days must be at least 1") }
        if off && baseURL != nil { throw ValidationError("--off and --base-url contradict each other: give one") }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let settings = try store.editingRecords { editor in
                var settings = try TrackingSettings.load(editor)
                if let baseURL { settings.baseURL = try TrackingSettings.normalisedBaseURL(baseURL) }
                if off { settings.baseURL = nil }
                if let expiryDays { settings.expiryDays = expiryDays }
                if let openPixel { settings.openPixel = openPixel == .on }
                if let clickRedirects { settings.clickRedirects = clickRedirects == .on }
                try TrackingSettings.save(settings, editor, now: SystemClock().now)
                _ = try TrackingSettings.secret(editor, now: SystemClock().now)
                return settings
            }
            print("Tracking set.")
            for line in TrackingWords.lines(settings) { print(line) }
        }
    }
}

enum TrackingWords {
    static func lines(_ settings: TrackingSettings) -> [String] {
        guard let base = settings.baseURL else {
            return ["- off: messages carry no tracking links (`rapport tracking set --base-url https://…` turns it on)"]
        }
        return [
            "- links point at \(base) (`rapport serve` must answer there)",
            "- they work for \(settings.expiryDays) days; unsubscribe links always",
            "- open pixel: \(settings.openPixel ? "on" : "off"); click redirects: \(settings.clickRedirects ? "on" : "off")",
            "- e-mails carry List-Unsubscribe with one-click unsubscribe (RFC 8058)",
        ]
    }
}
