/// Where "now" comes from, so that tests and imports can fix it.
public protocol Clock: Sendable {
    var now: Instant { get }
}

/// The system's clock, read through the C library.
public struct SystemClock: Clock {
    public init() {}
    public var now: Instant {
        Instant(secondsSinceEpoch: Int64(_systemTimeSeconds()))
    }
}

/// A clock that always says the same time.
public struct FixedClock: Clock {
    public var now: Instant
    public init(_ now: Instant) { self.now = now }
}
