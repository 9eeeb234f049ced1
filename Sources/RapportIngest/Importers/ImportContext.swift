import RapportCore

/// The reading loop of one kind of file, run on the producer thread of the ``WritePipeline``.
typealias RowLoop = (any RecordReader, FieldBinding) throws -> Void

/// What every row handler of one import shares: the options, the counts, the rejects file, the
/// customers known so far, and where writes go.
///
/// `transaction` is for setting up (loading keys) on the transaction's own thread; rows are
/// read on another thread and their writes go through ``send(_:)``.
final class ImportContext {
    let transaction: any ImportTransaction
    let pipeline = WritePipeline()
    let options: ImportOptions
    let rejects: RejectsFile
    /// The input's file name, for progress reports.
    let fileLabel: String
    /// When set, the only identifiers of each kind the input can name: keys are looked up for
    /// those alone instead of loading whole tables (records received through the API).
    let keyScope: [KeyedRecord: Set<String>]?
    var counts = ImportCounts()
    var createdCustomers = 0
    private let report: (ImportProgress) -> Void
    private let started = ContinuousClock.now
    /// When rows began to be read: progress rates leave out the loading of stored keys.
    private var readingStarted = ContinuousClock.now
    private var customerTable: KeyTable?

    var now: Instant { options.now }

    init(
        transaction: any ImportTransaction, options: ImportOptions, rejects: RejectsFile,
        fileLabel: String, keyScope: [KeyedRecord: Set<String>]? = nil, progress: @escaping (ImportProgress) -> Void
    ) {
        self.keyScope = keyScope
        self.transaction = transaction
        self.options = options
        self.rejects = rejects
        self.fileLabel = fileLabel
        self.report = progress
    }

    var elapsedSeconds: Double { (ContinuousClock.now - started).seconds }

    /// Loads the stored customers: call it while setting up, on the transaction's thread.
    @discardableResult
    func loadCustomers() throws -> KeyTable {
        if let customerTable { return customerTable }
        let table = try KeyTable(.customers, transaction, among: keyScope?[.customers])
        customerTable = table
        return table
    }

    /// The customers, as loaded by ``loadCustomers()`` and added to since. Reading rows never
    /// touches the transaction.
    var customers: KeyTable {
        guard let customerTable else { preconditionFailure("loadCustomers() must run while setting up the import") }
        return customerTable
    }

    /// How a row's `customer_id` resolves.
    enum CustomerResolution {
        case known(Int64)
        /// Unknown, and the options allow making a minimal profile: ``create(_:kind:)`` it once
        /// every other check of the row has passed, so that a rejected row creates nobody.
        case toCreate(String)
    }

    /// Resolves `externalID`; nil (with the problem added to `problems`) when it is unknown and
    /// may not be created.
    func resolveCustomer(_ externalID: String, problems: inout [ValidationError]) throws -> CustomerResolution? {
        if let id = customers.id(of: externalID) { return .known(id) }
        guard options.createMissingCustomers else {
            problems.append(
                ValidationError(
                    field: Field.customerID.name, value: externalID,
                    reason: "no customer with this id in the base; import the customers first, or \(options.createCustomersHint)"))
            return nil
        }
        return .toCreate(externalID)
    }

    /// The customer's id, creating the minimal profile of an unknown one.
    func customerID(for resolution: CustomerResolution, kindIfCreated: CustomerKind) throws -> Int64 {
        switch resolution {
        case .known(let id):
            return id
        case .toCreate(let externalID):
            let table = customers
            if let id = table.id(of: externalID) { return id }
            let customer = Customer(externalID: externalID, kind: kindIfCreated)
            let fingerprint = customer.fingerprint(of: .kind)
            let id = table.add(externalID, fingerprint: fingerprint, line: 0)
            try send(.insertCustomer(customer, fields: .kind, fingerprint: fingerprint, id: id))
            createdCustomers += 1
            return id
        }
    }

    /// Hands a write to the store's thread.
    func send(_ write: StoreWrite) throws {
        try pipeline.send(write)
    }

    /// Writes one line per problem to the rejects file and counts the record as rejected.
    func reject(line: Int, problems: [ValidationError], raw: String) throws {
        counts.rejected += 1
        for problem in problems {
            try rejects.add(line: line, field: problem.field, value: problem.value, reason: problem.reason, row: raw)
        }
    }

    /// Runs `body` on every record of `reader`; records the reader cannot split into fields go
    /// straight to the rejects file. Reports progress every 4,096 records and at the end.
    /// With `passingBrokenRecords`, such records reach `body` with the problem already recorded
    /// on the row (orders use it to reject the whole order the record belongs to).
    func forEachRecord(
        _ reader: any RecordReader, binding: FieldBinding, passingBrokenRecords: Bool = false,
        _ body: (inout Row) throws -> Void
    ) throws {
        var row = Row(reader: reader, binding: binding, mapping: options.mapping, now: now)
        var records = 0
        readingStarted = ContinuousClock.now
        while try reader.next() {
            records += 1
            row.problems.removeAll(keepingCapacity: true)
            var broken = reader.fieldProblems
            if let problem = reader.recordProblem { broken.insert(ValidationError(field: "", value: "", reason: problem), at: 0) }
            if !broken.isEmpty, passingBrokenRecords {
                row.problems.append(contentsOf: broken)
                try body(&row)
            } else if !broken.isEmpty {
                try reject(line: reader.line, problems: broken, raw: reader.rawRecord)
            } else {
                try body(&row)
            }
            if records & 4095 == 0 {
                report(progress(reader, records: records))
                try pipeline.stopIfWriterFailed()
            }
        }
        report(progress(reader, records: records))
    }

    private func progress(_ reader: any RecordReader, records: Int) -> ImportProgress {
        ImportProgress(
            file: fileLabel, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, records: records,
            elapsedSeconds: (ContinuousClock.now - readingStarted).seconds)
    }

    /// Applies an upsert decision through `insert`/`update` and counts it; a duplicate is rejected.
    func apply(
        _ decision: KeyTable.Decision, line: Int, field: Field, value: String, raw: () -> String,
        insert: (Int64) throws -> Void, update: (Int64, Int64) throws -> Void
    ) throws {
        switch decision {
        case .insert(let id):
            try insert(id)
            counts.inserted += 1
        case .update(let id, let previousCustomerID):
            try update(id, previousCustomerID)
            counts.updated += 1
        case .unchanged:
            counts.unchanged += 1
        case .duplicate(let firstLine):
            try reject(
                line: line,
                problems: [
                    ValidationError(
                        field: field.name, value: value,
                        reason: "appears again in this file (first at line \(firstLine)); keep one row per \(field.name)")
                ], raw: raw())
        }
    }
}
