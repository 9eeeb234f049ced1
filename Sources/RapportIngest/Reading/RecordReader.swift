import RapportCore

/// A reader of records (CSV rows or JSON objects) that exposes the fields of the current record
/// as bytes, without making strings of them. Bytes handed out are valid until the next `next()`.
protocol RecordReader: AnyObject {
    /// The column names of the file (the CSV header), in file order.
    var columns: [String] { get }
    /// Advances to the next record; false at the end. Throws when the file itself is broken.
    func next() throws(FileFormatError) -> Bool
    /// The physical line on which the current record starts (1-based, the header is line 1).
    var line: Int { get }
    /// The current record's field for `column` (trimmed of spaces unless quoted), nil when the record has no such field.
    func field(_ column: Int) -> UnsafeRawBufferPointer?
    /// Why the current record cannot be read field by field (wrong number of fields, invalid JSON), or nil.
    var recordProblem: String? { get }
    /// Fields of the current record whose value has a type the field does not take (a JSON object
    /// where text belongs): the record is refused with them.
    var fieldProblems: [ValidationError] { get }
    /// Where the current record lies in the file, to quote it later with ``text(of:)``.
    var recordRange: Range<Int> { get }
    /// The text of a record of this file, given its ``recordRange``, without its line end.
    func text(of range: Range<Int>) -> String
    var bytesRead: Int { get }
    var totalBytes: Int { get }
}

extension RecordReader {
    /// Delimited text has no types: every field is text.
    var fieldProblems: [ValidationError] { [] }

    /// The current record as it was written, for the rejects file.
    var rawRecord: String { text(of: recordRange) }
}
