import Foundation
import RapportCore
import Testing

@testable import RapportEngine

@Suite("Identity matching")
struct MatchingTests {
    @Test func jaroWinklerGivesTheValuesWinklerPublished() {
        func similarity(_ a: String, _ b: String) -> Double { JaroWinkler.similarity(Array(a.utf8), Array(b.utf8)) }
        #expect(abs(similarity("MARTHA", "MARHTA") - 0.961) < 0.001)
        #expect(abs(similarity("DWAYNE", "DUANE") - 0.84) < 0.001)
        #expect(abs(similarity("DIXON", "DICKSONX") - 0.813) < 0.001)
        #expect(similarity("", "") == 1)
        #expect(similarity("ABC", "") == 0)
        #expect(similarity("ABC", "XYZ") == 0)
    }

    @Test func foldingDropsAccentsCaseAndPunctuation() {
        #expect(NameFolding.folded("Hélène") == "helene")
        #expect(NameFolding.folded("  Jean-Pierre  O'Neill ") == "jean pierre o neill")
        #expect(NameFolding.folded("STRAßE Æsir Œuvre") == "strasse aesir oeuvre")
        #expect(NameFolding.folded("Łódź") == "lodz")
    }

    @Test func attributeTextReadsOneKeyOfCanonicalOrSpacedJSON() {
        #expect(AttributeText.value(of: "loyalty_card", in: #"{"a":1,"loyalty_card":"LC-12"}"#) == "LC-12")
        #expect(AttributeText.value(of: "loyalty_card", in: #"{"loyalty_card": 4412, "z": "x"}"#) == "4412")
        #expect(AttributeText.value(of: "loyalty_card", in: #"{"loyalty_card": null}"#) == nil)
        #expect(AttributeText.value(of: "loyalty_card", in: #"{"note":"loyalty_card"}"#) == nil)
    }

    static func person(
        _ id: Int64, _ first: String?, _ last: String?, email: String? = nil, phone: String? = nil, birth: String? = nil,
        postcode: String? = nil, city: String? = nil, gender: String? = nil, card: String? = nil
    ) -> MatchRecord {
        MatchRecord(
            id: id, externalID: "C\(id)", kind: .customer, firstName: first, lastName: last, email: email, phone: phone,
            loyaltyCard: card, birthDate: birth, gender: gender, postcode: postcode, city: city, country: "FR",
            createdAt: id, updatedAt: id)
    }

    @Test func swappedNamesAndATransposedBirthDateStillLookAlike() {
        let scorer = PairScorer(rules: MatchingRules())
        let a = Self.person(1, "Claire", "Martin", birth: "1980-03-04", postcode: "75011")
        let b = Self.person(2, "Martin", "Claire", birth: "1980-04-03", postcode: "75011")
        let explained = scorer.explain(a, b)
        #expect(explained.evidence.contains { $0.field == "names" && $0.outcome == .swapped })
        #expect(explained.evidence.contains { $0.field == "birth_date" && $0.outcome == .nearly })
        #expect(explained.score == scorer.score(a, b))
        #expect(explained.score == 10 + 3 + 4)
    }

    @Test func aMistypedEmailIsCloseButNumberedAddressesDiffer() {
        #expect(PairScorer.isTypingError("julie.bernard@free.fr", "julie.bernrad@free.fr"))
        #expect(PairScorer.isTypingError("julie.bernard@free.fr", "julie.bernardd@free.fr"))
        #expect(!PairScorer.isTypingError("julie.bernard@free.fr", "julie.bernard@orange.fr"))
        #expect(!PairScorer.isTypingError("jean.martin1@free.fr", "jean.martin2@free.fr"))
        #expect(!PairScorer.isTypingError("jean.martin@free.fr", "jean.martin7@free.fr"))
        #expect(!PairScorer.isTypingError("emma.bertin@hotmail.fr", "emmabertin@hotmail.fr"))
        #expect(!PairScorer.isTypingError("emma_bertin@hotmail.fr", "emma.bertin@hotmail.fr"))
        let scorer = PairScorer(rules: MatchingRules())
        let a = Self.person(1, "Julie", "Bernard", email: "julie.bernard@free.fr", phone: "+33611223344")
        let b = Self.person(2, "Julie", "Bernard", email: "julie.bernrad@free.fr", phone: "+33611223345")
        let evidence = scorer.explain(a, b).evidence
        #expect(evidence.contains { $0.field == "email" && $0.outcome == .close && $0.weight == 8 })
        #expect(evidence.contains { $0.field == "phone" && $0.outcome == .close && $0.weight == 1 })
    }

    @Test func familyMembersSharingAPhoneAndAnAddressAreNotMerged() {
        let rules = MatchingRules()
        let father = Self.person(1, "Jacques", "Lefebvre", phone: "+33144556677", birth: "1960-01-02", postcode: "69003", city: "Lyon", gender: "male")
        let daughter = Self.person(2, "Lucie", "Lefebvre", phone: "+33144556677", birth: "1992-07-08", postcode: "69003", city: "Lyon", gender: "female")
        let score = PairScorer(rules: rules).score(father, daughter)
        #expect(score < rules.reviewThreshold)
        let findings = DuplicateFinder(rules: rules).find(in: [father, daughter])
        #expect(findings.merges.isEmpty)
        #expect(findings.review.isEmpty)
    }

    @Test func typedTwiceIsMergedIntoTheOldestCustomerAndNamesakesGoToReviewAtMost() {
        let records = [
            Self.person(1, "Émilie", "Durand", email: "emilie.durand@gmail.com", birth: "1985-05-06", postcode: "33000"),
            Self.person(2, "Emilie", "Durrand", email: "emilie.durand@gmail.com", postcode: "33000"),
            Self.person(3, "Paul", "Girard", phone: "+33655443322", postcode: "59000", city: "Lille"),
            Self.person(4, "Paul", "Girard", phone: "+33655443322", city: "Lille"),
            // Namesakes in one town, nothing else in common.
            Self.person(5, "Marie", "Martin", postcode: "44000", city: "Nantes"),
            Self.person(6, "Marie", "Martin", postcode: "44000", city: "Nantes"),
            // Another Marie Martin, born on another day.
            Self.person(7, "Marie", "Martin", birth: "1970-01-01", postcode: "44000", city: "Nantes"),
            Self.person(8, "Marie", "Martin", birth: "1990-09-09", postcode: "44000", city: "Nantes"),
        ]
        let findings = DuplicateFinder(rules: MatchingRules()).find(in: records)
        #expect(Set(findings.merges.map { CustomerPair($0.survivorID, $0.absorbedID) }) == [CustomerPair(1, 2), CustomerPair(3, 4)])
        #expect(findings.merges.allSatisfy { $0.survivorID < $0.absorbedID })
        #expect(findings.review.contains { $0.pair == CustomerPair(5, 6) })
        #expect(!findings.review.contains { $0.pair == CustomerPair(7, 8) })
        #expect(!findings.merges.contains { $0.absorbedID == 8 || $0.absorbedID == 6 })
    }

    @Test func aRejectedPairIsNeverLinkedAgain() {
        let records = [
            Self.person(1, "Anne", "Leroy", email: "anne.leroy@free.fr", birth: "1977-02-03"),
            Self.person(2, "Anne", "Leroy", email: "anne.leroy@free.fr", birth: "1977-02-03"),
        ]
        let finder = DuplicateFinder(rules: MatchingRules())
        #expect(finder.find(in: records).merges.count == 1)
        let after = finder.find(in: records, rejected: [CustomerPair(2, 1)])
        #expect(after.merges.isEmpty && after.review.isEmpty)
    }

    @Test func aChainLargerThanTheLargestGroupGoesToReview() {
        var rules = MatchingRules()
        rules.largestGroup = 2
        let records = (1...3).map { Self.person(Int64($0), "Léa", "Roux", email: "lea.roux@orange.fr", birth: "2000-01-01") }
        let findings = DuplicateFinder(rules: rules).find(in: records)
        #expect(findings.merges.isEmpty)
        #expect(findings.review.count == 3)
    }

    @Test func aBlockTooCommonIsSkippedAndCounted() {
        var rules = MatchingRules()
        rules.largestBlock = 3
        let records = (1...5).map { Self.person(Int64($0), "X\($0)", "Y\($0)", phone: "+33100000000") }
        let findings = DuplicateFinder(rules: rules).find(in: records)
        #expect(findings.skippedBlocks == 1)
        #expect(findings.comparedPairs == 0)
    }

    @Test func rulesFilesNameWhatIsWrong() throws {
        let directory = NSTemporaryDirectory() + "rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let good = directory + "/good.json"
        try #"{"automaticThreshold": 20, "survivorship": {"email": "survivor"}}"#.write(toFile: good, atomically: true, encoding: .utf8)
        let rules = try MatchingRules.load(from: good)
        #expect(rules.automaticThreshold == 20)
        #expect(rules.reviewThreshold == 10)
        #expect(rules.survivorship.email == .survivor)
        #expect(rules.survivorship.names == .mostComplete)

        let unknown = directory + "/unknown.json"
        try #"{"automaticTreshold": 20}"#.write(toFile: unknown, atomically: true, encoding: .utf8)
        #expect { try MatchingRules.load(from: unknown) } throws: { "\($0)".contains("unknown setting 'automaticTreshold'") }
        let nested = directory + "/nested.json"
        try #"{"survivorship": {"email": "newest"}}"#.write(toFile: nested, atomically: true, encoding: .utf8)
        #expect { try MatchingRules.load(from: nested) } throws: { "\($0)".contains("survivorship.email") }
        let inverted = directory + "/inverted.json"
        try #"{"reviewThreshold": 30}"#.write(toFile: inverted, atomically: true, encoding: .utf8)
        #expect { try MatchingRules.load(from: inverted) } throws: { "\($0)".contains("reviewThreshold 30.0 above automaticThreshold 18.0") }
    }

    @Test func survivorshipTakesEachGroupByItsRuleAndKeepsTheStrongerKind() {
        typealias C = CustomerColumns
        func row(_ values: [String: StoredValue]) -> [StoredValue] {
            C.table.columns.map { values[$0.name] ?? .null }
        }
        let survivor = row([
            "id": .integer(1), "external_id": .text("C1"), "kind": .text("prospect"), "first_name": .text("J."),
            "last_name": .text("Morel"), "email": .text("old@example.fr"), "postcode": .text("75001"), "city": .text("Paris"),
            "created_at": .integer(100), "updated_at": .integer(200), "attributes": .text(#"{"a":"1","b":"x"}"#),
            "fingerprint": .integer(9),
        ])
        let absorbed = row([
            "id": .integer(2), "external_id": .text("C2"), "kind": .text("customer"), "first_name": .text("Julien"),
            "last_name": .text("Morel"), "email": .text("new@example.fr"), "phone": .text("+33611223344"),
            "postcode": .text("13001"), "city": .text("Marseille"), "created_at": .integer(50), "updated_at": .integer(300),
            "attributes": .text(#"{"b":"y","c":"2"}"#), "fingerprint": .integer(8),
        ])
        let merged = SurvivorshipRules().merged(survivor: survivor, absorbed: absorbed, now: Instant(secondsSinceEpoch: 999))
        #expect(merged[C.firstName] == .text("Julien"))
        #expect(merged[C.email] == .text("new@example.fr"))
        #expect(merged[C.phone] == .text("+33611223344"))
        #expect(merged[C.postcode] == .text("13001") && merged[C.city] == .text("Marseille"))
        #expect(merged[C.kind] == .text("customer"))
        #expect(merged[C.createdAt] == .integer(50))
        #expect(merged[C.updatedAt] == .integer(999))
        #expect(merged[C.externalID] == .text("C1") && merged[C.id] == .integer(1) && merged[C.table.index(of: "fingerprint")] == .integer(9))
        #expect(merged[C.attributes] == .text(#"{"a":"1","b":"y","c":"2"}"#))
    }
}
