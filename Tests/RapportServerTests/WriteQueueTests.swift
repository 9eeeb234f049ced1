import Foundation
import RapportCore
import RapportIngest
import Synchronization
import Testing

@testable import RapportServer

/// Group commit: requests that wait together commit together, and a group that fails is retried
/// one request at a time so that only the failing request is answered with the failure.
@Suite("Write queue")
struct WriteQueueTests {
    let fixture = ServerFixture.shared
    let unique = "Q" + UUID().uuidString.prefix(8)

    struct Refused: Error {}

    func customers(_ ids: [String]) throws -> PreparedRecords {
        let body = "[" + ids.map { #"{"customer_id": "\#($0)"}"# }.joined(separator: ",") + "]"
        return try RecordIngestion.prepare(.customers, body: Array(body.utf8))
    }

    @Test func aFailedGroupIsRetriedRequestByRequest() async throws {
        let store = fixture.store
        let groups = Mutex<[Int]>([])
        let firstGroupMayCommit = DispatchSemaphore(value: 0)
        // Two records mark the request this stand-in refuses, whatever it is grouped with.
        let queue = WriteQueue { group in
            let isFirst = groups.withLock { groups in
                groups.append(group.count)
                return groups.count == 1
            }
            if isFirst { firstGroupMayCommit.wait() }
            if group.contains(where: { $0.received == 2 }) { throw Refused() }
            return try store.importing { transaction in try group.map { try $0.apply(in: transaction) } }
        }
        let first = try customers(["\(unique)-1"])
        let refused = try customers(["\(unique)-2", "\(unique)-3"])
        let last = try customers(["\(unique)-4"])

        let firstAnswer = Task { try await queue.apply(first) }
        while groups.withLock({ $0.count }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        // While the first group commits, two requests queue behind it.
        let refusedAnswer = Task { try await queue.apply(refused) }
        let lastAnswer = Task { try await queue.apply(last) }
        while await queue.waitingCount < 2 { try await Task.sleep(for: .milliseconds(1)) }
        firstGroupMayCommit.signal()

        #expect(try await firstAnswer.value.counts.inserted == 1)
        await #expect(throws: Refused.self) { try await refusedAnswer.value }
        #expect(try await lastAnswer.value.counts.inserted == 1, "the request grouped with a failing one is still applied")
        #expect(groups.withLock { $0 } == [1, 2, 1, 1], "the group of two failed, then each was tried alone")
        let stored = try fixture.store.scalar(
            "SELECT count(*) FROM customers WHERE external_id IN ('\(unique)-1', '\(unique)-2', '\(unique)-3', '\(unique)-4')")
        #expect(stored == 2)
    }
}
