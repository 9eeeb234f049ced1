import Dispatch
import PostgresNIO

/// A connection taken from the pool for as long as synchronous code needs it (an import
/// transaction spans many calls of the importer), and given back by ``giveBack()``.
final class LeasedConnection: @unchecked Sendable {
    let connection: PostgresConnection
    private let lease: PendingWork<Void>
    private let returned: AsyncStream<Void>.Continuation

    /// Blocks until the pool hands over a connection; throws when it cannot make one.
    init(from client: PostgresClient) throws {
        final class HandOver: @unchecked Sendable {
            var connection: PostgresConnection?
            let ready = DispatchSemaphore(value: 0)
        }
        let handOver = HandOver()
        let (stream, returned) = AsyncStream<Void>.makeStream()
        lease = PendingWork {
            do {
                try await client.withConnection { connection in
                    handOver.connection = connection
                    handOver.ready.signal()
                    for await _ in stream {}
                }
            } catch {
                if handOver.connection == nil { handOver.ready.signal() }
                throw error
            }
        }
        handOver.ready.wait()
        guard let connection = handOver.connection else {
            try lease.wait()
            preconditionFailure("the pool neither handed over a connection nor failed")
        }
        self.connection = connection
        self.returned = returned
    }

    /// Runs `operation` on the connection, blocking until it ends.
    @discardableResult
    func run<Value: Sendable>(_ operation: @escaping @Sendable (PostgresConnection) async throws -> Value) throws -> Value {
        let connection = connection
        return try blocking { try await operation(connection) }
    }

    /// Gives the connection back to the pool. Call it once, after the last ``run(_:)``.
    func giveBack() {
        returned.finish()
        _ = try? lease.wait()
    }
}
