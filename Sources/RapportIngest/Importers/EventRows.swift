import RapportCore

/// Reads interactions and upserts them by `event_id`; an event without one gets an identifier
/// derived from its content, so that importing the same file again changes nothing.
enum EventRows {
    /// Loads the stored events and customers (on the transaction's thread) and returns the reading loop.
    static func prepare(_ context: ImportContext) throws -> RowLoop {
        let keys = try KeyTable(.events, context.transaction, among: context.keyScope?[.events])
        try context.loadCustomers()
        return { reader, binding in try read(context, keys: keys, reader: reader, binding: binding) }
    }

    private static func read(_ context: ImportContext, keys: KeyTable, reader: any RecordReader, binding: FieldBinding) throws {
        let generated = GeneratedIdentifiers()
        try context.forEachRecord(reader, binding: binding) { row in
            let givenID = binding.generatesIdentifier ? generated.next(for: reader.rawRecord) : row.text(.eventID)?.trimmingASCIISpaces()
            let customerExternalID = row.required(.customerID)?.trimmingASCIISpaces()
            let type = row.token(.type)
            if type == nil, row.bytes(.type) == nil { row.problem(.type, "", "required; name what happened, such as web_visit") }
            let channel = row.token(.channel)
            let at = row.instant(.at, required: true)
            let campaign = row.text(.campaign)?.trimmingASCIISpaces()
            let properties = row.jsonObject(.properties)
            guard let customerExternalID, let type, let at, row.problems.isEmpty,
                let resolution = try context.resolveCustomer(customerExternalID, problems: &row.problems)
            else {
                try context.reject(line: row.line, problems: row.problems, raw: reader.rawRecord)
                return
            }
            var event = Event(
                externalID: "", customerExternalID: customerExternalID, type: type, channel: channel, at: at,
                campaign: campaign, propertiesJSON: properties)
            event.externalID = givenID ?? "~" + String(UInt64(bitPattern: event.contentFingerprint), radix: 16)
            if let firstLine = keys.lineInThisFile(event.externalID) {
                let reason =
                    givenID == nil
                    ? "the same event as line \(firstLine) (same customer, type, time and properties); give each an event_id to keep both"
                    : "appears again in this file (first at line \(firstLine)); keep one row per event_id"
                try context.reject(
                    line: row.line, problems: [ValidationError(field: Field.eventID.name, value: givenID ?? "", reason: reason)],
                    raw: reader.rawRecord)
                return
            }
            let customerID = try context.customerID(for: resolution, kindIfCreated: .prospect)
            let fingerprint = event.fingerprint
            try context.apply(
                keys.decide(event.externalID, fingerprint: fingerprint, customerID: customerID, line: row.line),
                line: row.line, field: .eventID, value: event.externalID, raw: { reader.rawRecord },
                insert: { try context.send(.insertEvent(event, fingerprint: fingerprint, id: $0, customerID: customerID)) },
                update: { id, previous in
                    try context.send(
                        .updateEvent(event, fingerprint: fingerprint, id: id, previousCustomerID: previous, customerID: customerID))
                })
        }
    }
}
