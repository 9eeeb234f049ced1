import Foundation
import RapportCore
import RapportSQLite
import Testing

/// Ids of orders and events are remembered between transactions of one process, and read again
/// as soon as another process (another connection) has written: never an id twice.
@Suite("Next ids across connections")
struct NextIDTests {
    static let now = Instant(secondsSinceEpoch: 1_780_000_000)

    /// Adds `count` events, each under the next id the store gives, and returns those ids.
    func addEvents(_ count: Int, prefix: String, to store: SQLiteKnowledgeBase) throws -> [Int64] {
        try store.importing { tx in
            var ids: [Int64] = []
            for i in 0..<count {
                let id = try tx.nextID(.events)
                let event = Event(externalID: "\(prefix)\(i)", customerExternalID: "C1", type: try Token("visit", field: "type"), at: Self.now)
                try tx.insert(event, fingerprint: 0, id: id, customerID: 1)
                ids.append(id)
            }
            return ids
        }
    }

    @Test func twoProcessesOnOneFileNeverShareAnId() throws {
        let path = NSTemporaryDirectory() + "rapport-next-ids-\(UUID().uuidString).sqlite"
        let first = try SQLiteKnowledgeBase(path: path)
        let second = try SQLiteKnowledgeBase(path: path)
        try first.importing { tx in try tx.insert(Customer(externalID: "C1"), fields: .all, fingerprint: 0, id: 1, now: Self.now) }

        var ids = try addEvents(3, prefix: "a", to: first)
        #expect(ids == [1, 2, 3])
        ids += try addEvents(2, prefix: "b", to: first)  // from memory
        ids += try addEvents(2, prefix: "c", to: second)  // the other connection reads max(id)
        ids += try addEvents(2, prefix: "d", to: first)  // the other wrote: read again, not memory
        #expect(ids == Array(1...9))

        // A transaction that fails gives its ids back; one that inserts its own id moves memory on.
        #expect(throws: CancellationError.self) {
            try first.importing { tx -> Void in
                _ = try tx.nextID(.events)
                throw CancellationError()
            }
        }
        try first.importing { tx in
            try tx.insert(
                Event(externalID: "e", customerExternalID: "C1", type: try Token("visit", field: "type"), at: Self.now),
                fingerprint: 0, id: 20, customerID: 1)
        }
        #expect(try addEvents(1, prefix: "f", to: first) == [21])
        #expect(try first.scalar("SELECT count(DISTINCT id) FROM events") == 11)
    }
}
