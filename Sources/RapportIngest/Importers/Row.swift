import RapportCore

/// The current record of a file, read field by field through a ``FieldBinding``, with the
/// problems found so far. Each typed accessor returns nil for an empty field, and records a
/// ``ValidationError`` (field, value as written, reason) when the value breaks a rule.
struct Row {
    private let reader: any RecordReader
    let binding: FieldBinding
    let datePattern: DatePattern?
    let allowDecimalComma: Bool
    /// The mapping says `,` is the decimal separator: `1,234` is 1.234 without doubt.
    let commaIsDecimal: Bool
    let now: Instant
    /// Problems of this record, in field order.
    var problems: [ValidationError] = []

    init(reader: any RecordReader, binding: FieldBinding, mapping: ColumnMapping, now: Instant) {
        self.reader = reader
        self.binding = binding
        self.datePattern = mapping.datePattern
        self.allowDecimalComma = mapping.decimalSeparator != "."
        self.commaIsDecimal = mapping.decimalSeparator == ","
        self.now = now
    }

    var line: Int { reader.line }

    /// The raw bytes of a field (constants included), nil when absent, empty or only spaces: a
    /// blank identifier must never name a record.
    func bytes(_ field: Field) -> UnsafeRawBufferPointer? {
        let column = binding.column(field)
        if column >= 0, let value = reader.field(column), !value.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) { return value }
        return binding.constant(field)
    }

    /// Whether the record gives the field at all, even empty: a JSON object may leave a key out
    /// (or set it to null), which leaves the stored value alone; a CSV row gives every column.
    func gives(_ field: Field) -> Bool {
        let column = binding.column(field)
        return (column >= 0 && reader.field(column) != nil) || binding.constant(field) != nil
    }

    /// The field as text; nil when empty. (Readers refuse files that are not UTF-8 up front.)
    func text(_ field: Field) -> String? {
        bytes(field).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The field as text, recording a problem when it is empty.
    mutating func required(_ field: Field) -> String? {
        guard let value = text(field) else {
            if bytes(field) == nil {
                problems.append(ValidationError(field: field.name, value: "", reason: "required; this row leaves it empty"))
            }
            return nil
        }
        return value
    }

    mutating func problem(_ field: Field, _ value: String, _ reason: String) {
        problems.append(ValidationError(field: field.name, value: value, reason: reason))
    }

    mutating func record(_ error: ValidationError) {
        problems.append(error)
    }

    /// A time: ISO 8601, or the mapping's date pattern. Refused after `now` plus one day (time zones).
    mutating func instant(_ field: Field, required: Bool = false) -> Instant? {
        guard let bytes = bytes(field) else {
            if required { problem(field, "", "required; write a date such as 2025-03-14 or 2025-03-14T09:30:00Z") }
            return nil
        }
        let parsed = datePattern?.instant(bytes) ?? ISO8601Parser.instant(bytes)
        guard let parsed else {
            let expected = datePattern.map { "the layout \($0)" } ?? "ISO 8601 (2025-03-14 or 2025-03-14T09:30:00Z)"
            problem(field, String(decoding: bytes, as: UTF8.self), "not a valid date; expected \(expected), or set dateFormat in a mapping file")
            return nil
        }
        guard parsed.secondsSinceEpoch <= now.secondsSinceEpoch + 86_400 else {
            problem(field, String(decoding: bytes, as: UTF8.self), "in the future; check the year and the day/month order")
            return nil
        }
        return parsed
    }

    /// A non-negative amount (or any amount with `allowNegative`).
    mutating func amount(_ field: Field, allowNegative: Bool = false) -> Double? {
        guard let bytes = bytes(field) else { return nil }
        if allowDecimalComma, !commaIsDecimal, Self.looksLikeThousands(bytes) {
            problem(
                field, String(decoding: bytes, as: UTF8.self),
                "ambiguous: a comma followed by three digits may separate thousands; write 1234 or 1.234, or set decimalSeparator in a mapping file")
            return nil
        }
        guard let value = DecimalParser.double(bytes, allowComma: allowDecimalComma) else {
            problem(field, String(decoding: bytes, as: UTF8.self), "not a number; write digits with a dot for decimals (12.50), without currency sign or thousands separator")
            return nil
        }
        guard allowNegative || value >= 0 else {
            problem(field, String(decoding: bytes, as: UTF8.self), "may not be negative")
            return nil
        }
        return value
    }

    /// `1,234` (no dot, one comma, exactly three digits after it).
    static func looksLikeThousands(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.contains(UInt8(ascii: ".")), let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return false }
        let after = bytes.count - comma - 1
        return after == 3 && bytes[(comma + 1)...].allSatisfy { $0 &- 48 < 10 }
    }

    /// A whole number of at least `minimum`.
    mutating func integer(_ field: Field, minimum: Int64) -> Int64? {
        guard let bytes = bytes(field) else { return nil }
        guard let value = DecimalParser.integer(bytes) ?? DecimalParser.double(bytes, allowComma: false).flatMap({ $0 == $0.rounded() ? Int64(exactly: $0) : nil }) else {
            problem(field, String(decoding: bytes, as: UTF8.self), "not a whole number")
            return nil
        }
        guard value >= minimum else {
            problem(field, String(decoding: bytes, as: UTF8.self), "must be at least \(minimum)")
            return nil
        }
        return value
    }

    /// A lower-case word (channel, event type).
    mutating func token(_ field: Field) -> Token? {
        guard let text = text(field) else { return nil }
        do { return try Token(text, field: field.name) } catch { record(error); return nil }
    }

    /// A JSON object written in a field; returns its canonical text, `{}` when empty.
    mutating func jsonObject(_ field: Field) -> String {
        guard let text = text(field) else { return "{}" }
        guard let value = try? JSONParser.parse(text), case .object = value else {
            problem(field, text, "not a JSON object; write it as {\"key\": \"value\"}")
            return "{}"
        }
        return value.canonicalText
    }

    /// The raw field of a custom attribute column.
    func attribute(column: Int) -> String? {
        guard let bytes = reader.field(column), !bytes.isEmpty else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
