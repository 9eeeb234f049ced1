import RapportCore
import Testing

@testable import RapportEngine

@Suite("Consent, privacy and data quality rules")
struct PrivacyAndQualityTests {
    @Test func marketingNeedsAGrantedConsentInForce() {
        func decide(_ purpose: ContactPurpose, data: Bool = true, _ consent: ConsentStatus?, _ restriction: ContactRestriction? = nil) -> ContactDecision {
            ContactEligibility.decide(purpose: purpose, hasUsableData: data, consent: consent, restriction: restriction)
        }
        #expect(decide(.marketing, .granted) == .allowed)
        #expect(decide(.marketing, nil) == .noConsent)
        #expect(decide(.marketing, .denied) == .noConsent)
        #expect(decide(.marketing, .revoked) == .noConsent)
        #expect(decide(.marketing, data: false, .granted) == .noData)
        #expect(decide(.marketing, .granted, .doNotContact) == .doNotContact)
        #expect(decide(.transactional, nil) == .allowed)
        #expect(decide(.transactional, .revoked, .doNotContact) == .allowed)
        #expect(decide(.transactional, .granted, .erased) == .erased)
        #expect(decide(.marketing, .granted, .erased) == .erased)
    }

    @Test func postcodesFollowTheirCountrysFormat() {
        #expect(PostcodeFormat.isValid("75011", country: "FR") == true)
        #expect(PostcodeFormat.isValid("7501", country: "FR") == false)
        #expect(PostcodeFormat.isValid("00100", country: "FR") == false)
        #expect(PostcodeFormat.isValid("SW1A 1AA", country: "GB") == true)
        #expect(PostcodeFormat.isValid("EC1A1BB", country: "GB") == true)
        #expect(PostcodeFormat.isValid("12345", country: "GB") == false)
        #expect(PostcodeFormat.isValid("1000", country: "BE") == true)
        #expect(PostcodeFormat.isValid("1012 AB", country: "NL") == true)
        #expect(PostcodeFormat.isValid("1012", country: "NL") == false)
        #expect(PostcodeFormat.isValid("53001", country: "ES") == false)
        #expect(PostcodeFormat.isValid("K1A 0B1", country: "CA") == true)
        #expect(PostcodeFormat.isValid("whatever", country: "ZZ") == nil)
    }

    static let asOf = Instant(CalendarDate(year: 2026, month: 6, day: 1)!)

    static func row(_ values: [String: StoredValue]) -> [StoredValue] {
        var defaults: [String: StoredValue] = [
            "id": .integer(1), "external_id": .text("C1"), "kind": .text("customer"), "first_name": .text("Ana"),
            "last_name": .text("Lopes"), "email": .text("ana@gmail.com"), "phone": .text("+33611223344"),
            "birth_date": .text("1980-01-01"), "gender": .text("female"), "postcode": .text("75011"), "city": .text("Paris"),
            "country": .text("FR"), "timezone": .text("Europe/Paris"), "preferred_channel": .text("email"),
            "created_at": .integer(asOf.secondsSinceEpoch - 86_400), "updated_at": .integer(asOf.secondsSinceEpoch - 86_400),
            "attributes": .text("{}"), "fingerprint": .integer(0),
        ]
        defaults.merge(values) { $1 }
        return CustomerColumns.table.columns.map { defaults[$0.name] ?? .null }
    }

    @Test func aCleanRecentCompleteRecordScoresAHundred() {
        let quality = QualityChecker(asOf: Self.asOf).assess(Self.row([:]), inPendingDuplicate: false)
        #expect(quality.issues.isEmpty)
        #expect(quality.overall == 100)
    }

    @Test func eachDimensionFindsItsIssues() {
        let old = Self.asOf.secondsSinceEpoch - 4 * 365 * 86_400
        let row = Self.row([
            "email": .text("ana@gmial.com"), "phone": .text("+447700900123"), "postcode": .text("7501"),
            "birth_date": .text("2019-05-05"), "last_name": .text("L0pes"), "gender": .null, "updated_at": .integer(old),
        ])
        let quality = QualityChecker(asOf: Self.asOf).assess(row, inPendingDuplicate: true)
        let codes = Set(quality.issues.map(\.code))
        #expect(codes == ["stale", "missing", "email_domain_typo", "phone_country", "postcode_format", "birth_implausible", "name_digits", "duplicate_candidate"])
        #expect(quality.scores[.current] == 0.25)
        #expect(quality.scores[.correct] == 0)
        #expect(quality.scores[.unique] == 0)
        #expect(quality.scores[.complete]! < 1)
        #expect(quality.issues.first { $0.code == "email_domain_typo" }?.message.contains("gmail.com") == true)
    }

    @Test func mobilePrefixesDecideWhetherSMSCanReach() {
        #expect(ReachableData.isMobile("+33612345678"))
        #expect(!ReachableData.isMobile("+33144556677"))
        #expect(ReachableData.isMobile("+447700900123"))
        #expect(!ReachableData.isMobile("+442079460000"))
        #expect(!ReachableData.isMobile("+351212345678"))
        #expect(ReachableData.isMobile("+15551234567"))
    }
}
