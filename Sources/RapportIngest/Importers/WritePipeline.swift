import Foundation

/// Runs an import on both cores: one thread reads, validates and decides (the producer), while
/// the thread that owns the store's transaction applies the writes (the consumer). Writes travel
/// in chunks through a bounded queue, in the order they were decided.
///
/// Guarantees: `run` returns only after the producer has stopped; an error on either side stops
/// both, and the first error is rethrown, so the caller's transaction rolls back as a whole.
final class WritePipeline: @unchecked Sendable {
    struct Cancelled: Error {}

    /// Writes per chunk, and chunks the queue holds before the producer waits.
    static let chunkSize = 1024
    static let capacity = 16

    private let condition = NSCondition()
    private var chunks: [[StoreWrite]] = []
    private var producerDone = false
    private var producerError: (any Error)?
    private var consumerFailed = false
    private var current: [StoreWrite] = []

    init() {
        current.reserveCapacity(Self.chunkSize)
    }

    /// Producer side: queues one write, waiting while the queue is full. Throws when the consumer
    /// has failed, so that reading stops.
    func send(_ write: StoreWrite) throws {
        current.append(write)
        if current.count >= Self.chunkSize { try flush() }
    }

    /// Producer side: throws once the consumer has failed, so that a file full of rejected rows
    /// (which sends nothing) stops being read too.
    func stopIfWriterFailed() throws {
        condition.lock()
        defer { condition.unlock() }
        if consumerFailed { throw Cancelled() }
    }

    /// Producer side: hands over the writes not yet sent.
    func flush() throws {
        guard !current.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.capacity && !consumerFailed { condition.wait() }
        if consumerFailed { throw Cancelled() }
        chunks.append(current)
        current = []
        current.reserveCapacity(Self.chunkSize)
        condition.broadcast()
    }

    private func producerFinished(_ error: (any Error)?) {
        condition.lock()
        producerDone = true
        producerError = error
        condition.broadcast()
        condition.unlock()
    }

    private func nextChunk() -> [StoreWrite]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !producerDone { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    private func consumerFailedWaitingForProducer() {
        condition.lock()
        consumerFailed = true
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }

    /// Runs `produce` on a new thread and `consume` on this one until the producer is done and
    /// every write has been consumed.
    func run(produce: @escaping () throws -> Void, consume: ([StoreWrite]) throws -> Void) throws {
        let producer = UncheckedBox(produce)
        let thread = Thread { [self] in
            do {
                try producer.value()
                try flush()
                producerFinished(nil)
            } catch {
                producerFinished(error)
            }
        }
        thread.stackSize = 16 << 20
        thread.start()
        do {
            while let chunk = nextChunk() { try consume(chunk) }
        } catch {
            consumerFailedWaitingForProducer()
            throw error
        }
        condition.lock()
        let error = producerError
        condition.unlock()
        if let error { throw error }
    }
}

/// Carries a value that is not `Sendable` to the producer thread. Safe here because the value is
/// used by that thread alone until the pipeline's lock hands control back.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
