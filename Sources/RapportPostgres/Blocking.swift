import Dispatch
import Foundation

/// Runs the asynchronous work of postgres-nio for the synchronous store protocols.
///
/// The work runs on tasks whose preferred executor is this one: threads of its own, neither Swift
/// concurrency's cooperative pool nor Dispatch's global queues (on Linux both share one thread per
/// core). A caller blocked on the work, even on a cooperative thread of a server under load or of
/// a test run, cannot starve the work it waits for. Jobs are short (the work awaits the network
/// most of the time), except a scan's body, which runs here while its caller waits.
final class BlockingExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = BlockingExecutor(threads: max(4, ProcessInfo.processInfo.activeProcessorCount))

    private let condition = NSCondition()
    // A queue as an array and the index of its head, compacted as it drains.
    private var jobs: [UnownedJob] = []
    private var head = 0

    private init(threads: Int) {
        for number in 1...threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "rapport-postgres-\(number)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 4096 {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Work started on the ``BlockingExecutor`` whose result is waited for later: a COPY that runs
/// while the importer reads the next rows.
final class PendingWork<Value: Sendable>: @unchecked Sendable {
    // Written once by the task before it signals, read by the waiter after: the semaphore orders them.
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    init(_ operation: sending @escaping () async throws -> Value) {
        Task(executorPreference: BlockingExecutor.shared) {
            do {
                self.result = .success(try await operation())
            } catch {
                self.result = .failure(error)
            }
            self.done.signal()
        }
    }

    /// Blocks until the work ends, then returns its value or throws its error. Call it once.
    func wait() throws -> Value {
        precondition(!waited, "PendingWork.wait() called twice")
        waited = true
        done.wait()
        return try result!.get()
    }
}

/// At most one piece of work in flight on a connection, the caller preparing the next meanwhile:
/// the batches of a `COPY` that is fed while its rows are built.
final class OneInFlight {
    private var work: PendingWork<Void>?

    /// Waits for the work in flight, if any, then starts `operation`.
    func start(_ operation: sending @escaping () async throws -> Void) throws {
        try wait()
        work = PendingWork(operation)
    }

    /// Blocks until the work in flight, if any, has ended; throws its error.
    func wait() throws {
        guard let work else { return }
        self.work = nil
        try work.wait()
    }
}

/// Runs `operation` and blocks the calling thread until it ends.
func blocking<Value: Sendable>(_ operation: sending @escaping () async throws -> Value) throws -> Value {
    try PendingWork(operation).wait()
}

/// Lets a non-escaping closure be called from the task that ``blocking(_:)`` runs: safe because the
/// caller waits for that task to end its work before the closure goes out of scope, and the task
/// calls it from one place at a time. It holds a pointer, not the closure: the task may outlive
/// the call by a moment, and must not keep the closure's context alive (Swift checks that a
/// closure made escapable did not escape).
struct UncheckedSendable<Value>: @unchecked Sendable {
    private let pointer: UnsafePointer<Value>

    init(_ pointer: UnsafePointer<Value>) {
        self.pointer = pointer
    }

    var value: Value { pointer.pointee }
}

/// Runs `operation` with `body` made callable from it, blocking until it ends: for scans that hand
/// each decoded row to the caller's closure as it arrives.
func blocking<Argument, Value: Sendable>(
    passing body: (Argument) throws -> Void,
    _ operation: @escaping @Sendable (_ body: UncheckedSendable<(Argument) throws -> Void>) async throws -> Value
) throws -> Value {
    try withoutActuallyEscaping(body) { escapable in
        try withUnsafePointer(to: escapable) { pointer in
            let boxed = UncheckedSendable(pointer)
            return try blocking { try await operation(boxed) }
        }
    }
}
