/// Tells a text file from anything else before a single row is imported: a spreadsheet, an
/// archive, UTF-16, or text in a legacy encoding (Latin-1, Windows-1252) anywhere in the file.
/// The whole file is checked to be UTF-8 (ASCII runs eight bytes at a time), NUL bytes in its
/// first 64 KiB.
enum TextSniffer {
    static func check(_ bytes: UnsafeRawBufferPointer, file: String) throws(FileFormatError) {
        let count = bytes.count
        if count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 3, bytes[3] == 4 {
            throw .notText(file: file, offset: 0, detail: "it starts like a ZIP archive, as .xlsx and .ods files do")
        }
        if count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .notText(file: file, offset: 0, detail: "it is UTF-16; save it as UTF-8")
        }
        let window = min(count, 1 << 16)
        for i in 0..<window where bytes[i] == 0 {
            throw .notText(file: file, offset: i, detail: "a NUL byte\(lineNote(bytes, i))")
        }
        var i = 0
        while i < count {
            if i + 8 <= count, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: throw invalid(bytes, i, file)
            }
            guard i + length <= count else { throw invalid(bytes, i, file) }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { throw invalid(bytes, i, file) }
            // Overlong forms and surrogates are not UTF-8 either.
            if (b == 0xE0 && bytes[i + 1] < 0xA0) || (b == 0xED && bytes[i + 1] >= 0xA0)
                || (b == 0xF0 && bytes[i + 1] < 0x90) || (b == 0xF4 && bytes[i + 1] >= 0x90)
            {
                throw invalid(bytes, i, file)
            }
            i += length
        }
    }

    private static func invalid(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ file: String) -> FileFormatError {
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return .notText(
            file: file, offset: offset,
            detail:
                "the byte 0x\(hex.count == 1 ? "0" : "")\(hex)\(lineNote(bytes, offset)), which is not UTF-8 (Latin-1 or Windows-1252 text?)")
    }

    private static func lineNote(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> String {
        var line = 1
        for i in 0..<offset where bytes[i] == 10 { line += 1 }
        return " on line \(line)"
    }
}
