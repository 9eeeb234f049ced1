import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "The contact-pressure policy: caps, minimum gap, quiet hours, allowed days, uniqueness, capacities, holdout.",
        subcommands: [PolicyShow.self, PolicySet.self])
}

struct PolicyShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the policy in force, as JSON and in words.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            let policy = try store.editingRecords { try CampaignBook($0).policy() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(policy), as: UTF8.self))
            print()
            for line in PolicyWords.lines(policy) { print(line) }
        }
    }
}

struct PolicySet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Replace the policy with a JSON file (unset keys take their defaults).")

    @Argument(help: "A JSON file; `rapport policy show` prints the current one to start from.")
    var file: String

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let policy = try JSONFile.decode(PressurePolicy.self, from: file)
            let store = try options.open()
            try store.editingRecords { try CampaignBook($0).setPolicy(policy, at: SystemClock().now) }
            print("Policy set.")
            for line in PolicyWords.lines(policy) { print(line) }
        }
    }
}

/// The policy in sentences, as `policy show` and `campaign simulate` print it.
enum PolicyWords {
    static func lines(_ policy: PressurePolicy) -> [String] {
        var lines = policy.caps.map { "- \($0.description), rolling" }
        if policy.minimumGapHours > 0 { lines.append("- at least \(Terminal.decimal(policy.minimumGapHours)) hours between two contacts") }
        if let quiet = policy.quietHours { lines.append("- nothing from \(quiet.from) to \(quiet.to), customer's local time") }
        let days = Weekday.allCases.filter(policy.allowedDays.contains).map { String($0.rawValue.prefix(3)) }
        lines.append("- days allowed: \(days.joined(separator: ", "))")
        if policy.uniquenessDays > 0 { lines.append("- the same message at most once in \(Terminal.decimal(policy.uniquenessDays)) days") }
        for (channel, limit) in policy.dailyCapacity.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("- \(channel.rawValue): at most \(Terminal.count(limit)) contacts a day")
        }
        if policy.globalHoldout > 0 { lines.append("- global holdout: \(Terminal.decimal(policy.globalHoldout * 100))% of customers") }
        lines.append("- time zone: \(policy.timeZone) (customers without one, and capacity days); look-ahead \(Terminal.decimal(policy.lookaheadDays)) days")
        lines.append("- transactional messages are exempt; marketing always needs consent")
        return lines
    }
}

/// Reads a JSON document from a file, with errors that name the file and the key.
enum JSONFile {
    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path): check the path")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw CommandFailure("\(path): \(ConfigurationErrorText.describe(error))")
        }
    }
}
