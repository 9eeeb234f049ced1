import Foundation

/// A deliberate fault in a customer row, for exercising the importer's checks and rejects.
enum DemoFlaw: UInt8, Sendable, CaseIterable {
    case none
    /// `marie.dupont@@gmail.com`
    case emailDoubleAt
    /// `marie.dupont@`, `marie.dupont@gmail`
    case emailNoDomain
    /// Digits missing: `06 12 34 5`
    case phoneTooShort
    /// A letter among the digits: `06 12 3O 56 78`
    case phoneLetters
    /// `XX`, `UK`
    case countryUnknown
    /// Three letters: `FRA`, `GBR`
    case countryAlpha3
    /// A birth date years after the end of the data
    case birthFuture
    /// `31/02/1990`, `1985-13-07`
    case birthNotDate
    /// The same person entered again under another identifier
    case duplicate

    static let errors: [DemoFlaw] = [
        .emailDoubleAt, .emailNoDomain, .phoneTooShort, .phoneLetters, .countryUnknown, .countryAlpha3,
        .birthFuture, .birthNotDate,
    ]
}

/// Who a person is, as they would tell it: the clean identity a duplicate is copied from.
struct DemoIdentity: Sendable {
    var first: String
    var last: String
    var female: Bool
    /// Lower-case address, or empty when the shop does not know it.
    var email: String
    var phone: DemoPhone?
    var phoneStyle: Int
    var country: DemoCountry
    var city: Int
    var postcode: String
    /// Birth date as (year, month, day), or nil when not given.
    var birth: (Int, Int, Int)?
}

/// A row of customers.csv, with the identity it was written from.
struct DemoPerson: Sendable {
    let number: Int
    let isCustomer: Bool
    var identity: DemoIdentity
    var flaw: DemoFlaw
    /// The e-mail as written in the file; `emailUsable` is false when it is missing or broken.
    var emailText: String
    var emailUsable: Bool
    var phoneText: String
    var birthText: String
    var genderText: String
    var countryText: String
    var timezone: String
    var preferredChannel: String
    var createdAt: Int64 = 0
    var loyaltyCard = ""
    var acquisition = ""

    var hasPhone: Bool { !phoneText.isEmpty }
}

/// Makes the people of the demo: names, addresses, e-mails and phones that fit together, with about
/// 1.5 % of rows carrying a deliberate error and about 1 % being the re-entry of an earlier person.
///
/// Guarantees: e-mail addresses of distinct people differ (a duplicate reuses its original's, maybe
/// in another case); every error kind appears at least once from 200 people up.
struct DemoPeople {
    private(set) var identities: [DemoIdentity] = []
    private var flaws: [DemoFlaw]
    private var usedEmails: Set<String> = []
    private let futureYear: Int

    init(count: Int, endYear: Int, rng: inout DemoRandom) {
        identities.reserveCapacity(count)
        usedEmails.reserveCapacity(count)
        futureYear = max(endYear + 2, 2030)
        flaws = Array(repeating: .none, count: count)
        let errorCount = count >= 200 ? max(DemoFlaw.errors.count, count * 15 / 1000) : count * 15 / 1000
        let duplicateCount = count >= 200 ? max(4, count / 100) : count / 100
        let first = min(count, 10)
        var candidates = Array(first..<count)
        let wanted = min(candidates.count, errorCount + duplicateCount)
        for k in 0..<wanted {
            let j = k + rng.int(candidates.count - k)
            candidates.swapAt(k, j)
            let position = candidates[k]
            if k < errorCount {
                flaws[position] = k < DemoFlaw.errors.count ? DemoFlaw.errors[k] : rng.pick(DemoFlaw.errors)
            } else {
                flaws[position] = .duplicate
            }
        }
    }

    /// The person of row `index` (0-based; the identifier is `C` and index + 1 on six digits).
    mutating func person(_ index: Int, isCustomer: Bool, rng: inout DemoRandom) -> DemoPerson {
        var flaw = flaws[index]
        var identity: DemoIdentity
        var phoneStyle = DemoPhone.randomStyle(&rng)
        var emailText: String
        if flaw == .duplicate, let original = duplicateSource(before: index, rng: &rng) {
            (identity, emailText, phoneStyle) = reentered(identities[original], rng: &rng)
        } else {
            if flaw == .duplicate { flaw = .none }
            identity = newIdentity(isCustomer: isCustomer, rng: &rng)
            emailText = identity.email
        }
        identity.phoneStyle = phoneStyle
        identities.append(identity)

        var person = DemoPerson(
            number: index + 1, isCustomer: isCustomer, identity: identity, flaw: flaw, emailText: emailText,
            emailUsable: !emailText.isEmpty, phoneText: identity.phone?.write(style: phoneStyle) ?? "",
            birthText: "", genderText: "", countryText: identity.country.code, timezone: identity.country.timezone,
            preferredChannel: "")
        if let (y, m, d) = identity.birth {
            var text = DemoText(capacity: 10)
            text.date(year: y, month: m, day: d)
            person.birthText = String(decoding: text.bytes, as: UTF8.self)
        }
        switch rng.weighted([0.85, 0.05, 0.02, 0.07, 0.01]) {
        case 0: person.genderText = identity.female ? "female" : "male"
        case 1: person.genderText = identity.female ? "F" : "M"
        case 2: person.genderText = identity.female ? "f" : "m"
        case 3: person.genderText = ""
        default: person.genderText = "other"
        }
        let countryStyle = rng.uniform()
        if countryStyle < 0.03 {
            person.countryText = person.countryText.lowercased()
        } else if countryStyle < 0.05 && identity.country == .fr {
            person.countryText = ""
        }
        if rng.chance(0.12) { person.timezone = "" }
        var channels: [String] = []
        var weights: [Double] = []
        if person.emailUsable {
            channels.append("email")
            weights.append(0.55)
        }
        if person.hasPhone {
            channels += ["sms", "phone"]
            weights += [0.15, 0.04]
        }
        channels += ["mail", "push", ""]
        weights += [0.06, 0.05, 0.15]
        person.preferredChannel = channels[rng.weighted(weights)]
        applyFlaw(to: &person, rng: &rng)
        return person
    }

    private func duplicateSource(before index: Int, rng: inout DemoRandom) -> Int? {
        guard index > 0 else { return nil }
        for _ in 0..<30 {
            let j = rng.int(index)
            if flaws[j] == .none, !identities[j].email.isEmpty || identities[j].phone != nil { return j }
        }
        return nil
    }

    /// A new person, living somewhere plausible, with a name that fits the country.
    private mutating func newIdentity(isCustomer: Bool, rng: inout DemoRandom) -> DemoIdentity {
        let country = DemoCountry(rawValue: rng.weighted(DemoCountry.weights)) ?? .fr
        let city = DemoPlaces.city(in: country, rng: &rng)
        let english = country == .gb ? rng.chance(0.93) : rng.chance(0.03)
        var (first, female, last) = DemoNames.person(english: english, rng: &rng)
        if rng.chance(0.03) { last = last.uppercased() }
        var birth: (Int, Int, Int)?
        if rng.chance(0.85) {
            let year = min(2006, 1940 + Int(67 * rng.beta(2.4, 2.0)))
            let month = rng.int(in: 1...12)
            birth = (year, month, rng.int(in: 1...DemoCalendar.daysIn(month: month, year: year)))
        }
        var identity = DemoIdentity(
            first: first, last: last, female: female, email: "", phone: nil, phoneStyle: 0, country: country,
            city: city, postcode: DemoPlaces.postcode(of: DemoPlaces.cities[city], rng: &rng), birth: birth)
        if rng.chance(isCustomer ? 0.92 : 0.99) {
            identity.email = newEmail(first: first, last: last, birthYear: birth?.0, country: country, rng: &rng)
        }
        if rng.chance(isCustomer ? 0.75 : 0.35) {
            identity.phone = DemoPhone.random(in: DemoPlaces.cities[city], rng: &rng)
        }
        if identity.email.isEmpty && identity.phone == nil && !isCustomer {
            identity.email = newEmail(first: first, last: last, birthYear: birth?.0, country: country, rng: &rng)
        }
        return identity
    }

    /// An address derived from the name, unique among the people made so far.
    private mutating func newEmail(
        first: String, last: String, birthYear: Int?, country: DemoCountry, rng: inout DemoRandom
    ) -> String {
        let f = DemoNames.folded(first)
        let l = DemoNames.folded(last)
        let initial = String(f.prefix(1))
        let year = birthYear.map { String($0 % 100 < 10 ? "0" : "") + String($0 % 100) } ?? String(rng.int(in: 10...99))
        let local: String
        switch rng.weighted([0.40, 0.10, 0.12, 0.10, 0.05, 0.06, 0.05, 0.12]) {
        case 0: local = f + "." + l
        case 1: local = f + l
        case 2: local = initial + "." + l
        case 3: local = f + "." + l + year
        case 4: local = f + "_" + l
        case 5: local = l + "." + f
        case 6: local = f + "." + String(l.prefix(1)) + String(rng.int(in: 1...99))
        default: local = f + (birthYear.map(String.init) ?? year)
        }
        let domain = DemoNames.domain(for: country, rng: &rng)
        var address = local + "@" + domain
        var attempt = 0
        while usedEmails.contains(address) {
            attempt += 1
            let suffix = attempt < 5 ? String(rng.int(in: 1...99)) : String(rng.int(in: 100...99_999))
            address = local + suffix + "@" + (attempt % 3 == 2 ? DemoNames.domain(for: country, rng: &rng) : domain)
        }
        usedEmails.insert(address)
        return address
    }

    /// The same person typed in again: the same e-mail in another case, the same phone written
    /// differently, or a name spelt slightly differently. Returns the identity, the e-mail as
    /// written and the phone style.
    private mutating func reentered(_ original: DemoIdentity, rng: inout DemoRandom) -> (DemoIdentity, String, Int) {
        var copy = original
        var email = original.email
        var style = original.phoneStyle
        let variant = original.email.isEmpty ? 1 : (original.phone == nil ? (rng.chance(0.5) ? 0 : 2) : rng.int(3))
        switch variant {
        case 0:
            email = DemoPeople.recased(original.email, rng: &rng)
            if copy.phone != nil && rng.chance(0.5) { copy.phone = nil }
        case 1:
            style = (original.phoneStyle + 1 + rng.int(5)) % 6
            if !original.email.isEmpty && rng.chance(0.6) {
                copy.email = ""
                email = ""
            }
            if rng.chance(0.3) { copy.last = copy.last.uppercased() }
        default:
            let (first, last) = DemoPeople.misspelt(first: original.first, last: original.last, rng: &rng)
            copy.first = first
            copy.last = last
            if email.isEmpty || rng.chance(0.3) { style = (original.phoneStyle + 1) % 6 }
        }
        if rng.chance(0.3) { copy.birth = nil }
        return (copy, email, style)
    }

    /// `marie.dupont@gmail.com` -> `Marie.Dupont@Gmail.com` or `MARIE.DUPONT@GMAIL.COM`.
    static func recased(_ email: String, rng: inout DemoRandom) -> String {
        if rng.chance(0.3) { return email.uppercased() }
        var out = ""
        var startOfWord = true
        for character in email {
            out += startOfWord ? character.uppercased() : String(character)
            startOfWord = character == "." || character == "@" || character == "_" || character == "-"
        }
        return out == email ? email.uppercased() : out
    }

    /// A slightly different spelling: accents dropped, a hyphen turned into a space, or a letter of
    /// the last name doubled or dropped.
    static func misspelt(first: String, last: String, rng: inout DemoRandom) -> (String, String) {
        let plainFirst = DemoNames.unaccented(first)
        if plainFirst != first && rng.chance(0.7) { return (plainFirst, last) }
        if first.contains("-") && rng.chance(0.7) {
            return (first.replacingOccurrences(of: "-", with: " "), last)
        }
        let plainLast = DemoNames.unaccented(last)
        if plainLast != last && rng.chance(0.6) { return (first, plainLast) }
        var letters = Array(last)
        guard letters.count > 3 else { return (first, last + "e") }
        let position = 1 + rng.int(letters.count - 2)
        if rng.chance(0.5) {
            letters.insert(letters[position], at: position)
        } else {
            letters.remove(at: position)
        }
        return (first, String(letters))
    }

    /// Writes the person's deliberate error into the row's text.
    private func applyFlaw(to person: inout DemoPerson, rng: inout DemoRandom) {
        let identity = person.identity
        func localPart() -> String {
            if let at = identity.email.firstIndex(of: "@") { return String(identity.email[..<at]) }
            return DemoNames.folded(identity.first) + "." + DemoNames.folded(identity.last)
        }
        func writtenPhone() -> String {
            if !person.phoneText.isEmpty { return person.phoneText }
            return DemoPhone.random(in: DemoPlaces.cities[identity.city], rng: &rng).write(style: 0)
        }
        switch person.flaw {
        case .none, .duplicate:
            return
        case .emailDoubleAt:
            let domain = identity.email.split(separator: "@").last.map(String.init) ?? "example.fr"
            person.emailText = localPart() + "@@" + domain
            person.emailUsable = false
        case .emailNoDomain:
            let domain = identity.email.split(separator: "@").last.map(String.init) ?? "gmail.com"
            switch rng.int(3) {
            case 0: person.emailText = localPart() + "@"
            case 1: person.emailText = localPart() + "@" + (domain.split(separator: ".").first.map(String.init) ?? "gmail")
            default: person.emailText = localPart() + "." + domain
            }
            person.emailUsable = false
        case .phoneTooShort:
            let text = writtenPhone()
            var digitsToDrop = 2 + rng.int(3)
            var characters = Array(text)
            while digitsToDrop > 0, let last = characters.last {
                if last.isNumber { digitsToDrop -= 1 }
                characters.removeLast()
            }
            while let last = characters.last, !last.isNumber { characters.removeLast() }
            person.phoneText = String(characters)
        case .phoneLetters:
            var characters = Array(writtenPhone())
            let digitPositions = characters.indices.filter { characters[$0].isNumber }.dropFirst(3)
            if let position = digitPositions.isEmpty ? nil : Array(digitPositions)[rng.int(digitPositions.count)] {
                characters[position] = characters[position] == "0" ? "O" : rng.pick(["I", "S", "B", "l"])
                if rng.chance(0.3), position + 1 < characters.count, characters[position + 1].isNumber {
                    characters[position + 1] = "O"
                }
            }
            person.phoneText = String(characters)
        case .countryUnknown:
            person.countryText = identity.country == .gb && rng.chance(0.7) ? "UK" : "XX"
        case .countryAlpha3:
            let alpha3 = ["FRA", "GBR", "BEL", "CHE"]
            person.countryText = alpha3[identity.country.rawValue]
        case .birthFuture:
            let month = rng.int(in: 1...12)
            var text = DemoText(capacity: 10)
            text.date(year: futureYear + rng.int(5), month: month, day: rng.int(in: 1...28))
            person.birthText = String(decoding: text.bytes, as: UTF8.self)
        case .birthNotDate:
            let year = identity.birth?.0 ?? 1990
            switch rng.int(3) {
            case 0: person.birthText = "31/02/" + String(year)
            case 1: person.birthText = String(year) + "-13-" + (rng.chance(0.5) ? "07" : "21")
            default: person.birthText = String(year) + "-02-30"
            }
        }
    }

    /// Writes the header of customers.csv.
    static func writeHeader(_ out: inout DemoText) {
        out.ascii(
            "customer_id,kind,first_name,last_name,email,phone,birth_date,gender,postcode,city,country,timezone,preferred_channel,created_at,attr.loyalty_card,attr.acquisition_source\n"
        )
    }

    /// Writes the person's row (without the line end).
    static func write(_ person: DemoPerson, _ out: inout DemoText) {
        out.identifier(UInt8(ascii: "C"), person.number, width: 6)
        out.comma()
        out.ascii(person.isCustomer ? "customer" : "prospect")
        out.comma()
        out.field(person.identity.first)
        out.comma()
        out.field(person.identity.last)
        out.comma()
        out.field(person.emailText)
        out.comma()
        out.field(person.phoneText)
        out.comma()
        out.field(person.birthText)
        out.comma()
        out.field(person.genderText)
        out.comma()
        out.field(person.identity.postcode)
        out.comma()
        out.field(DemoPlaces.cities[person.identity.city].name)
        out.comma()
        out.field(person.countryText)
        out.comma()
        out.field(person.timezone)
        out.comma()
        out.field(person.preferredChannel)
        out.comma()
        out.instant(person.createdAt)
        out.comma()
        out.field(person.loyaltyCard)
        out.comma()
        out.field(person.acquisition)
    }
}
