import Foundation
import RapportCore
import RapportEngine
import Testing

@Suite("Segment language")
struct SegmentLanguageTests {
    @Test
    func readsTheExamplesOfTheGuide() throws {
        #expect(
            try SegmentParser.parse(#"country = "FR" and clv > 200"#)
                == .all([.field("country", .compare(.equal, .text("FR"))), .field("clv", .compare(.greater, .number(200)))]))
        #expect(
            try SegmentParser.parse(#"bought category "shoes" at least 2 times in last 90 days"#)
                == .purchases(PurchaseMeasure(quantity: .orders, category: "shoes", window: .last(90, .days), test: .compare(.greaterOrEqual, .number(2)))))
        #expect(
            try SegmentParser.parse(#"SPENT since 2025-01-01 > 200"#)
                == .purchases(PurchaseMeasure(quantity: .spent, window: .since(.date(CalendarDate(year: 2025, month: 1, day: 1)!)), test: .compare(.greater, .number(200)))))
        #expect(
            try SegmentParser.parse(#"event "cart_abandoned" in last 3 days without order after"#)
                == .event(EventMeasure(type: "cart_abandoned", window: .last(3, .days), withoutOrderAfter: true)))
        #expect(
            try SegmentParser.parse(#"not consent sms or in segment "vip" and created >= 30 days ago"#)
                == .any([.not(.consent(.sms)), .all([.inSegment("vip"), .field("created", .compare(.greaterOrEqual, .ago(30, .days)))])]))
        #expect(
            try SegmentParser.parse(#"attributes.tier in ("gold", 'silver') and r between 4 and 5 and email is set"#)
                == .all([
                    .field("attributes.tier", .oneOf([.text("gold"), .text("silver")])),
                    .field("r_score", .between(.number(4), .number(5))), .field("email", .isSet),
                ]))
        #expect(try SegmentParser.parse("orders at most once") == .purchases(PurchaseMeasure(quantity: .orders, test: .compare(.lessOrEqual, .number(1)))))
    }

    @Test(arguments: [
        (#"country = "FR" and"#, 1, 19, "expected a condition"),
        (#"contry = "FR""#, 1, 1, "did you mean `country`?"),
        (#"country = FR"#, 1, 11, #"quote text ("FR")"#),
        (#"clv > "high""#, 1, 5, "clv is a number"),
        (#"(clv > 1 or f_score = 2"#, 1, 24, "expected `)` to close the `(` at column 1"),
        (#"clv > 1)"#, 1, 8, "closes no `(`"),
        (#"lifecycle = "comitment""#, 1, 11, #"did you mean "commitment"?"#),
        ("country = \"FR\" and\n  orders in last 90 weeks >= two", 2, 30, "expected a number"),
        (#"consent fax"#, 1, 9, "not a channel"),
        (#"spent in last 3 months"#, 1, 23, "say how much"),
        (#"created > 2025-02-30"#, 1, 11, "not a day of the calendar"),
        (#"email = "x@y.z""#, 1, 7, "is set"),
        (#"name = "x"#, 1, 8, "never closed"),
    ])
    func errorsPointAtThePlaceAndSayHowToFix(text: String, line: Int, column: Int, hint: String) {
        do {
            _ = try SegmentParser.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(hint), "\(error)")
            #expect(error.description.contains("^"))
        }
    }

    @Test
    func theJSONFormSaysTheSameAndItsErrorsNameThePath() throws {
        let text = #"(country = "FR" or attributes.vip = true) and bought product "P1" between 2025-01-01 and 30 days ago and not event "complaint" in last 6 months >= 2"#
        let definition = try SegmentParser.parse(text)
        let json = SegmentJSON.encode(definition)
        let data = try JSONEncoder().encode(json)
        #expect(try SegmentDefinition.parse(String(decoding: data, as: UTF8.self)) == definition)
        #expect(try SegmentParser.parse(SegmentPrinter.text(definition)) == definition)

        let bad = #"{"all": [{"field": "country", "op": "=", "value": "FR"}, {"orders": {"windw": {"last": 3, "unit": "days"}}}]}"#
        #expect(throws: SegmentDefinitionError.self) { try SegmentDefinition.parse(bad) }
        do {
            _ = try SegmentDefinition.parse(bad)
        } catch let error as SegmentDefinitionError {
            #expect(error.path == "$.all[1].orders.windw")
            #expect(error.message.contains(#"did you mean "window"?"#))
        }
        do {
            _ = try SegmentDefinition.parse(#"{"field": "clv", "op": "=>", "value": 3}"#)
            Issue.record("parsed")
        } catch let error as SegmentDefinitionError {
            #expect(error.path == "$.op")
        }
    }

    @Test
    func windowsAndRelativeDaysFollowTheCalendar() {
        let calendar = EvaluationCalendar(today: CalendarDate(year: 2025, month: 3, day: 31)!)
        func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { CalendarDate(year: y, month: m, day: d)!.dayNumber }
        #expect(calendar.day(1, .months) == day(2025, 2, 28))
        #expect(calendar.day(13, .months) == day(2024, 2, 29))
        #expect(calendar.day(1, .years) == day(2024, 3, 31))
        #expect(calendar.days(.last(3, .days)) == day(2025, 3, 29) ... day(2025, 3, 31))
        #expect(calendar.days(.last(1, .months)) == day(2025, 3, 1) ... day(2025, 3, 31))
        #expect(calendar.days(.since(.ago(0, .days))) == day(2025, 3, 31) ... day(2025, 3, 31))
        #expect(calendar.days(.between(.date(CalendarDate(year: 2025, month: 3, day: 1)!), .ago(1, .weeks))) == day(2025, 3, 1) ... day(2025, 3, 24))
        // A window that starts after the evaluation day holds no day.
        #expect(!calendar.days(.since(.date(CalendarDate(year: 2025, month: 4, day: 2)!))).contains(day(2025, 3, 31)))
    }

    @Test(arguments: [(2025, CalendarUnit.years), (24_300, .months), (800_000, .days), (Int.max, .weeks), (Int.max, .years)])
    func windowsBeyondYearOneStopThere(count: Int, unit: CalendarUnit) {
        let calendar = EvaluationCalendar(today: CalendarDate(year: 2025, month: 3, day: 31)!)
        let first = CalendarDate(year: 1, month: 1, day: 1)!.dayNumber
        #expect(calendar.day(count, unit) == first)
        #expect(calendar.days(.last(count, unit)) == first + 1 ... calendar.today.dayNumber)
    }

    @Test(arguments: ["p_alive > 0.00001", "clv > 1000000000000000000", "monetary between -0.0000002 and 2e+20"])
    func printedDefinitionsReadBack(text: String) throws {
        let condition = try SegmentParser.parse(text)
        #expect(try SegmentParser.parse(SegmentPrinter.text(condition)) == condition)
    }

    @Test
    func errorsInDefinitionFilesWithWindowsLineEndsPointAtTheirLine() {
        #expect(throws: SegmentSyntaxError.self) { try SegmentParser.parse("country = \"FR\"\r\nand clv >") }
        do {
            _ = try SegmentParser.parse("country = \"FR\"\r\nand clv >")
        } catch {
            #expect(error.line == 2)
            #expect(error.sourceLine == "and clv >")
        }
    }
}
