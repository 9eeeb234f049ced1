/// Where each field of a kind is found in one file: a column, a constant from the mapping, or
/// nowhere. Built once from the header, so that reading a row is an array lookup per field.
struct FieldBinding {
    let kind: ImportKind
    /// Column index per `Field.rawValue`, -1 when the file has no such column.
    private(set) var columnOf: [Int]
    /// Constant values per `Field.rawValue`, from the mapping, as ranges of `constants`.
    private var constantOf: [Range<Int>?]
    private let constants = ByteArena()
    /// Custom attribute columns (`attr.NAME`, or mapped to `attr.NAME`) of a customers file.
    private(set) var attributeColumns: [(name: String, column: Int)] = []
    /// Custom attributes given as mapping constants (`"constants": {"attr.source": "fair"}`).
    private(set) var attributeConstants: [(name: String, value: String)] = []
    /// Identifiers are made from the file name and the line.
    let generatesIdentifier: Bool

    private init(kind: ImportKind, mapping: ColumnMapping) {
        self.kind = kind
        columnOf = Array(repeating: -1, count: Field.allCases.count)
        constantOf = Array(repeating: nil, count: Field.allCases.count)
        generatesIdentifier = mapping.generatedIdentifiers && kind.identifierField != nil
        for (name, value) in mapping.constants.sorted(by: { $0.key < $1.key }) {
            if let field = Field.byName[name] {
                constantOf[field.rawValue] = constants.append(value)
            } else if kind == .customers, name.hasPrefix("attr."), name.count > 5 {
                attributeConstants.append((String(name.dropFirst(5)), value))
            }
        }
    }

    func column(_ field: Field) -> Int { columnOf[field.rawValue] }

    func has(_ field: Field) -> Bool { columnOf[field.rawValue] >= 0 || constantOf[field.rawValue] != nil }

    /// The mapping's constant for `field`, nil when there is none or it is empty.
    func constant(_ field: Field) -> UnsafeRawBufferPointer? {
        guard let range = constantOf[field.rawValue], !range.isEmpty else { return nil }
        return constants.bytes(range)
    }

    /// The column names a JSON Lines reader should look for, in `Field` order of the kind, with
    /// the binding that goes with them.
    static func forJSONLines(kind: ImportKind, mapping: ColumnMapping) -> (columns: [JSONLinesReader.Column], binding: FieldBinding) {
        var binding = FieldBinding(kind: kind, mapping: mapping)
        var columns: [JSONLinesReader.Column] = []
        let mappedSources = Set(mapping.columns.values.map { $0.lowercased() })
        for field in kind.fields {
            // A key mapped to another field is not also read under its own name.
            if mapping.columns[field.name] == nil && mappedSources.contains(field.name) { continue }
            binding.columnOf[field.rawValue] = columns.count
            columns.append(.init(name: mapping.columns[field.name] ?? field.name, field: field.name, shape: field.jsonShape))
        }
        return (columns, binding)
    }

    /// Matches a CSV header to the fields of `kind`. Fails, naming what to change, when a required
    /// column is missing, a column is unknown, or a column appears twice.
    static func forHeader(_ header: [String], kind: ImportKind, mapping: ColumnMapping, file: String)
        throws(FileFormatError) -> FieldBinding
    {
        var binding = FieldBinding(kind: kind, mapping: mapping)
        let normalized = header.map { $0.trimmingCharacters(in: " \t\"").lowercased() }
        var seen = Set<String>()
        for name in normalized where !name.isEmpty {
            guard seen.insert(name).inserted else { throw .duplicateColumn(file: file, column: name) }
        }
        var used = Set<Int>()
        var missing: [String] = []
        // Columns the mapping names first, so that a column mapped to one field (amount -> total)
        // is not also taken by the field that happens to share its name.
        for field in kind.fields {
            guard let mapped = mapping.columns[field.name]?.lowercased() else { continue }
            if let index = normalized.firstIndex(of: mapped) {
                binding.columnOf[field.rawValue] = index
                used.insert(index)
            } else {
                missing.append(mapped)
            }
        }
        if kind == .customers {
            for (name, source) in mapping.columns.sorted(by: { $0.key < $1.key }) where name.hasPrefix("attr.") && name.count > 5 {
                guard let index = normalized.firstIndex(of: source.lowercased()) else {
                    missing.append(source)
                    continue
                }
                binding.attributeColumns.append((String(name.dropFirst(5)), index))
                used.insert(index)
            }
        }
        for field in kind.fields where mapping.columns[field.name] == nil {
            if let index = normalized.firstIndex(of: field.name), !used.contains(index) {
                binding.columnOf[field.rawValue] = index
                used.insert(index)
            }
        }
        let ignored = Set(mapping.ignored.map { $0.lowercased() })
        var unknown: [String] = []
        for (index, name) in normalized.enumerated() where !used.contains(index) {
            if ignored.contains(name) || name.isEmpty { continue }
            if kind == .customers, name.hasPrefix("attr."), name.count > 5 {
                binding.attributeColumns.append((String(header[index].trimmingCharacters(in: " \t").dropFirst(5)), index))
                continue
            }
            unknown.append(header[index])
        }
        for field in kind.requiredFields where !binding.has(field) {
            if field == kind.identifierField && binding.generatesIdentifier { continue }
            if !missing.contains(field.name) { missing.append(field.name) }
        }
        let expected = kind.fields.map(\.name)
        if !missing.isEmpty {
            var suggestions: [String: String] = [:]
            for name in missing {
                if let near = ColumnSuggestion.closest(to: name, among: unknown.isEmpty ? header : unknown) {
                    suggestions[name] = near
                }
            }
            throw .missingColumns(file: file, kind: kind.rawValue, missing: missing, found: header, suggestions: suggestions)
        }
        if !unknown.isEmpty {
            var suggestions: [String: String] = [:]
            let free = expected.filter { !binding.has(Field.byName[$0]!) }
            for name in unknown {
                if let near = ColumnSuggestion.closest(to: name, among: free) { suggestions[name] = near }
            }
            throw .unknownColumns(file: file, kind: kind.rawValue, unknown: unknown, expected: expected, suggestions: suggestions)
        }
        return binding
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
