import RapportCore

/// A per-customer repeat-purchase summary in a CSV file, the format the `lifetimes` package and the
/// published CDNOW summaries use: an id, the number of repeat purchases (`frequency` or `x`), the
/// time of the last purchase since the first (`recency` or `t_x`), the time from the first
/// purchase to the end of the period (`T`), and optionally the mean value of the repeat purchases
/// (`monetary_value` or `zbar`). Times are in the file's unit (usually weeks).
public struct CustomerSummaryFile: Sendable {
    public var ids: [String] = []
    public var frequency: [Double] = []
    public var recency: [Double] = []
    public var age: [Double] = []
    /// Nil when the file has no spend column.
    public var meanSpend: [Double]?

    static let idNames = ["id", "customer_id", "cust"]
    static let frequencyNames = ["frequency", "x"]
    static let recencyNames = ["recency", "t_x"]
    static let ageNames = ["t", "age"]
    static let spendNames = ["monetary_value", "zbar", "mean_spend"]

    /// Reads the whole file. A value that is not a finite non-negative number stops the read with
    /// its line, column and value: a model fitted on half a file would be wrong without a warning.
    public static func read(path: String) throws(SummaryFileError) -> CustomerSummaryFile {
        let reader: DelimitedReader
        do {
            reader = try DelimitedReader(file: try MappedFile(path: path), delimiter: nil)
        } catch {
            throw .unreadable(error.description)
        }
        let lowered = reader.columns.map { $0.trimmingASCIISpaces().lowercased() }
        func column(_ names: [String], required: Bool) throws(SummaryFileError) -> Int? {
            if let index = lowered.firstIndex(where: names.contains) { return index }
            guard !required else {
                throw .missingColumn(file: path, expected: names, found: reader.columns)
            }
            return nil
        }
        let idColumn = try column(idNames, required: false)
        let frequencyColumn = try column(frequencyNames, required: true)!
        let recencyColumn = try column(recencyNames, required: true)!
        let ageColumn = try column(ageNames, required: true)!
        let spendColumn = try column(spendNames, required: false)
        var summary = CustomerSummaryFile()
        if spendColumn != nil { summary.meanSpend = [] }
        func number(_ index: Int) throws(SummaryFileError) -> Double {
            let bytes = reader.field(index) ?? UnsafeRawBufferPointer(start: nil, count: 0)
            guard let value = DecimalParser.double(bytes, allowComma: false), value.isFinite, value >= 0 else {
                throw .badValue(
                    file: path, line: reader.line, column: reader.columns[index],
                    value: String(decoding: bytes, as: UTF8.self))
            }
            return value
        }
        do {
            while try reader.next() {
                summary.ids.append(idColumn.flatMap { reader.field($0) }.map { String(decoding: $0, as: UTF8.self) } ?? String(reader.line))
                summary.frequency.append(try number(frequencyColumn))
                summary.recency.append(try number(recencyColumn))
                summary.age.append(try number(ageColumn))
                if let spendColumn { summary.meanSpend?.append(try number(spendColumn)) }
            }
        } catch let error as FileFormatError {
            throw .unreadable(error.description)
        } catch let error as SummaryFileError {
            throw error
        } catch {
            throw .unreadable("\(error)")
        }
        return summary
    }
}

/// Why a summary file cannot be used, with what to change.
public enum SummaryFileError: Error, Sendable, CustomStringConvertible {
    case unreadable(String)
    case missingColumn(file: String, expected: [String], found: [String])
    case badValue(file: String, line: Int, column: String, value: String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return reason
        case .missingColumn(let file, let expected, let found):
            return "\(file): no column named \(expected.map { "'\($0)'" }.joined(separator: " or ")) (found: \(found.joined(separator: ", "))); rename the column."
        case .badValue(let file, let line, let column, let value):
            return "\(file) line \(line), \(column) '\(value)': write a non-negative number with a dot as decimal separator."
        }
    }
}
