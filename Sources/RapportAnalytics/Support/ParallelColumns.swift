import Dispatch

/// Runs independent pieces of work on every core and returns their results in order.
public enum ParallelColumns {
    /// Calls `work` for `0 ..< count` concurrently and returns the results indexed like the calls.
    public static func map<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in results.set(index, work(index)) }
        return results.values
    }
}

/// One slot per concurrent task in memory allocated once; each task writes only its own slot, and
/// the values are read after `concurrentPerform` has returned.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(_ count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) { slots[index] = value }

    var values: [T] { slots.map { $0! } }
}
