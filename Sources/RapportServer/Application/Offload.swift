import NIOPosix

/// Runs a synchronous store call on NIO's blocking thread pool, so that SQLite reads and bcrypt
/// never hold an event loop or a cooperative thread.
func offload<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await NIOThreadPool.singleton.runIfActive(body)
}
