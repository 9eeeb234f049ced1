import ArgumentParser
import Foundation
import RapportCore
import RapportEngine
import RapportIngest

struct AffinityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affinity",
        abstract: "What sells together (frequent itemsets, association rules) and what to offer whom next.",
        subcommands: [Rules.self, Offers.self],
        defaultSubcommand: Rules.self)

    struct Thresholds: ParsableArguments {
        @Option(help: "Minimum share of baskets an itemset must appear in (0.01 = 1%).")
        var minSupport = 0.01

        @Option(help: "Minimum confidence of a rule (0-1).")
        var minConfidence = 0.2

        @Option(help: "Minimum lift of a rule (1 = no better than chance).")
        var minLift = 1.0
    }

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Frequent itemsets and association rules over the baskets (completed orders) or a basket file.")

        @Option(name: .customLong("level"), help: "Items are products or categories: product or category.")
        var levelName = "category"

        var level: AffinityLevel { AffinityLevel(rawValue: levelName) ?? .category }

        func validate() throws {
            guard AffinityLevel(rawValue: levelName) != nil else {
                throw ValidationError("--level '\(levelName)' is not a level; write product or category.")
            }
        }

        @OptionGroup var thresholds: Thresholds

        @Option(help: "How many rules to print.")
        var top = 20

        @Option(help: "Read baskets from this CSV file (columns basket and item) instead of the database.")
        var baskets: String?

        @Option(help: "Write every frequent itemset to this file (items;items<TAB>count, sorted).")
        var itemsetsOutput: String?

        @Flag(help: "Print how long loading and mining took.")
        var timings = false

        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let clock = ContinuousClock()
                let started = clock.now
                let (data, names) = try loadBaskets()
                let loaded = clock.now
                let itemsets = try FPGrowth.frequentItemsets(in: data, minimumSupport: thresholds.minSupport)
                let mined = clock.now
                let rules = try AssociationRules.derive(
                    from: itemsets, basketCount: data.count, minimumConfidence: thresholds.minConfidence,
                    minimumLift: thresholds.minLift)
                print("\(Terminal.count(data.count)) baskets over \(Terminal.count(names.count)) \(level == .product ? "products" : "categories")"
                    + " · \(Terminal.count(itemsets.count)) frequent itemsets at \(thresholds.minSupport * 100)% support"
                    + " · \(Terminal.count(rules.count)) rules")
                for rule in rules.prefix(top) {
                    let lhs = rule.antecedent.map { names[Int($0)] }.joined(separator: " + ")
                    let rhs = rule.consequent.map { names[Int($0)] }.joined(separator: " + ")
                    print("  \(lhs) → \(rhs)   support \(Terminal.decimal(rule.support * 100, places: 2))%"
                        + " · confidence \(Terminal.decimal(rule.confidence * 100))% · lift \(Terminal.decimal(rule.lift, places: 2))")
                }
                if let itemsetsOutput {
                    let lines = itemsets.map { set in set.items.map { names[Int($0)] }.sorted().joined(separator: ";") + "\t\(set.count)" }.sorted()
                    try (lines.joined(separator: "\n") + "\n").write(toFile: itemsetsOutput, atomically: true, encoding: .utf8)
                }
                if timings {
                    Terminal.writeError(
                        "load_seconds=\(Evaluate.seconds(loaded - started)) fpgrowth_seconds=\(Evaluate.seconds(mined - loaded)) "
                            + "itemsets=\(itemsets.count) rules=\(rules.count)\n")
                }
            }
        }

        typealias Evaluate = SegmentCommand.Evaluate

        private func loadBaskets() throws -> (Baskets, [String]) {
            if let baskets {
                var builder = BasketBuilder()
                try PairFile.read(baskets, columns: [["basket", "basket_id", "order", "order_id"], ["item", "sku", "product", "category"]]) {
                    values, _ in builder.add(basket: values[0], item: values[1])
                }
                return builder.build()
            }
            let store = try options.open()
            var needs = FrameNeeds()
            needs.lines = true
            let frame = try TargetingFrame.load(from: store, needs: needs, today: try day.today)
            return Baskets.orders(of: frame, level: level)
        }
    }

    struct Offers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Next best offers: cross-sell (categories bought with theirs) and up-sell (a dearer product in a category they buy).")

        @Option(help: "One customer: id, external id or e-mail.")
        var customer: String?

        @Option(help: "Every member of this segment (with --output).")
        var segment: String?

        @Option(help: "Write the offers to this CSV file.")
        var output: String?

        @Option(help: "Offers of each kind per customer.")
        var limit = 3

        @OptionGroup var thresholds: Thresholds
        @OptionGroup var day: EvaluationDay
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard (customer == nil) != (segment == nil) else { throw ValidationError("Give --customer or --segment.") }
            if segment != nil, output == nil { throw ValidationError("--segment writes a file: give --output.") }
        }

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                var needs = FrameNeeds()
                needs.lines = true
                let references = segment.map { [SegmentCondition.inSegment($0)] } ?? []
                let workspace = try SegmentWorkspace.prepare(references, store: store, today: try day.today, extraNeeds: needs)
                let frame = workspace.frame
                let (baskets, categories) = Baskets.orders(of: frame, level: .category)
                let itemsets = try FPGrowth.frequentItemsets(in: baskets, minimumSupport: thresholds.minSupport, maximumLength: 3)
                let rules = try AssociationRules.derive(
                    from: itemsets, basketCount: baskets.count, minimumConfidence: thresholds.minConfidence,
                    minimumLift: thresholds.minLift)
                let offers = NextBestOffers(frame: frame, categoryRules: rules, categoryNames: categories, products: try store.products())
                if let customer {
                    let id = try SegmentCommand.customerID(customer, in: store)
                    guard let index = frame.index(of: id) else { throw CommandFailure("customer \(id) is not in the base.") }
                    let list = offers.offers(for: index, limit: limit)
                    print("Next best offers for \(frame.externalIDs[index]) (id \(id)):")
                    if list.isEmpty { print("  none: no purchase to build on, or nothing fits the rules and the catalogue") }
                    for offer in list {
                        print("  \(offer.kind.rawValue): \(offer.category)\(offer.productName.map { " — \($0)" } ?? "")"
                            + "\(offer.price.map { " (\(Terminal.money($0)))" } ?? "")")
                        print("      \(offer.reason)")
                    }
                    return
                }
                let members = workspace.resolved[segment!]!
                let writer = try CSVWriter(
                    path: output!, header: ["customer_id", "external_id", "rank", "kind", "category", "sku", "product", "price", "score", "reason"])
                var written = 0
                do {
                    for index in members.indexes {
                        for (rank, offer) in offers.offers(for: index, limit: limit).enumerated() {
                            try writer.write([
                                String(frame.ids[index]), frame.externalIDs[index], String(rank + 1), offer.kind.rawValue,
                                offer.category, offer.sku ?? "", offer.productName ?? "", offer.price.map { String($0) } ?? "",
                                String(offer.score), offer.reason,
                            ])
                            written += 1
                        }
                    }
                    try writer.finish()
                } catch {
                    writer.discard()
                    throw error
                }
                print("Wrote \(Terminal.count(written)) offers for \(Terminal.count(members.cardinality)) members of \"\(segment!)\" to \(output!)")
            }
        }
    }
}
