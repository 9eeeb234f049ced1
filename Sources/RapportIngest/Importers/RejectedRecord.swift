/// One problem with one record received through the API: which record (its 1-based position in
/// the request), which field, the value as received, and what to change.
public struct RejectedRecord: Sendable, Hashable, Codable {
    /// The record's position in the request, from 1.
    public var record: Int
    public var field: String
    public var value: String
    public var reason: String

    public init(record: Int, field: String, value: String, reason: String) {
        self.record = record
        self.field = field
        self.value = value
        self.reason = reason
    }
}
