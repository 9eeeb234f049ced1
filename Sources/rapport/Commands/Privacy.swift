import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

struct PrivacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Answer a person's requests: export what is held on them, erase it, stop contacting them; read the audit log.",
        subcommands: [Export.self, Erase.self, DoNotContact.self, Audit.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything held on one customer, as JSON (written to the audit log).")

        @Argument(help: "The customer (customer_id, e-mail, phone, or #id).")
        var customer: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the JSON to this file instead of standard output.", valueName: "file"))
        var output: String?

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let id = try store.requireCustomer(customer)
                guard let data = try store.editingRecords({ editor in
                    try PersonalData(editor).export(customerID: id, actor: CommandActor.current, at: SystemClock().now)
                }) else { throw CommandFailure("no customer #\(id)") }
                if let output {
                    do {
                        try data.write(to: URL(fileURLWithPath: output))
                    } catch {
                        throw CommandFailure("cannot write \(output): \(error.localizedDescription)")
                    }
                    Terminal.writeError("Wrote everything held on #\(id) to \(output) (\(Terminal.count(data.count)) bytes).\n")
                } else {
                    FileHandle.standardOutput.write(data)
                    print("")
                }
            }
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a customer's personal data for good (anonymise by default, or delete everything).",
            discussion: """
                anonymise: the profile's personal fields, identifiers, consents and custom attributes go; \
                orders, events (without their properties) and scores stay under an anonymous record, so \
                that totals do not change; the customer is never contacted again. delete: everything of \
                theirs goes. Both wipe the history of their merges. This cannot be undone.
                """)

        @Argument(help: "The customer (customer_id, e-mail, phone, or #id).")
        var customer: String

        @Option(help: "anonymise or delete.")
        var mode: String = ErasureMode.anonymise.rawValue

        @Flag(help: "Confirm: erasure cannot be undone.")
        var yes = false

        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard ErasureMode(rawValue: mode) != nil else {
                throw ValidationError("--mode is anonymise or delete, not '\(mode)'")
            }
            guard yes else { throw ValidationError("erasure cannot be undone: add --yes to confirm") }
        }

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let id = try store.requireCustomer(customer)
                let report = try store.editingRecords { editor in
                    try PersonalData(editor).erase(
                        customerID: id, mode: ErasureMode(rawValue: mode) ?? .anonymise, actor: CommandActor.current,
                        at: SystemClock().now)
                }
                let rows = report.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("Erased #\(id) (\(report.mode.rawValue)): \(rows).")
            }
        }
    }

    struct DoNotContact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "do-not-contact", abstract: "Stop all marketing to a customer on every channel, or lift that.")

        @Argument(help: "The customer (customer_id, e-mail, phone, or #id).")
        var customer: String

        @Flag(help: "Lift the do-not-contact mark.")
        var lift = false

        @Option(help: "Where the request came from (a letter, the call centre…).")
        var source: String?

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let id = try store.requireCustomer(customer)
                let changed = try store.editingRecords { editor in
                    try ContactRestrictions(editor).setDoNotContact(
                        !lift, customerID: id, source: source, actor: CommandActor.current, at: SystemClock().now)
                }
                if !changed {
                    print("Nothing to do: #\(id) is already \(lift ? "without a do-not-contact mark (or erased)" : "marked do-not-contact or erased").")
                } else {
                    print(lift ? "#\(id) may receive marketing again where they consented." : "#\(id) will receive no marketing on any channel.")
                }
            }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit log of one customer: reads, exports, changes, merges, erasure, with who and when.")

        @Argument(help: "The customer (customer_id, e-mail, phone, or #id).")
        var customer: String

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                let id = try store.requireCustomer(customer)
                let entries = try store.editingRecords { editor in try AuditTrail(editor).entries(about: AuditEntry.customer(id)) }
                guard !entries.isEmpty else { return print("Nothing in the audit log about #\(id).") }
                for entry in entries {
                    print("\(entry.at)  \(entry.actor)  \(entry.action)  \(entry.details)")
                }
            }
        }
    }
}
