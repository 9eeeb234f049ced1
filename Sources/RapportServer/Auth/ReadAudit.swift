import RapportCore
import RapportEngine
public import ServiceLifecycle

/// Records in the audit log who read which customer's personal data (the 360 view of the API and
/// of the pages). Reads are gathered and written together, at most a second after the first of a
/// batch, so that a read costs no write transaction of its own; a server killed in that second
/// loses those lines (stopping the server normally flushes them).
public actor ReadAudit: Service {
    struct Read: Sendable {
        var actor: String
        var customerID: Int64
        var at: Instant
        var via: String
    }

    private let store: any ServerStore
    private var pending: [Read] = []
    private var flushScheduled = false
    static let largestBatch = 1000

    public init(store: any ServerStore) {
        self.store = store
    }

    /// Waits for the server's graceful shutdown, then writes what is pending.
    public func run() async throws {
        try? await gracefulShutdown()
        await flush()
    }

    /// Notes that `user` read customer `customerID` through `via` (`api` or `page`).
    func record(user: AuthenticatedUser?, customerID: Int64, at: Instant, via: String) {
        pending.append(Read(actor: user.map { $0.user.email } ?? "anonymous", customerID: customerID, at: at, via: via))
        if pending.count >= Self.largestBatch {
            Task { await flush() }
        } else if !flushScheduled {
            flushScheduled = true
            Task {
                try? await Task.sleep(for: .seconds(1))
                await flush()
            }
        }
    }

    /// Writes what is pending, in one transaction.
    public func flush() async {
        flushScheduled = false
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        let store = store
        do {
            try await offload {
                try store.editingRecords { editor in
                    var trail = AuditTrail(editor)
                    for read in batch {
                        try trail.append(
                            action: "read", subject: AuditEntry.customer(read.customerID), details: ["via": read.via],
                            actor: read.actor, at: read.at)
                    }
                }
            }
        } catch {
            // The reads stay pending for the next flush rather than being lost.
            pending = batch + pending
        }
    }
}
