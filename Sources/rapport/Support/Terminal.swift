import RapportCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output for people: numbers with thousands separators, messages on standard error, and whether
/// standard error is a terminal (for progress bars).
enum Terminal {
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func error(_ message: String) {
        writeError("error: \(message)\n")
    }

    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }

    /// `path` relative to the working directory when it lies below it, as given otherwise.
    static func shortPath(_ path: String) -> String {
        guard path.hasPrefix("/"), let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        let directory = String(cString: cwd) + "/"
        return path.hasPrefix(directory) ? String(path.dropFirst(directory.count)) : path
    }

    /// 1234567 -> "1,234,567".
    static func count<T: BinaryInteger>(_ value: T) -> String { NumberText.count(value) }

    /// An amount with two decimals and thousands separators: 12345.6 -> "12,345.60".
    static func money(_ value: Double) -> String { NumberText.money(value) }

    static func decimal(_ value: Double, places: Int = 1) -> String { NumberText.decimal(value, places: places) }
}
