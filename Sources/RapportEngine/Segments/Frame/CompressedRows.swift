/// Builds the `start` offsets of a compressed-row layout from rows streamed in ascending customer
/// id order: `enter(id)` closes every customer before `id` and says whether `id` is in the frame.
struct CompressedRows {
    private let ids: [Int64]
    private(set) var start: [Int]
    private var next = 0
    private var rows = 0
    private var current: Int64?
    private var currentKnown = false
    /// Rows whose customer is not in the frame (skipped).
    private(set) var orphans = 0

    init(ids: [Int64]) {
        self.ids = ids
        start = [0]
        start.reserveCapacity(ids.count + 1)
    }

    /// Call before appending a row of customer `id`; append the row only when it returns true.
    mutating func enter(_ id: Int64) -> Bool {
        if id != current {
            current = id
            while next < ids.count, ids[next] < id { close() }
            currentKnown = next < ids.count && ids[next] == id
        }
        if currentKnown { rows += 1 } else { orphans += 1 }
        return currentKnown
    }

    /// The dense index of the customer rows are being appended for.
    var customer: Int { next }

    private mutating func close() {
        start.append(rows)
        next += 1
    }

    /// Closes the remaining customers and returns the offsets (`ids.count + 1` of them).
    mutating func finish() -> [Int] {
        while next < ids.count { close() }
        return start
    }
}
