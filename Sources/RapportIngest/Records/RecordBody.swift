import RapportCore

/// The records of one API request: a JSON object, or an array of objects, checked for shape and
/// identifiers before anything is looked up, then flattened into JSON Lines for the importers.
enum RecordBody {
    /// The most records one request may carry.
    static let maximumRecords = 10_000

    /// With `identifier`, the body is one record addressed by the URL: its identifier field is
    /// set to it, and refused when the body gives another one.
    static func parse(_ body: [UInt8], kind: ImportKind, identifier: String? = nil) throws(RecordBodyError) -> [[String: JSONValue]] {
        let parsed = body.withUnsafeBytes { bytes in Result { () throws(JSONParser.Failure) in try JSONParser.parse(bytes) } }
        let value: JSONValue
        switch parsed {
        case .success(let parsedValue): value = parsedValue
        case .failure(let failure): throw .notJSON(offset: failure.offset, reason: failure.reason)
        }
        let items: [JSONValue]
        switch value {
        case .object: items = [value]
        case .array where identifier != nil: throw .notRecords(detail: "send one JSON object for this URL")
        case .array(let array): items = array
        default: throw .notRecords(detail: "send one JSON object, or an array of objects")
        }
        guard !items.isEmpty else { throw .notRecords(detail: "the array is empty; send at least one record") }
        guard items.count <= maximumRecords else { throw .tooMany(count: items.count, limit: maximumRecords) }
        var records: [[String: JSONValue]] = []
        records.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .object(var members) = item else {
                throw .notRecords(detail: "record \(index + 1) is not a JSON object")
            }
            // Keys are matched without regard to case, as in JSON Lines files.
            if members.keys.contains(where: { $0 != $0.lowercased() }) {
                members = Dictionary(members.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            if let identifier, let field = identifierField(kind) {
                // Given at all (even empty), it must be the URL's.
                if let given = members[field], given != .null, text(given) != identifier {
                    throw .identifierMismatch(field: field, given: given.fieldText ?? "", expected: identifier)
                }
                members[field] = .string(identifier)
            }
            // Absent, null or blank; a value of the wrong type is refused by the reader, by name.
            if let field = identifierField(kind), Self.isBlank(members[field]) {
                throw .missingIdentifier(record: index + 1, field: field, kind: kind)
            }
            records.append(members)
        }
        return records
    }

    /// The field that names a record of `kind`, which the API requires so that a retry is recognised.
    static func identifierField(_ kind: ImportKind) -> String? {
        switch kind {
        case .customers, .consents: return "customer_id"
        case .products: return "sku"
        case .orders, .orderLines: return "order_id"
        case .events: return "event_id"
        }
    }

    /// Every identifier the records name, by kind: the only keys the import will need.
    static func keyScope(_ records: [[String: JSONValue]], kind: ImportKind) -> [KeyedRecord: Set<String>] {
        var scope: [KeyedRecord: Set<String>] = [.customers: []]
        let own: (KeyedRecord, String)?
        switch kind {
        case .customers, .consents, .orderLines: own = nil
        case .products: own = (.products, "sku")
        case .orders: own = (.orders, "order_id")
        case .events: own = (.events, "event_id")
        }
        for record in records {
            if kind != .products, let customer = text(record["customer_id"]) { scope[.customers, default: []].insert(customer) }
            if let (table, field) = own, let identifier = text(record[field]) { scope[table, default: []].insert(identifier) }
        }
        return scope
    }

    /// The records as JSON Lines, an order's `lines` spread over one line each with the order's
    /// fields repeated; `recordOfLine[i]` is the 1-based record that line `i + 1` came from.
    static func jsonLines(_ records: [[String: JSONValue]], kind: ImportKind) -> (bytes: [UInt8], recordOfLine: [Int]) {
        var out = ""
        var recordOfLine: [Int] = []
        recordOfLine.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            guard kind == .orders, case .array(let lines)? = record["lines"] else {
                JSONValue.object(record).write(into: &out)
                out += "\n"
                recordOfLine.append(index + 1)
                continue
            }
            var header = record
            header["lines"] = nil
            if lines.isEmpty {
                JSONValue.object(header).write(into: &out)
                out += "\n"
                recordOfLine.append(index + 1)
            }
            for line in lines {
                var row = header
                if case .object(let fields) = line {
                    for (key, value) in fields { row[key.lowercased()] = value }
                } else {
                    // Not an object: let the reader reject it under its own name.
                    row["lines"] = line
                }
                JSONValue.object(row).write(into: &out)
                out += "\n"
                recordOfLine.append(index + 1)
            }
        }
        return (Array(out.utf8), recordOfLine)
    }

    /// Whether the value is absent, null or a string of spaces.
    static func isBlank(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return true
        case .string(let text)?: return text.trimmingASCIISpaces().isEmpty
        default: return false
        }
    }

    /// A scalar as the importers read it, trimmed; nil when absent, null, empty or a container.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text):
            let trimmed = text.trimmingASCIISpaces()
            return trimmed.isEmpty ? nil : trimmed
        case .number(let text): return text
        default: return nil
        }
    }
}
