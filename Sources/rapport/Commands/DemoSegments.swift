import RapportCore
import RapportEngine

/// The demo's last step: two example segments saved (or refreshed when the base already has them)
/// and the strongest category affinities, so that a first run shows targeting too.
enum DemoSegments {
    static let examples: [(name: String, definition: String)] = [
        ("garden-fr", #"bought category "garden" in last 365 days and country = "FR" and consent email"#),
        ("wake-the-sleepwalkers", #"target = "sleepwalkers" and consent email and not event "complaint" in last 90 days"#),
    ]

    static func perform(store: any RapportStore, today: CalendarDate) throws {
        let now = SystemClock().now
        let definitions = try examples.map { try SegmentParser.parse($0.definition) }
        let workspace = try SegmentWorkspace.prepare(
            definitions, store: store, today: today, extraNeeds: { var needs = FrameNeeds(); needs.lines = true; return needs }())
        print("Segments as of \(today) (rapport segment show NAME):")
        for ((name, _), definition) in zip(examples, definitions) {
            var segment = try store.segment(named: name)
            if segment == nil {
                segment = try store.createSegment(
                    SegmentRecord(
                        name: name, kind: .dynamic, definition: SegmentPrinter.text(definition), description: "demo example",
                        createdAt: now, updatedAt: now))
            }
            let members = try workspace.evaluate(definition)
            let snapshot = try store.saveEvaluation(ofSegment: segment!.id, members: workspace.ids(members), at: now)
            print("  \(name): \(Terminal.count(snapshot.size)) — \(SegmentPrinter.text(definition))")
        }
        let (baskets, categories) = Baskets.orders(of: workspace.frame, level: .category)
        let itemsets = try FPGrowth.frequentItemsets(in: baskets, minimumSupport: 0.01, maximumLength: 3)
        let rules = try AssociationRules.derive(from: itemsets, basketCount: baskets.count, minimumConfidence: 0.3, minimumLift: 1.5)
        print("Bought together (rapport affinity):")
        for rule in rules.filter({ $0.consequent.count == 1 }).prefix(3) {
            let lhs = rule.antecedent.map { categories[Int($0)] }.joined(separator: " + ")
            print("  \(lhs) → \(categories[Int(rule.consequent[0])])  confidence \(Terminal.decimal(rule.confidence * 100))%, lift \(Terminal.decimal(rule.lift, places: 2))")
        }
    }
}
