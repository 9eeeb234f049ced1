import ArgumentParser
import RapportCore

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Describe the knowledge base in numbers.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            let store = try options.open()
            SummaryReport.print(try store.summary(), database: options.displayName)
        }
    }
}

/// The base in a dozen lines, for `summary` and `demo`.
enum SummaryReport {
    static func print(_ s: KnowledgeBaseSummary, database: String) {
        let people = s.customers
        func share(_ part: Int, of whole: Int) -> String {
            whole == 0 ? "0%" : "\(Terminal.decimal(Double(part) * 100 / Double(whole), places: 1))%"
        }
        Swift.print("Knowledge base \(database)")
        Swift.print(
            "  people     \(Terminal.count(people)): \(Terminal.count(s.customersByKind[.customer] ?? 0)) customers, \(Terminal.count(s.customersByKind[.prospect] ?? 0)) prospects, \(Terminal.count(s.customersByKind[.former] ?? 0)) former"
        )
        Swift.print(
            "  reachable  \(share(s.withEmail, of: people)) with an e-mail, \(share(s.withPhone, of: people)) with a phone; \(Terminal.count(s.sharedContactDetails)) share an e-mail or phone with someone else (possible duplicates)"
        )
        let consents = ContactChannel.allCases.compactMap { channel in
            s.grantedByChannel[channel].map { "\(channel.rawValue) \(Terminal.count($0))" }
        }
        Swift.print("  consent    granted in force: \(consents.isEmpty ? "none recorded" : consents.joined(separator: ", "))")
        Swift.print("  catalogue  \(Terminal.count(s.products)) products in \(Terminal.count(s.categories)) categories")
        var orders = "  orders     \(Terminal.count(s.orders)) (\(Terminal.count(s.orderLines)) basket lines)"
        if let first = s.firstOrder, let last = s.lastOrder { orders += " from \(first.utcDate) to \(last.utcDate)" }
        Swift.print(orders)
        Swift.print(
            "  revenue    \(Terminal.money(s.revenue)), margin \(Terminal.money(s.margin)) (\(share(Int((s.margin * 1000).rounded()), of: Int((s.revenue * 1000).rounded()))))"
        )
        let buyers = s.oneTimeBuyers + s.repeatBuyers
        Swift.print(
            "  buyers     \(Terminal.count(buyers)): \(Terminal.count(s.oneTimeBuyers)) bought once, \(Terminal.count(s.repeatBuyers)) came back (\(share(s.repeatBuyers, of: buyers)))"
        )
        let events = s.eventsByType.sorted { $0.value > $1.value }.map { "\($0.key) \(Terminal.count($0.value))" }
        Swift.print("  events     \(Terminal.count(s.events))\(events.isEmpty ? "" : ": " + events.joined(separator: ", "))")
    }
}
