import Foundation
import RapportCore

/// Reads customers and prospects, validates and normalises each field, and upserts them by
/// `customer_id`. Custom `attr.NAME` columns and an `attributes` JSON object become the
/// customer's attributes.
enum CustomerRows {
    /// Loads the stored customers (on the transaction's thread) and returns the reading loop.
    static func prepare(_ context: ImportContext) throws -> RowLoop {
        let keys = try context.loadCustomers()
        return { reader, binding in try read(context, keys: keys, reader: reader, binding: binding) }
    }

    /// Each input field with the stored customer field it sets.
    static let fieldFlags: [(Field, CustomerFields)] = [
        (.kind, .kind), (.firstName, .firstName), (.lastName, .lastName), (.email, .email), (.phone, .phone),
        (.birthDate, .birthDate), (.gender, .gender), (.postcode, .postcode), (.city, .city),
        (.country, .country), (.timezone, .timezone), (.preferredChannel, .preferredChannel),
        (.createdAt, .createdAt), (.attributes, .attributes),
    ]

    /// The customer fields a file gives, by column or by a mapping constant.
    static func fields(of binding: FieldBinding) -> CustomerFields {
        var fields: CustomerFields = []
        for (field, flag) in fieldFlags where binding.has(field) { fields.insert(flag) }
        if !binding.attributeColumns.isEmpty || !binding.attributeConstants.isEmpty { fields.insert(.attributes) }
        return fields
    }

    private static func read(_ context: ImportContext, keys: KeyTable, reader: any RecordReader, binding: FieldBinding) throws {
        let columnFields = fields(of: binding)
        // A JSON object updates only the fields it names; a CSV row names all of its columns.
        let perRecord = reader is JSONLinesReader
        try context.forEachRecord(reader, binding: binding) { row in
            let fields = perRecord ? given(columnFields, by: row) : columnFields
            guard let customer = decode(&row, context: context), row.problems.isEmpty else {
                try context.reject(line: row.line, problems: row.problems, raw: reader.rawRecord)
                return
            }
            let fingerprint = customer.fingerprint(of: fields)
            let decision = keys.decide(customer.externalID, fingerprint: fingerprint, line: row.line)
            try context.apply(
                decision, line: row.line, field: .customerID, value: customer.externalID, raw: { reader.rawRecord },
                insert: { try context.send(.insertCustomer(customer, fields: fields, fingerprint: fingerprint, id: $0)) },
                update: { id, _ in try context.send(.updateCustomer(customer, fields: fields, fingerprint: fingerprint, id: id)) })
        }
    }

    /// The fields of `fields` that `row` gives (attributes count when any attribute source does).
    static func given(_ fields: CustomerFields, by row: Row) -> CustomerFields {
        var given = fields
        for (field, flag) in fieldFlags where !row.gives(field) && !(field == .attributes && !row.binding.attributeConstants.isEmpty) {
            given.remove(flag)
        }
        return given
    }

    static let knownTimeZones = Set(TimeZone.knownTimeZoneIdentifiers)

    static func decode(_ row: inout Row, context: ImportContext) -> Customer? {
        let externalID = row.required(.customerID)
        var customer = Customer(externalID: externalID ?? "")
        if let kind = row.text(.kind) {
            if let parsed = CustomerKind(rawValue: kind.trimmingASCIISpaces().lowercased()) {
                customer.kind = parsed
            } else {
                row.problem(.kind, kind, "write prospect, customer or former")
            }
        }
        customer.firstName = row.text(.firstName)?.trimmingASCIISpaces()
        customer.lastName = row.text(.lastName)?.trimmingASCIISpaces()
        if let country = row.text(.country) {
            do throws(ValidationError) { customer.country = try CountryCode(country) } catch { row.record(error) }
        }
        if let email = row.text(.email) {
            do throws(ValidationError) { customer.email = try EmailAddress(email) } catch { row.record(error) }
        }
        if let phone = row.text(.phone) {
            do {
                customer.phone = try PhoneNumber(phone, defaultCountry: customer.country?.value ?? context.options.defaultCountry)
            } catch { row.record(error) }
        }
        if let birth = row.instant(.birthDate) {
            if birth.utcDate.year < 1900 {
                row.problem(.birthDate, birth.utcDate.description, "before 1900; check the year")
            } else {
                customer.birthDate = birth.utcDate
            }
        }
        if let gender = row.text(.gender) {
            do throws(ValidationError) { customer.gender = try Gender(gender) } catch { row.record(error) }
        }
        customer.postcode = row.text(.postcode)?.trimmingASCIISpaces()
        customer.city = row.text(.city)?.trimmingASCIISpaces()
        if let zone = row.text(.timezone) {
            if knownTimeZones.contains(zone) {
                customer.timezone = zone
            } else {
                row.problem(.timezone, zone, "not a time zone name; write an IANA name such as Europe/Paris")
            }
        }
        if let channel = row.text(.preferredChannel) {
            do throws(ValidationError) { customer.preferredChannel = try ContactChannel(channel, field: Field.preferredChannel.name) } catch {
                row.record(error)
            }
        }
        customer.createdAt = row.instant(.createdAt)
        customer.attributesJSON = attributes(&row)
        return externalID == nil ? nil : customer
    }

    /// `attributes` (a JSON object) merged with the `attr.NAME` columns, which win.
    static func attributes(_ row: inout Row) -> String {
        let columns = row.binding.attributeColumns
        let constants = row.binding.attributeConstants
        let objectText = row.jsonObject(.attributes)
        guard !columns.isEmpty || !constants.isEmpty else { return objectText }
        var members: [String: JSONValue] = [:]
        if objectText != "{}", let value = try? JSONParser.parse(objectText), case .object(let existing) = value
        {
            members = existing
        }
        for (name, value) in constants { members[name] = .string(value) }
        for (name, column) in columns {
            if let value = row.attribute(column: column) { members[name] = .string(value) }
        }
        return JSONValue.object(members).canonicalText
    }
}
