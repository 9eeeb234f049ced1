/// A text column as small integer codes into a dictionary of its distinct values; a missing value
/// is code -1. A test on it is decided once per distinct value, then looked up per customer.
public struct CategoricalColumn: Sendable {
    public private(set) var codes: [Int32] = []
    public private(set) var values: [String] = []
    private var lookup: [String: Int32] = [:]

    public init() {}

    /// `count` missing values, to be filled with `set` in any order.
    public init(count: Int) {
        codes = [Int32](repeating: -1, count: count)
    }

    public mutating func set(_ index: Int, _ value: String?) {
        guard let value else {
            codes[index] = -1
            return
        }
        codes[index] = intern(value)
    }

    private mutating func intern(_ value: String) -> Int32 {
        if let code = lookup[value] { return code }
        let code = Int32(values.count)
        values.append(value)
        lookup[value] = code
        return code
    }

    public mutating func append(_ value: String?) {
        guard let value else {
            codes.append(-1)
            return
        }
        codes.append(intern(value))
    }

    public func value(at index: Int) -> String? {
        let code = codes[index]
        return code < 0 ? nil : values[Int(code)]
    }

    /// The code of a value, or nil when no row holds it.
    public func code(of value: String) -> Int32? { lookup[value] }
}
