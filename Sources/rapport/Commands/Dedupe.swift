import ArgumentParser
import Foundation
import RapportCore
import RapportEngine

struct Dedupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find customers entered more than once; merge the sure ones, queue the others for review.",
        discussion: """
            Pairs that share an identifier (e-mail, phone, loyalty card) or a name with a birth date or \
            postcode are scored field by field (docs/organise.md). From the automatic threshold up \
            they are merged at once; between the review and the automatic thresholds they wait in the \
            review queue (`--review`); below, never. Every merge can be undone (`rapport unmerge`).
            """)

    @Flag(help: "Show what would be merged and queued; change nothing.")
    var dryRun = false

    @Flag(help: "List the pairs waiting for review instead of searching.")
    var review = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Record that two customers are different people.", valueName: "customer"))
    var reject: [String] = []

    @Option(help: ArgumentHelp("A JSON file of matching weights, thresholds and survivorship rules.", valueName: "file"))
    var rules: String?

    @Option(help: ArgumentHelp("Write the merges made (or planned, with --dry-run) to this CSV file.", valueName: "file"))
    var mergesOut: String?

    @Option(help: "How many pairs to list.")
    var limit = 20

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard reject.isEmpty || reject.count == 2 else {
            throw ValidationError("--reject takes two customers, for example --reject C000123 C004567")
        }
    }

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            if !reject.isEmpty { return try rejectPair(store) }
            if review { return try listReview(store) }
            let rules = try self.rules.map(MatchingRules.load(from:)) ?? MatchingRules()
            let started = Date()
            let report = try Deduplication(rules: rules).run(
                on: store, dryRun: dryRun, actor: CommandActor.current, at: SystemClock().now)
            let seconds = Date().timeIntervalSince(started)
            let f = report.findings
            print("Searched \(Terminal.count(f.records)) customers: \(Terminal.count(f.comparedPairs)) pairs compared"
                + (f.skippedBlocks > 0 ? " (\(Terminal.count(f.skippedBlocks)) blocks too common to compare)" : ""))
            if dryRun {
                print("Would merge \(Terminal.count(f.merges.count)) customers into \(Terminal.count(Set(f.merges.map(\.survivorID)).count)) survivors; \(Terminal.count(f.review.count)) pairs for review (dry run: nothing changed)")
            } else {
                print("Merged \(Terminal.count(report.merged.count)) customers into \(Terminal.count(Set(report.merged.map(\.survivorID)).count)) survivors"
                    + (report.skipped > 0 ? " (\(report.skipped) skipped: customer gone meanwhile)" : "")
                    + "; \(Terminal.count(report.pendingReview)) pairs wait for review (rapport dedupe --review)")
            }
            print("in \(Terminal.decimal(seconds, places: 1)) s")
            for merge in f.merges.prefix(limit) {
                print("  #\(merge.absorbedID) → #\(merge.survivorID)  score \(Terminal.decimal(merge.score.score, places: 1))  \(merge.score.agreeingFields)")
            }
            if let mergesOut { try writeMerges(f.merges, to: mergesOut) }
        }
    }

    private func writeMerges(_ merges: [PlannedMerge], to path: String) throws {
        var text = "survivor_id,absorbed_id,score,rule\n"
        for merge in merges {
            text += "\(merge.survivorExternalID),\(merge.absorbedExternalID),\(merge.score.score),\(merge.score.agreeingFields)\n"
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func listReview(_ store: any RapportStore) throws {
        let items = try store.editingRecords { editor in try ReviewQueue(editor).items(status: "pending") }
        guard !items.isEmpty else {
            print("No pair waits for review.")
            return
        }
        print("\(Terminal.count(items.count)) pairs wait for review, best first. Merge with `rapport merge A B`, or say they differ with `rapport dedupe --reject A B`.")
        for item in items.prefix(limit) {
            let a = try store.customer360(id: item.pair.first, recentLimit: 0)
            let b = try store.customer360(id: item.pair.second, recentLimit: 0)
            print("")
            print("score \(Terminal.decimal(item.score, places: 1)): \(item.evidence.map(\.description).joined(separator: ", "))")
            for view in [a, b].compactMap({ $0 }) {
                let c = view.customer
                let name = [c.firstName, c.lastName].compactMap { $0 }.joined(separator: " ")
                let fields = [c.email?.value, c.phone?.e164, c.birthDate?.description, c.postcode, c.city].compactMap { $0 }
                print("  \(c.externalID) (#\(view.id)) \(name) · \(fields.joined(separator: " · ")) · \(view.totals.orders) orders")
            }
        }
    }

    private func rejectPair(_ store: any RapportStore) throws {
        let a = try store.requireCustomer(reject[0])
        let b = try store.requireCustomer(reject[1])
        guard a != b else { throw CommandFailure("\(reject[0]) and \(reject[1]) are the same customer (#\(a)).") }
        try store.editingRecords { editor in
            try ReviewQueue(editor).reject(CustomerPair(a, b), actor: CommandActor.current, at: SystemClock().now)
        }
        print("Recorded: #\(a) and #\(b) are different people; they will not be merged automatically.")
    }
}
