import RapportCore
import Testing

@Suite("Dates, times and numbers")
struct TimeAndNumberTests {
    @Test func dayNumbersRoundTrip() {
        for day in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            #expect(CalendarDate(dayNumber: day).dayNumber == day)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
    }

    @Test(arguments: [
        ("2025-03-14", 1_741_910_400),
        ("2025-03-14T09:30", 1_741_944_600),
        ("2025-03-14 09:30:15", 1_741_944_615),
        ("2025-03-14T09:30:15.250Z", 1_741_944_615),
        ("2025-03-14T10:30:15+01:00", 1_741_944_615),
        ("2025-03-14T04:30:15-0500", 1_741_944_615),
    ])
    func parsesISO8601(text: String, seconds: Int64) {
        #expect(ISO8601Parser.instant(text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: ["2025-02-30", "2025-13-01", "14/03/2025", "2025-03-14T25:00", "2025-03-14T09:30Zjunk", "", "20250314"])
    func refusesWhatIsNotISO8601(text: String) {
        #expect(ISO8601Parser.instant(text) == nil)
    }

    @Test func printsInstantsInUTC() {
        #expect(Instant(secondsSinceEpoch: 1_741_944_615).description == "2025-03-14T09:30:15Z")
        #expect(Instant(secondsSinceEpoch: -1).utcDate.description == "1969-12-31")
        #expect(Instant(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59Z")
        #expect(Instant(secondsSinceEpoch: 0).description == "1970-01-01T00:00:00Z")
        #expect(CalendarDate(year: 1, month: 1, day: 1)!.description == "0001-01-01")
        #expect(CalendarDate(year: 9999, month: 12, day: 31)!.description == "9999-12-31")
        // Every printed instant reads back as itself, across days, months and leap years.
        var seconds: Int64 = -2_000_000_000
        while seconds < 4_000_000_000 {
            let instant = Instant(secondsSinceEpoch: seconds)
            #expect(ISO8601Parser.instant(instant.description) == instant, "\(seconds)")
            seconds += 7_919_993
        }
    }

    @Test func datePatternsReadOtherLayouts() throws {
        let compact = try DatePattern("yyyyMMdd")
        #expect(parse(compact, "19970101")?.description == "1997-01-01T00:00:00Z")
        let french = try DatePattern("dd/MM/yyyy HH:mm")
        #expect(parse(french, "14/03/2025 09:30")?.description == "2025-03-14T09:30:00Z")
        #expect(parse(french, "31/02/2025 09:30") == nil)
        #expect(throws: ValidationError.self) { try DatePattern("dd/MM") }
        #expect(throws: ValidationError.self) { try DatePattern("yyyy-MM-ddTHH") }
    }

    private func parse(_ pattern: DatePattern, _ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { pattern.instant(UnsafeRawBufferPointer($0)) }
    }

    @Test(arguments: [
        ("12.50", 12.5), ("12,50", 12.5), ("0", 0), ("-3.2", -3.2), ("+7", 7), ("1e3", 1000),
        ("0.1", 0.1), ("123456789.123", 123_456_789.123), ("  ", nil), ("12a", nil), ("1,234.50", nil), ("€12", nil),
        ("", nil), ("1.2.3", nil),
    ] as [(String, Double?)])
    func parsesDecimals(text: String, value: Double?) {
        var text = text
        #expect(text.withUTF8 { DecimalParser.double(UnsafeRawBufferPointer($0)) } == value)
    }

    @Test func fingerprintsAreStableAcrossProcesses() {
        var a = Fingerprint()
        a.combine("C001")
        a.combine(Int64(42))
        a.combine(Double?.none)
        // A fixed value: FNV-1a does not depend on the process, unlike Hasher.
        #expect(a.value == 743_724_860_506_668_817)
        var b = Fingerprint()
        b.combine("C00")
        b.combine("1")
        #expect(b.value != a.value)
    }

    @Test func decimalsKeepTheSignOfSmallNegativeNumbers() {
        #expect(NumberText.decimal(-0.5, places: 1) == "-0.5")
        #expect(NumberText.decimal(-1234.56, places: 1) == "-1,234.6")
        #expect(NumberText.decimal(-0.04, places: 1) == "0.0")
        #expect(NumberText.decimal(2.25, places: 2) == "2.25")
        #expect(NumberText.decimal(-3, places: 0) == "-3")
    }
}
