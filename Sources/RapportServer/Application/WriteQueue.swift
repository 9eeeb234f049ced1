import RapportCore
import RapportIngest

/// Group commit for the API's writes. Requests whose records arrive while the base is committing
/// another group wait, and are then applied together in one transaction: one commit, one `fsync`
/// with `synchronous = FULL`, acknowledges them all. Each request still gets its own result, and
/// is answered only once its group is on disk.
///
/// A group whose transaction fails is retried one request per transaction, so that one request's
/// failure is never another's. Records are checked and laid out (``RecordIngestion/prepare``)
/// before they queue, in parallel with the commit under way.
actor WriteQueue {
    private struct Waiting {
        let records: PreparedRecords
        let continuation: CheckedContinuation<IngestedRecords, any Error>
    }

    /// Applies a group of requests in one transaction, answering each; throws if it rolled back.
    typealias Commit = @Sendable ([PreparedRecords]) throws -> [IngestedRecords]

    private let commit: Commit
    /// A group takes requests until it holds this many records (at least one request).
    private let recordsPerGroup: Int
    private var waiting: [Waiting] = []
    private var draining = false

    /// A queue writing to `store`.
    init(store: any ServerStore, recordsPerGroup: Int = 20_000) {
        self.init(recordsPerGroup: recordsPerGroup) { group in
            try store.importing { transaction in try group.map { try $0.apply(in: transaction) } }
        }
    }

    /// A queue applying its groups with `commit` (the store's transaction, or a test's stand-in).
    init(recordsPerGroup: Int = 20_000, commit: @escaping Commit) {
        self.commit = commit
        self.recordsPerGroup = recordsPerGroup
    }

    /// Requests waiting for the group under way to commit.
    var waitingCount: Int { waiting.count }

    /// Applies `records` with the requests that wait with them; returns once they are committed.
    func apply(_ records: PreparedRecords) async throws -> IngestedRecords {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(records: records, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            var count = 0
            var records = 0
            while count < waiting.count, count == 0 || records + waiting[count].records.received <= recordsPerGroup {
                records += waiting[count].records.received
                count += 1
            }
            let group = Array(waiting.prefix(count))
            waiting.removeFirst(count)
            let results = await Self.commit(group.map(\.records), with: commit)
            for (request, result) in zip(group, results) { request.continuation.resume(with: result) }
        }
        draining = false
    }

    /// One transaction for the group; if it fails, one per request.
    private static func commit(_ group: [PreparedRecords], with commit: @escaping Commit) async -> [Result<IngestedRecords, any Error>] {
        let together = await attempt { try await offload { try commit(group) } }
        switch together {
        case .success(let results): return results.map { .success($0) }
        case .failure(let error) where group.count == 1: return [.failure(error)]
        case .failure:
            var results: [Result<IngestedRecords, any Error>] = []
            for records in group {
                results.append(await attempt { try await offload { try commit([records])[0] } })
            }
            return results
        }
    }

    private static func attempt<Value>(_ body: () async throws -> Value) async -> Result<Value, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
