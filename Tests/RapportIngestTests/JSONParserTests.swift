import Testing

@testable import RapportIngest

@Suite("Reading JSON")
struct JSONParserTests {
    @Test func readsEveryKindOfValueAndWritesCanonicalText() throws {
        let value = try JSONParser.parse(#" { "b": [1, -2.50, 1e3, true, false, null], "a": {"z": "x", "y": {}} , "c": "é\n" } "#)
        #expect(value.canonicalText == #"{"a":{"y":{},"z":"x"},"b":[1,-2.50,1e3,true,false,null],"c":"é\n"}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""tab\tquote\"slash\/u\u00e9 emoji \ud83d\ude00""#) == .string("tab\tquote\"slash/ué emoji 😀"))
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[1,]", "01", "1.", "-", "tru", "\"unclosed", "\"bad \\x escape\"",
        "\"\\ud83d alone\"", "{\"a\":1} trailing", "\"raw\tcontrol\"", "[1 2]",
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func scalarFieldsKeepTheirWriting() throws {
        #expect(try JSONParser.parse("12.50").fieldText == "12.50")
        #expect(try JSONParser.parse("true").fieldText == "true")
        #expect(try JSONParser.parse("null").fieldText == nil)
        #expect(try JSONParser.parse(#""C001""#).fieldText == "C001")
    }
}
