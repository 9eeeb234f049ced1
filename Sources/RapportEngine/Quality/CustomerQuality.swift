public import RapportCore

/// A customer's data quality: a score from 0 to 1 per dimension, an overall score from 0 to 100
/// (the mean of the four), and the issues found.
public struct CustomerQuality: Sendable, Hashable {
    public var customerID: Int64
    public var scores: [QualityDimension: Double]
    public var issues: [QualityIssue]

    public var overall: Double {
        100 * QualityDimension.allCases.reduce(0) { $0 + (scores[$1] ?? 0) } / Double(QualityDimension.allCases.count)
    }
}

/// Checks one customer's data on the four dimensions:
/// - **current**: the age of the record's last update — 1 up to a year, 0.75 up to two, 0.5 up to
///   three, 0.25 up to five, 0 beyond (the store keeps one update time per record, not per field);
/// - **complete**: required fields (a contact point, first and last name, country; weight 2) and
///   useful ones (birth date, postcode, city, gender, preferred channel, time zone; weight 1) filled;
/// - **correct**: syntax and plausibility — e-mail domains that are typing errors of common
///   providers or placeholders, phones from another country than the customer's, postcodes against
///   their country's format, birth dates in the future or giving an age outside 15–110, names with
///   digits; each error takes a third off, each warning a tenth;
/// - **unique**: 0 while the customer is in a duplicate pair waiting for review, else 1.
public struct QualityChecker: Sendable {
    public var asOf: Instant

    public init(asOf: Instant) {
        self.asOf = asOf
    }

    static let domainTypos: [String: String] = [
        "gmial.com": "gmail.com", "gmai.com": "gmail.com", "gamil.com": "gmail.com", "gnail.com": "gmail.com",
        "gmail.fr": "gmail.com", "gmaill.com": "gmail.com", "gmail.co": "gmail.com", "hotmial.com": "hotmail.com",
        "hotmal.com": "hotmail.com", "hotmail.con": "hotmail.com", "hotmai.fr": "hotmail.fr", "yahooo.fr": "yahoo.fr",
        "yaho.fr": "yahoo.fr", "yahoo.con": "yahoo.com", "orange.fe": "orange.fr", "orage.fr": "orange.fr",
        "wanadoo.ft": "wanadoo.fr", "wanado.fr": "wanadoo.fr", "outlok.com": "outlook.com", "outlook.fe": "outlook.fr",
        "free.fe": "free.fr", "sfr.fe": "sfr.fr", "laposte.fe": "laposte.net", "icloud.co": "icloud.com",
    ]
    static let placeholderDomains: Set<String> = ["example.com", "example.fr", "test.com", "test.fr", "email.com", "mail.com.invalid"]
    static let placeholderLocals: Set<String> = ["noreply", "no-reply", "test", "none", "nomail", "aucun", "xxx", "a"]

    /// The quality of the customer `row` (a `customers` row), given their latest consent per channel,
    /// whether they are restricted, and whether a duplicate pair of theirs waits for review.
    public func assess(_ row: [StoredValue], inPendingDuplicate: Bool) -> CustomerQuality {
        typealias C = CustomerColumns
        func text(_ index: Int) -> String? { row[index].textValue.flatMap { $0.isEmpty ? nil : $0 } }
        var issues: [QualityIssue] = []
        let id = row[C.id].integerValue ?? 0

        // Current
        let ageDays = max(0, (asOf.secondsSinceEpoch - (row[C.updatedAt].integerValue ?? 0)) / 86_400)
        let current: Double =
            switch ageDays {
            case ...365: 1
            case ...730: 0.75
            case ...1095: 0.5
            case ...1826: 0.25
            default: 0
            }
        if ageDays > 730 {
            issues.append(
                QualityIssue(
                    .current, ageDays > 1826 ? .error : .warning, field: "updated_at", code: "stale",
                    message: "not updated for \(ageDays) days: ask the customer to confirm their details"))
        }

        // Complete
        var filled = 0.0
        var total = 0.0
        func require(_ present: Bool, _ field: String, weight: Double) {
            total += weight
            if present {
                filled += weight
            } else {
                issues.append(
                    QualityIssue(
                        .complete, weight > 1 ? .error : .warning, field: field, code: "missing",
                        message: weight > 1 ? "\(field) is missing and required" : "\(field) is missing"))
            }
        }
        let email = text(C.email)
        let phone = text(C.phone)
        require(email != nil || phone != nil, "email or phone", weight: 2)
        require(text(C.firstName) != nil, "first_name", weight: 2)
        require(text(C.lastName) != nil, "last_name", weight: 2)
        require(text(C.country) != nil, "country", weight: 2)
        for field in [("birth_date", C.birthDate), ("postcode", C.postcode), ("city", C.city), ("gender", C.gender),
            ("preferred_channel", C.preferredChannel), ("timezone", C.timezone)]
        {
            require(text(field.1) != nil, field.0, weight: 1)
        }
        if let first = text(C.firstName), NameFolding.fold(first).count == 1 {
            issues.append(QualityIssue(.complete, .warning, field: "first_name", code: "initial_only", message: "first name is an initial only"))
            filled -= 1
        }

        // Correct
        if let email { issues += Self.emailIssues(email) }
        let country = text(C.country)
        if let phone, let country, let expected = Self.callingCode(of: country), !phone.hasPrefix("+" + expected) {
            issues.append(
                QualityIssue(
                    .correct, .warning, field: "phone", code: "phone_country",
                    message: "phone \(phone) is not a \(country) number (+\(expected)): check the country or the number"))
        }
        if let postcode = text(C.postcode), let country, PostcodeFormat.isValid(postcode, country: country) == false {
            issues.append(
                QualityIssue(
                    .correct, .error, field: "postcode", code: "postcode_format",
                    message: "postcode \(postcode) is not written as in \(country)"))
        }
        if let birth = text(C.birthDate), case let number = MatchRecord.dayNumber(birth), number != 0,
            let date = CalendarDate(year: Int(number / 10000), month: Int(number / 100 % 100), day: Int(number % 100))
        {
            let age = Double(asOf.dayNumber - Instant(date).dayNumber) / 365.25
            if age < 0 {
                issues.append(QualityIssue(.correct, .error, field: "birth_date", code: "birth_future", message: "birth date \(birth) is in the future"))
            } else if age < 15 || age > 110 {
                issues.append(
                    QualityIssue(
                        .correct, .error, field: "birth_date", code: "birth_implausible",
                        message: "birth date \(birth) gives an age of \(Int(age)): outside 15–110"))
            }
        }
        for (field, index) in [("first_name", C.firstName), ("last_name", C.lastName)] {
            if let name = text(index), name.contains(where: \.isNumber) {
                issues.append(QualityIssue(.correct, .error, field: field, code: "name_digits", message: "\(field) \(name) contains digits"))
            }
        }
        let errors = issues.filter { $0.dimension == .correct && $0.severity == .error }.count
        let warnings = issues.filter { $0.dimension == .correct && $0.severity == .warning }.count
        let correct = max(0, 1 - Double(errors) / 3 - Double(warnings) / 10)

        // Unique
        if inPendingDuplicate {
            issues.append(
                QualityIssue(
                    .unique, .error, field: "customer", code: "duplicate_candidate",
                    message: "may be the same person as another customer: decide in `rapport dedupe --review`"))
        }
        return CustomerQuality(
            customerID: id,
            scores: [.current: current, .complete: max(0, filled) / total, .correct: correct, .unique: inPendingDuplicate ? 0 : 1],
            issues: issues)
    }

    /// Typing errors of common providers and placeholder addresses.
    static func emailIssues(_ email: String) -> [QualityIssue] {
        guard let at = email.lastIndex(of: "@") else { return [] }
        let local = String(email[..<at])
        let domain = String(email[email.index(after: at)...])
        if let fixed = domainTypos[domain] {
            return [
                QualityIssue(
                    .correct, .error, field: "email", code: "email_domain_typo",
                    message: "\(email): the domain \(domain) looks like a typing error for \(fixed)")
            ]
        }
        if placeholderDomains.contains(domain) || placeholderLocals.contains(local) {
            return [QualityIssue(.correct, .error, field: "email", code: "email_placeholder", message: "\(email) is a placeholder, not an address")]
        }
        return []
    }

    /// The calling code of `country`, when Rapport knows its numbering plan.
    static func callingCode(of country: String) -> String? {
        PhoneNumber.callingCode(ofCountry: country)
    }

    /// Whether an e-mail address can be used: present and without a correctness error.
    static func usableEmail(_ email: String?) -> Bool {
        guard let email else { return false }
        return emailIssues(email).isEmpty
    }
}
