/// A store whose write-ahead log can be folded into its main file by a background task instead of
/// by the writer: a server whose commits must stay short (tracking answers in milliseconds) calls
/// ``moveCheckpointsOffTheWriter()`` once, then ``checkpoint()`` regularly.
public protocol BackgroundCheckpointing: Sendable {
    /// Stops the writer from checkpointing when it commits. From then on ``checkpoint()`` must be
    /// called regularly, or the log grows without bound.
    func moveCheckpointsOffTheWriter() throws
    /// Copies what the log holds into the main file as far as readers allow, without blocking
    /// writers (a passive checkpoint), from a connection of its own.
    func checkpoint() throws
}
