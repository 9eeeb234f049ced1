import RapportAnalytics
import RapportCore
import RapportEngine
import Testing

/// The engine and an independent SQL query over the same SQLite store select the same customers,
/// for generated definitions over generated data.
@Suite("Segments: engine against SQL")
struct SegmentEquivalenceTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func generatedDefinitionsSelectTheSameCustomersAsSQL(seed: UInt64) throws {
        let fixture = try TargetingFixture(customers: 240, seed: seed)
        defer { fixture.remove() }
        let frame = try fixture.frame()
        let evaluator = SegmentEvaluator(frame: frame)
        let sql = SegmentSQL(calendar: evaluator.calendar)
        var generator = DefinitionGenerator(random: SplitMix64(seed: seed &* 7919))
        var nonTrivial = 0
        for _ in 0 ..< 150 {
            let definition = generator.condition()
            let engine = try evaluator.evaluate(definition).indexes.map { frame.ids[$0] }
            let expected = try fixture.store.int64s(sql.query(definition))
            #expect(engine == expected, "\(SegmentPrinter.text(definition))")
            if engine != expected { return }
            if !engine.isEmpty && engine.count < frame.count { nonTrivial += 1 }
            // The text form says the same thing.
            #expect(try SegmentParser.parse(SegmentPrinter.text(definition)) == definition)
        }
        // Most generated definitions select some but not all customers: the check is not vacuous.
        #expect(nonTrivial > 60)
    }

    @Test
    func writtenDefinitionsSelectTheSameCustomersAsSQL() throws {
        let fixture = try TargetingFixture(customers: 300, seed: 42)
        defer { fixture.remove() }
        let frame = try fixture.frame()
        let evaluator = SegmentEvaluator(frame: frame)
        let sql = SegmentSQL(calendar: evaluator.calendar)
        let definitions = [
            #"country = "FR" and clv > 200"#,
            #"bought category "shoes" at least 2 times in last 90 days"#,
            #"spent since 2025-01-01 > 200"#,
            #"event "cart_abandoned" in last 3 days without order after"#,
            #"target = "best" or (lifecycle in ("commitment", "expansion") and not consent sms)"#,
            #"age between 30 and 50 and attributes.tier = "gold" and orders in last 12 months >= 1"#,
            #"created >= 90 days ago or birth_date < 1980-01-01"#,
            #"spent on product "P3" in last 1 years > 0 and not attributes.vip = true"#,
        ]
        for text in definitions {
            let definition = try SegmentParser.parse(text)
            let engine = try evaluator.evaluate(definition).indexes.map { frame.ids[$0] }
            #expect(engine == (try fixture.store.int64s(sql.query(definition))), "\(text)")
        }
    }
}
