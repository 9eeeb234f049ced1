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

    @Argument(help: "The channel: email (SMTP), sms or push (an HTTP provider), phone or mail (CSV files).")
    var channel: String

    @Argument(help: "The JSON file.")
    var file: String

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let now = SystemClock().now
            switch channel {
            case "email":
                let settings = try JSONFile.decode(EmailChannelSettings.self, from: file)
                try store.editingRecords { try Settings($0).set(settings, at: EmailChannelSettings.settingKey, now: now) }
                print("E-mail goes through \(settings.host):\(settings.port) (\(settings.security.rawValue)), from \(settings.from), \(settings.connections) connections.")
            case "phone", "mail":
                let kind: ContactChannel = channel == "phone" ? .phone : .mail
                let settings = try JSONFile.decode(FileChannelSettings.self, from: file)
                try store.editingRecords { try Settings($0).set(settings, at: FileChannelSettings.settingKey(kind), now: now) }
                print("\(channel == "phone" ? "Call lists" : "Mailing lists") are written to \(settings.directory)/.")
            case "sms", "push":
                let kind: ContactChannel = channel == "sms" ? .sms : .push
                let settings = try JSONFile.decode(HTTPProviderSettings.self, from: file)
                try store.editingRecords { try Settings($0).set(settings, at: HTTPProviderSettings.settingKey(kind), now: now) }
                print("\(channel == "sms" ? "SMS" : "Push notifications") go to \(settings.method) \(settings.url).")
            default:
                throw CommandFailure("\(channel) is not a channel to configure: write email, sms, push, phone or mail")
            }
        }
    }
}

struct ChannelShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the channels' settings (passwords hidden).")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let (email, files) = try store.editingRecords { editor in
                let settings = Settings(editor)
                return (
                    try settings.value(EmailChannelSettings.self, at: EmailChannelSettings.settingKey),
                    try [ContactChannel.phone, .mail].compactMap { channel in
                        try settings.value(FileChannelSettings.self, at: FileChannelSettings.settingKey(channel)).map { (channel, $0) }
                    }
                )
            }
            let http = try store.editingRecords { editor in
                try [ContactChannel.sms, .push].filter { try Settings(editor).json(HTTPProviderSettings.settingKey($0)) != nil }
            }
            if email == nil && files.isEmpty && http.isEmpty {
                print("No channel configured: `rapport channel set email smtp.json` (docs/interact.md).")
                return
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if var email {
                if email.password != nil { email.password = "…" }
                print("email: " + String(decoding: try encoder.encode(email), as: UTF8.self))
            }
            for (channel, settings) in files { print("\(channel.rawValue): files in \(settings.directory)/") }
            for channel in [ContactChannel.sms, .push] {
                if let settings = try store.editingRecords({ try Settings($0).value(HTTPProviderSettings.self, at: HTTPProviderSettings.settingKey(channel)) }) {
                    print("\(channel.rawValue): \(settings.method) \(settings.url) (headers \(settings.headers.keys.sorted().joined(separator: ", ")))")
                }
            }
        }
    }
}
