import ArgumentParser
import Foundation
import RapportChannels
import RapportCore
import RapportEngine

struct ChannelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel", abstract: "How messages leave: the e-mail channel's SMTP server, sender and pace.",
        subcommands: [ChannelSet.self, ChannelShow.self])
}

struct ChannelSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Configure a channel from a JSON file (docs/interact.md lists the keys).")

    @Argument(help: "The channel: email.")
    var channel: String

    @Argument(help: "The JSON file.")
    var file: String

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            guard channel == "email" else { throw CommandFailure("only the email channel is configured this way for now; write email") }
            let settings = try JSONFile.decode(EmailChannelSettings.self, from: file)
            let store = try options.open()
            try store.editingRecords { try Settings($0).set(settings, at: EmailChannelSettings.settingKey, now: SystemClock().now) }
            print("E-mail goes through \(settings.host):\(settings.port) (\(settings.security.rawValue)), from \(settings.from), \(settings.connections) connections.")
        }
    }
}

struct ChannelShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the channels' settings (passwords hidden).")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            guard var email = try store.editingRecords({ try Settings($0).value(EmailChannelSettings.self, at: EmailChannelSettings.settingKey) })
            else {
                print("No channel configured: `rapport channel set email smtp.json` (docs/interact.md).")
                return
            }
            if email.password != nil { email.password = "…" }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print("email: " + String(decoding: try encoder.encode(email), as: UTF8.self))
        }
    }
}
