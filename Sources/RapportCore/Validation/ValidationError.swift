/// Why one value was refused: the field, the value as it was written, and a reason that says how
/// to fix it. Importers turn it into a line of the rejects file.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var reason: String

    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        "\(field) '\(value)': \(reason)"
    }
}
