import GRDB
import Synchronization

/// The next free id of `orders` and `events`, remembered between write transactions.
///
/// Their primary key is `(customer_id, id)`, so `max(id)` reads a whole index: 0.6 s for 10M
/// orders, paid by every write that adds one. A process remembers the next id after its own
/// commits, and trusts that memory only while no other connection has committed since
/// (`PRAGMA data_version` of the writer connection is unchanged); otherwise it reads `max(id)`
/// again. Ids are never reused while they may be stored: a remembered value is never lower than
/// what this connection wrote, and it is forgotten as soon as another connection writes.
final class NextIDs: Sendable {
    /// Tables whose `max(id)` is not a lookup.
    static let remembered: Set<String> = ["orders", "events"]

    private struct State {
        var dataVersion: Int64?
        var next: [String: Int64] = [:]
    }

    private let state = Mutex(State())

    /// The remembered next id of `table`, when nothing was committed by another connection since.
    func next(of table: String, dataVersion: Int64) -> Int64? {
        state.withLock { $0.dataVersion == dataVersion ? $0.next[table] : nil }
    }

    /// After a commit: what the transaction learned (`known`: next ids read or confirmed at
    /// `dataVersion`) and the highest ids it inserted.
    func committed(dataVersion: Int64, known: [String: Int64], inserted: [String: Int64]) {
        state.withLock { state in
            if state.dataVersion != dataVersion {
                state = State(dataVersion: dataVersion)
            }
            for (table, next) in known { state.next[table] = max(state.next[table] ?? next, next) }
            for (table, highest) in inserted {
                // A table this transaction did not read is only moved forward if already known.
                if let next = state.next[table] { state.next[table] = max(next, highest + 1) }
            }
        }
    }

    /// Forgets everything: after rows were written with ids of their own (a copied base).
    func forget() {
        state.withLock { $0 = State() }
    }
}
