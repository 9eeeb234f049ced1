/// The four dimensions of customer data quality (seed 002: current, complete, correct, unique).
public enum QualityDimension: String, Sendable, Hashable, CaseIterable, Codable {
    case current, complete, correct, unique
}

/// One thing wrong with a customer's data.
public struct QualityIssue: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The value cannot be right, or a required value is missing.
        case error
        /// The value is doubtful, or a useful value is missing.
        case warning
    }

    public var dimension: QualityDimension
    public var severity: Severity
    public var field: String
    /// A short stable code: `missing`, `email_domain_typo`, `postcode_format`…
    public var code: String
    /// What is wrong and how to fix it, for a person.
    public var message: String

    public init(_ dimension: QualityDimension, _ severity: Severity, field: String, code: String, message: String) {
        self.dimension = dimension
        self.severity = severity
        self.field = field
        self.code = code
        self.message = message
    }
}
