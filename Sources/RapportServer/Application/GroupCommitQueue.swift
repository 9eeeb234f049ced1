import RapportCore
import RapportIngest

/// Group commit for the API's writes: records (``RecordIngestion/prepare`` checks and lays them
/// out before they queue, in parallel with the commit under way).
typealias WriteQueue = GroupCommitQueue<PreparedRecords, IngestedRecords>

extension GroupCommitQueue where Request == PreparedRecords, Outcome == IngestedRecords {
    /// A queue writing to `store`.
    init(store: any ServerStore, recordsPerGroup: Int = 20_000) {
        self.init(recordsPerGroup: recordsPerGroup) { group in
            try store.importing { transaction in try group.map { try $0.apply(in: transaction) } }
        }
    }

    /// A queue applying its groups with `commit` (the store's transaction, or a test's stand-in).
    init(recordsPerGroup: Int = 20_000, commit: @escaping Commit) {
        self.init(weightPerGroup: recordsPerGroup, weight: \.received, commit: commit)
    }
}

/// Group commit. Requests that arrive while the base is committing another group wait, and are
/// then applied together in one transaction: one commit, one `fsync` with `synchronous = FULL`,
/// acknowledges them all. Each request still gets its own result, and is answered only once its
/// group is on disk.
///
/// A group whose transaction fails is retried one request per transaction, so that one request's
/// failure is never another's.
actor GroupCommitQueue<Request: Sendable, Outcome: Sendable> {
    private struct Waiting {
        let request: Request
        let continuation: CheckedContinuation<Outcome, any Error>
    }

    /// Applies a group of requests in one transaction, answering each; throws if it rolled back.
    typealias Commit = @Sendable ([Request]) throws -> [Outcome]

    private let commit: Commit
    private let weight: @Sendable (Request) -> Int
    /// A group takes requests until their weights add up to this (at least one request).
    private let weightPerGroup: Int
    private var waiting: [Waiting] = []
    private var draining = false

    init(weightPerGroup: Int, weight: @escaping @Sendable (Request) -> Int, commit: @escaping Commit) {
        self.commit = commit
        self.weight = weight
        self.weightPerGroup = weightPerGroup
    }

    /// Requests waiting for the group under way to commit.
    var waitingCount: Int { waiting.count }

    /// Applies `request` with the requests that wait with it; returns once they are committed.
    func apply(_ request: Request) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(request: request, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            var count = 0
            var total = 0
            while count < waiting.count, count == 0 || total + weight(waiting[count].request) <= weightPerGroup {
                total += weight(waiting[count].request)
                count += 1
            }
            let group = Array(waiting.prefix(count))
            waiting.removeFirst(count)
            let results = await Self.commit(group.map(\.request), with: commit)
            for (request, result) in zip(group, results) { request.continuation.resume(with: result) }
        }
        draining = false
    }

    /// One transaction for the group; if it fails, one per request.
    private static func commit(_ group: [Request], with commit: @escaping Commit) async -> [Result<Outcome, any Error>] {
        let together = await attempt { try await offload { try commit(group) } }
        switch together {
        case .success(let results): return results.map { .success($0) }
        case .failure(let error) where group.count == 1: return [.failure(error)]
        case .failure:
            var results: [Result<Outcome, any Error>] = []
            for request in group {
                results.append(await attempt { try await offload { try commit([request])[0] } })
            }
            return results
        }
    }

    private static func attempt<Value>(_ body: () async throws -> Value) async -> Result<Value, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
