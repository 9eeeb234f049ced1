import RapportCore

/// The identifiers of one kind of record during an import: what the store held when the import
/// began, plus what this file has written so far. Decides insert, update, unchanged, or duplicate
/// (the same identifier twice in one file) without asking the store per row.
final class KeyTable {
    struct Entry {
        var key: StoredKey
        /// The line of this file that wrote the identifier, 0 when it comes from the store.
        var line: Int
    }

    enum Decision {
        case insert(id: Int64)
        case update(id: Int64, previousCustomerID: Int64)
        case unchanged(id: Int64)
        case duplicate(firstLine: Int)
    }

    private(set) var entries: [String: Entry]
    private(set) var nextID: Int64

    /// Loads every stored key of `kind`, or with `among` only those of these identifiers (the
    /// records of one API request: a few lookups instead of reading the whole table).
    init(_ kind: KeyedRecord, _ transaction: any ImportTransaction, among identifiers: Set<String>? = nil) throws {
        let stored = try identifiers.map { try transaction.existingKeys(kind, among: $0) } ?? transaction.existingKeys(kind)
        // mapValues keeps the hash table as it is: no second round of hashing 10M keys.
        entries = stored.mapValues { Entry(key: $0, line: 0) }
        nextID = try transaction.nextID(kind)
    }

    func id(of externalID: String) -> Int64? { entries[externalID]?.key.id }

    /// The line of this file that already wrote `externalID`, if any.
    func lineInThisFile(_ externalID: String) -> Int? {
        guard let line = entries[externalID]?.line, line != 0 else { return nil }
        return line
    }

    /// Decides what to do with a record and records the decision as done. One hash lookup for a
    /// known identifier, two for a new one.
    func decide(_ externalID: String, fingerprint: Int64, customerID: Int64 = 0, line: Int) -> Decision {
        if let index = entries.index(forKey: externalID) {
            let entry = entries.values[index]
            if entry.line != 0 { return .duplicate(firstLine: entry.line) }
            entries.values[index].line = line
            if entry.key.mergedAway || (entry.key.fingerprint == fingerprint && entry.key.customerID == customerID) {
                return .unchanged(id: entry.key.id)
            }
            entries.values[index].key.fingerprint = fingerprint
            entries.values[index].key.customerID = customerID
            return .update(id: entry.key.id, previousCustomerID: entry.key.customerID)
        }
        let id = nextID
        nextID += 1
        entries[externalID] = Entry(key: StoredKey(id: id, fingerprint: fingerprint, customerID: customerID), line: line)
        return .insert(id: id)
    }

    /// Adds a record created on the side (a customer made for an order), so that later rows find it.
    func add(_ externalID: String, fingerprint: Int64, line: Int) -> Int64 {
        let id = nextID
        nextID += 1
        entries[externalID] = Entry(key: StoredKey(id: id, fingerprint: fingerprint), line: line)
        return id
    }
}
