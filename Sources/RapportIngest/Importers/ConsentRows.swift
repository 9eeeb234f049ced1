import RapportCore

/// Reads consents per channel. A consent is identified by its customer, channel and time, so the
/// history of grants and withdrawals is kept and re-importing changes nothing.
enum ConsentRows {
    /// Loads the stored customers (on the transaction's thread) and returns the reading loop.
    static func prepare(_ context: ImportContext) throws -> RowLoop {
        try context.loadCustomers()
        return { reader, binding in try read(context, reader: reader, binding: binding) }
    }

    /// Consent outcomes are counted where the store compares them, on the transaction's thread.
    private struct ConsentKey: Hashable {
        let customer: String
        let channel: ContactChannel
        let at: Int64
    }

    private static func read(_ context: ImportContext, reader: any RecordReader, binding: FieldBinding) throws {
        var seen: [ConsentKey: Int] = [:]
        try context.forEachRecord(reader, binding: binding) { row in
            let customerExternalID = row.required(.customerID)?.trimmingASCIISpaces()
            var channel: ContactChannel?
            if let text = row.required(.channel) {
                do throws(ValidationError) { channel = try ContactChannel(text) } catch { row.record(error) }
            }
            var status: ConsentStatus?
            if let text = row.required(.status) {
                do throws(ValidationError) { status = try ConsentStatus(text) } catch { row.record(error) }
            }
            let source = row.text(.source)?.trimmingASCIISpaces()
            let at = row.instant(.at, required: true)
            guard let customerExternalID, let channel, let status, let at, row.problems.isEmpty,
                let resolution = try context.resolveCustomer(customerExternalID, problems: &row.problems)
            else {
                try context.reject(line: row.line, problems: row.problems, raw: reader.rawRecord)
                return
            }
            // One consent per customer, channel and time in a file: a second one would flip the
            // stored status on every re-import.
            let key = ConsentKey(customer: customerExternalID, channel: channel, at: at.secondsSinceEpoch)
            if let firstLine = seen[key] {
                try context.reject(
                    line: row.line,
                    problems: [
                        ValidationError(
                            field: Field.at.name, value: at.description,
                            reason: "a consent of this customer on \(channel.rawValue) at this time is already at line \(firstLine); keep one")
                    ], raw: reader.rawRecord)
                return
            }
            seen[key] = row.line
            let customerID = try context.customerID(for: resolution, kindIfCreated: .prospect)
            let consent = Consent(customerExternalID: customerExternalID, channel: channel, status: status, source: source, at: at)
            try context.send(.consent(consent, customerID: customerID))
        }
    }
}
