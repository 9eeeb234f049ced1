/// Memory that readers own and hand out as byte buffers, valid until the next `reset()`: unlike
/// pointers taken inside `withUnsafeBytes`, these stay valid outside the closure that made them.
final class ByteArena {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// Forgets every range handed out so far (their bytes may be overwritten).
    func reset() {
        used = 0
    }

    /// Copies `text`'s UTF-8 bytes in and returns where they are. Growing moves the memory, so
    /// call `bytes(_:)` only once all appends of a record are done.
    func append(_ text: String) -> Range<Int> {
        var text = text
        return text.withUTF8 { utf8 in
            if used + utf8.count > capacity {
                let grown = max(capacity * 2, used + utf8.count)
                let moved = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
                moved.copyMemory(from: base, byteCount: used)
                base.deallocate()
                base = moved
                capacity = grown
            }
            if let source = utf8.baseAddress { (base + used).copyMemory(from: source, byteCount: utf8.count) }
            let range = used..<(used + utf8.count)
            used += utf8.count
            return range
        }
    }

    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}
