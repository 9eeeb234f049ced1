import RapportCore
import Testing

@Suite("E-mail, phone and country validation")
struct ContactDetailsTests {
    @Test(arguments: [
        ("Claire.Martin@Example.fr", "claire.martin@example.fr"),
        ("  o'brien+news@mail.example.co.uk ", "o'brien+news@mail.example.co.uk"),
        ("hélène@exemple.fr", "hélène@exemple.fr"),
    ])
    func acceptsAndLowercasesEmails(written: String, stored: String) throws {
        #expect(try EmailAddress(written).value == stored)
    }

    @Test(arguments: [
        "marie.dupont@@example.fr", "marie.dupont", "marie@example", "@example.fr", "marie.@example.fr",
        "ma..rie@example.fr", "marie@exa_mple.fr", "marie@example.f", "marie dupont@example.fr", "marie@-example.fr",
    ])
    func refusesMalformedEmails(written: String) {
        #expect(throws: ValidationError.self) { try EmailAddress(written) }
    }

    @Test func emailErrorSaysWhatToFix() {
        do {
            _ = try EmailAddress("marie.dupont@@example.fr")
            Issue.record("accepted a doubled @")
        } catch {
            #expect(error.field == "email")
            #expect(error.value == "marie.dupont@@example.fr")
            #expect(error.reason.contains("exactly one @"))
        }
    }

    @Test(arguments: [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "FR", "+33612345678"),
        ("0033 6 12 34 56 78", "GB", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "FR", "+33612345678"),
        ("07700 900123", "GB", "+447700900123"),
        ("+44 20 7946 0958", "FR", "+442079460958"),
        ("02 123 45 67", "BE", "+3221234567"),
        ("(415) 555-2671", "US", "+14155552671"),
        ("+1 415 555 2671", "FR", "+14155552671"),
        ("+81 3-1234-5678", "FR", "+81312345678"),
    ])
    func normalisesPhonesToE164(written: String, country: String, e164: String) throws {
        #expect(try PhoneNumber(written, defaultCountry: country).e164 == e164)
    }

    @Test(arguments: [
        ("06 12 34", "FR"), ("06 12 34 56 78 90", "FR"), ("6 12 34 56 78", "FR"), ("06 12 AB 56 78", "FR"),
        ("", "FR"), ("+33 6 12 34", "GB"), ("0612345678", "ZZ"),
    ])
    func refusesImpossiblePhones(written: String, country: String) {
        #expect(throws: ValidationError.self) { try PhoneNumber(written, defaultCountry: country) }
    }

    @Test func countryCodesAreISO() throws {
        #expect(try CountryCode("fr").value == "FR")
        #expect(try CountryCode(" gb ").value == "GB")
        #expect(throws: ValidationError.self) { try CountryCode("XX") }
        do {
            _ = try CountryCode("FRA")
        } catch {
            #expect(error.reason.contains("FR, not FRA"))
        }
    }

    @Test func vocabularyAcceptsUsualSpellings() throws {
        #expect(try ConsentStatus("Opt-In") == .granted)
        #expect(try ConsentStatus("no") == .denied)
        #expect(try ContactChannel("E-mail") == .email)
        #expect(try Gender("F") == .female)
        #expect(try OrderStatus("canceled") == .cancelled)
        #expect(throws: ValidationError.self) { try ConsentStatus("maybe") }
        #expect(try Token("Cart Abandoned", field: "type").value == "cart_abandoned")
        #expect(throws: ValidationError.self) { try Token("9lives", field: "type") }
    }
}
