/// Numbers as English text, with thousands separators: the command line and the pages show the
/// same figures the same way.
public enum NumberText {
    /// 1234567 -> "1,234,567".
    public static func count<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, character) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// An amount with two decimals and thousands separators: 12345.6 -> "12,345.60".
    public static func money(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let cents = Int64((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + count(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    public static func decimal(_ value: Double, places: Int = 1) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        // The sign apart: -0.5 has no whole part to carry it.
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / Int64(scale), part = scaled % Int64(scale)
        let partText = String(part)
        return sign + (places == 0
            ? count(whole) : count(whole) + "." + String(repeating: "0", count: places - partText.count) + partText)
    }
}
