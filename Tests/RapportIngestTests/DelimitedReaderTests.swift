import Foundation
import Testing

@testable import RapportIngest

@Suite("Reading CSV bytes")
struct DelimitedReaderTests {
    func records(_ text: String, delimiter: Delimiter? = nil) throws -> (columns: [String], rows: [[String]], lines: [Int], problems: [String?]) {
        try records(bytes: Array(text.utf8), delimiter: delimiter)
    }

    func records(bytes: [UInt8], delimiter: Delimiter? = nil) throws -> (columns: [String], rows: [[String]], lines: [Int], problems: [String?]) {
        let scratch = try Scratch()
        let path = try scratch.bytes("input.csv", bytes)
        let reader = try DelimitedReader(file: try MappedFile(path: path), delimiter: delimiter)
        var rows: [[String]] = []
        var lines: [Int] = []
        var problems: [String?] = []
        while try reader.next() {
            var row: [String] = []
            var column = 0
            while let field = reader.field(column) {
                row.append(String(decoding: field, as: UTF8.self))
                column += 1
            }
            rows.append(row)
            lines.append(reader.line)
            problems.append(reader.recordProblem)
        }
        return (reader.columns, rows, lines, problems)
    }

    @Test func readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws {
        let result = try records("id,name,note\n1,\"Martin, Claire\",\"She said \"\"hello\"\"\"\n2,Bob,\"two\nlines\"\n3,Eve,plain\n")
        #expect(result.columns == ["id", "name", "note"])
        #expect(result.rows == [["1", "Martin, Claire", "She said \"hello\""], ["2", "Bob", "two\nlines"], ["3", "Eve", "plain"]])
        #expect(result.lines == [2, 3, 5])
    }

    @Test func handlesBOMSemicolonsCRLFAndEmptyLines() throws {
        let text = "\u{FEFF}id;name;amount\r\n\r\n1;Zoé;12,50\r\n\r\n2;Luc;3\r\n"
        let result = try records(text)
        #expect(result.columns == ["id", "name", "amount"])
        #expect(result.rows == [["1", "Zoé", "12,50"], ["2", "Luc", "3"]])
        #expect(result.lines == [3, 5])
    }

    @Test func detectsTabsAndReadsWhitespaceColumns() throws {
        #expect(try records("a\tb\n1\t2\n").rows == [["1", "2"]])
        let cdnow = try records(" customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n", delimiter: .whitespace)
        #expect(cdnow.columns == ["customer_id", "date", "number_of_cds", "dollar_value"])
        #expect(cdnow.rows == [["00001", "19970101", "1", "11.77"]])
    }

    @Test func keepsAHugeField() throws {
        let huge = String(repeating: "x", count: 2_000_000)
        let result = try records("id,note\n1,\"\(huge)\"\n2,short\n")
        #expect(result.rows[0][1].count == 2_000_000)
        #expect(result.rows[1] == ["2", "short"])
    }

    @Test func flagsARowWithTheWrongNumberOfFields() throws {
        let result = try records("id,name\n1,Ann\n2,Martin, Claire\n3,Bob\n")
        #expect(result.problems[0] == nil)
        #expect(result.problems[1]?.contains("3 fields where the header has 2") == true)
        #expect(result.problems[2] == nil)
    }

    @Test func trimsSpacesAroundUnquotedFieldsOnly() throws {
        #expect(try records("a,b\n  x  ,\" y \"\n").rows == [["x", " y "]])
    }

    @Test func refusesAnUnclosedQuote() throws {
        #expect {
            _ = try records("id,name\n1,\"Martin\n2,Bob\n")
        } throws: { error in
            guard case FileFormatError.truncated(_, let line, let detail) = error else { return false }
            return line == 2 && detail.contains("never closed")
        }
    }

    @Test func refusesALastLineCutShort() throws {
        #expect {
            _ = try records("id,name,email\n1,Ann,a@b.fr\n2,Bo")
        } throws: { error in
            guard case FileFormatError.truncated(_, let line, _) = error else { return false }
            return line == 3
        }
        // A complete last line without a line end is fine.
        #expect(try records("id,name\n1,Ann").rows == [["1", "Ann"]])
    }

    @Test func refusesBinaryFiles() throws {
        #expect(throws: FileFormatError.self) { _ = try records(bytes: [0x50, 0x4B, 3, 4, 20, 0, 6, 0]) }
        #expect(throws: FileFormatError.self) { _ = try records(bytes: [0x69, 0x64, 0x0A, 0x00, 0x01, 0x0A]) }
        #expect(throws: FileFormatError.self) { _ = try records(bytes: [0xFF, 0xFE, 0x69, 0x00]) }
        #expect {
            _ = try records(bytes: Array("id,name\n1,Ren".utf8) + [0xE9, 0x0A])
        } throws: { error in
            "\(error)".contains("0xE9") && "\(error)".contains("Latin-1")
        }
        #expect(throws: FileFormatError.self) { _ = try records("") }
        // Far beyond the first 64 KiB, one Latin-1 byte still refuses the whole file.
        var late = Array("id,name\n".utf8)
        for i in 0..<20_000 { late += Array("\(i),Name\n".utf8) }
        late += Array("20000,Ren".utf8) + [0xE9, 0x0A]
        #expect {
            _ = try records(bytes: late)
        } throws: { error in
            "\(error)".contains("on line 20002")
        }
    }
}
