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
    static func count<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, character) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// An amount with two decimals and thousands separators: 12345.6 -> "12,345.60".
    static func money(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let cents = Int64((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + count(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    static func decimal(_ value: Double, places: Int = 1) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale), part = abs(scaled % Int64(scale))
        let partText = String(part)
        return places == 0
            ? count(whole) : count(whole) + "." + String(repeating: "0", count: places - partText.count) + partText
    }
}
