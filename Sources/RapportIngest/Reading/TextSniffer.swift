/// Tells a text file from a binary one (a spreadsheet, an archive, a database) before anything is
/// imported, from its first 64 KiB.
enum TextSniffer {
    static func check(_ bytes: UnsafeRawBufferPointer, file: String) throws(FileFormatError) {
        let window = min(bytes.count, 1 << 16)
        if window >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 3, bytes[3] == 4 {
            throw .notText(file: file, offset: 0, detail: "it starts like a ZIP archive, as .xlsx and .ods files do")
        }
        if window >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .notText(file: file, offset: 0, detail: "it is UTF-16; save it as UTF-8")
        }
        var i = 0
        while i < window {
            let b = bytes[i]
            if b == 0 { throw .notText(file: file, offset: i, detail: "a NUL byte") }
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: throw .notText(file: file, offset: i, detail: String(format8: b))
            }
            // A sequence cut by the end of the window (not of the file) is given the benefit of the doubt.
            if i + length > window {
                if window < bytes.count { break }
                throw .notText(file: file, offset: i, detail: String(format8: b))
            }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 {
                throw .notText(file: file, offset: i, detail: String(format8: b))
            }
            i += length
        }
    }
}

extension String {
    fileprivate init(format8 byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = "the byte 0x\(hex.count == 1 ? "0" : "")\(hex), which is not UTF-8 (Latin-1 or Windows-1252 text?)"
    }
}
