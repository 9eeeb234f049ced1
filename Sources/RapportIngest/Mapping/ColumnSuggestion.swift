/// The likely intended name for a column: a known synonym, or a name at most two edits away.
enum ColumnSuggestion {
    static let synonyms: [String: [String]] = [
        "customer_id": ["id", "client_id", "customer", "customerid", "client", "cust_id", "customer_number", "contact_id"],
        "order_id": ["order", "orderid", "order_number", "order_no", "transaction_id", "invoice"],
        "email": ["e-mail", "mail", "email_address", "courriel"],
        "phone": ["telephone", "tel", "mobile", "phone_number", "portable"],
        "placed_at": ["date", "order_date", "created", "timestamp", "datetime", "purchase_date"],
        "total": ["amount", "value", "dollar_value", "revenue", "order_total", "montant"],
        "first_name": ["firstname", "given_name", "prenom", "prénom"],
        "last_name": ["lastname", "surname", "family_name", "nom"],
        "birth_date": ["birthdate", "date_of_birth", "dob", "birthday"],
        "postcode": ["zip", "zipcode", "postal_code", "code_postal"],
        "at": ["date", "timestamp", "time", "datetime", "occurred_at"],
        "quantity": ["qty", "number_of_cds", "units"],
        "sku": ["product_id", "product", "reference", "ref", "item"],
    ]

    static func closest(to name: String, among candidates: [String]) -> String? {
        let target = name.lowercased()
        for candidate in candidates {
            let lower = candidate.lowercased()
            if synonyms[target]?.contains(lower) == true || synonyms[lower]?.contains(target) == true {
                return candidate
            }
        }
        let scored = candidates.map { ($0, distance(target, $0.lowercased())) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
