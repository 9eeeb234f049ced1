import ArgumentParser
import Foundation
import Logging
import RapportChannels
import RapportCore
import RapportEngine

struct CampaignSend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Render the planned contacts that are due into the outbox, then send the outbox's e-mails.",
        discussion: "Safe to kill at any moment and run again: no message is sent twice and none is lost (docs/interact.md).")

    @OptionGroup var time: PlanningTime

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        do {
            let store = try options.open()
            let now = try time.now()
            let fill = try OutboxFiller().fill(store: store, now: now)
            let queued = fill.queued.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\(Terminal.count($0.value)) \($0.key.rawValue)" }
            print("Outbox: \(fill.queuedTotal == 0 ? "nothing new" : queued.joined(separator: ", ") + " queued")")
            for (reason, count) in fill.dropped.sorted(by: { $0.value > $1.value }) { print("  dropped, \(reason): \(Terminal.count(count))") }
            let clock: any RapportCore.Clock = time.at == nil ? SystemClock() : FixedClock(now)
            let summary = try await OutboxSending.send(store: store, clock: clock, logger: Logger(label: "rapport.send"))
            print(summary)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Sends what the outbox holds on the configured channels, and says what is left.
enum OutboxSending {
    static func send(store: any RapportStore, clock: any RapportCore.Clock, logger: Logger) async throws -> String {
        let email = try store.editingRecords { try Settings($0).value(EmailChannelSettings.self, at: EmailChannelSettings.settingKey) }
        var lines: [String] = []
        if let email {
            let started = ContinuousClock.now
            let summary = try await EmailDispatcher(settings: email, store: store, clock: clock, logger: logger).dispatch()
            let seconds = (ContinuousClock.now - started).secondsValue
            lines.append(
                "E-mail: \(Terminal.count(summary.sent)) sent, \(Terminal.count(summary.deferred)) to try again, \(Terminal.count(summary.failed)) failed"
                    + (summary.sent > 0 ? " (\(Terminal.count(Int(Double(summary.sent) / max(seconds, 0.001)))) a second)" : ""))
        }
        var configured: Set<ContactChannel> = email == nil ? [] : [.email]
        for channel in [ContactChannel.phone, .mail] {
            guard let settings = try store.editingRecords({ try Settings($0).value(FileChannelSettings.self, at: FileChannelSettings.settingKey(channel)) })
            else { continue }
            configured.insert(channel)
            for (path, rows) in try FileChannelDispatcher(channel: channel, settings: settings, store: store, clock: clock).dispatch() {
                lines.append("\(channel == .phone ? "Call list" : "Mailing list"): \(Terminal.count(rows)) in \(Terminal.shortPath(path))")
            }
        }
        for channel in [ContactChannel.sms, .push] {
            guard let settings = try store.editingRecords({ try Settings($0).value(HTTPProviderSettings.self, at: HTTPProviderSettings.settingKey(channel)) })
            else { continue }
            configured.insert(channel)
            let summary = try await HTTPDispatcher(channel: channel, settings: settings, store: store, clock: clock, logger: logger).dispatch()
            if summary != DispatchSummary() {
                lines.append(
                    "\(channel == .sms ? "SMS" : "Push"): \(Terminal.count(summary.sent)) sent, \(Terminal.count(summary.deferred)) to try again, \(Terminal.count(summary.failed)) failed")
            }
        }
        let waiting = try store.editingRecords { try OutboxLedger($0).pendingCounts() }
        for (channel, count) in waiting.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let reason = configured.contains(channel) ? "due later" : "channel not configured"
            lines.append("Waiting: \(Terminal.count(count)) \(channel.rawValue) (\(reason))")
        }
        return lines.isEmpty ? "Nothing to send." : lines.joined(separator: "\n")
    }
}
