import RapportCore

/// How campaign results read, the same in the terminal and on the pages: rates in percent,
/// differences of rates in signed points, p-values to four places, intervals in brackets.
/// `missing` is what an undefined figure reads as.
public enum ResultFormat {
    public static func percent(_ value: Double) -> String { NumberText.decimal(value * 100, places: 2) + " %" }

    /// A difference of rates in percentage points, signed.
    public static func points(_ value: Double) -> String { (value > 0 ? "+" : "") + NumberText.decimal(value * 100, places: 2) }

    public static func interval(_ range: ClosedRange<Double>?, missing: String, _ format: (Double) -> String) -> String {
        range.map { "[\(format($0.lowerBound)), \(format($0.upperBound))]" } ?? missing
    }

    public static func pValue(_ value: Double?, missing: String) -> String {
        guard let value else { return missing }
        return value < 0.0001 ? "< 0.0001" : NumberText.decimal(value, places: 4)
    }
}
