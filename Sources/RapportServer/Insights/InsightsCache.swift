import RapportAnalytics
import RapportCore

/// The base's summary and insights, computed once and shared by the dashboard, the analytics
/// pages and the API: they read every order, so no request computes them on its own.
///
/// An entry serves for `lifetime`, or until a write through the server marks it stale; concurrent
/// requests for a missing entry wait for one computation.
actor InsightsCache {
    struct Entry: Sendable {
        var summary: KnowledgeBaseSummary
        var insights: BaseInsights
        var latestAnalysis: AnalysisRecord?
        var computedAt: ContinuousClock.Instant
    }

    private let store: any ServerStore
    private let lifetime: Duration
    private var entry: Entry?
    private var computing: Task<Entry, any Error>?
    private var generation = 0

    init(store: any ServerStore, lifetime: Duration = .seconds(300)) {
        self.store = store
        self.lifetime = lifetime
    }

    /// The current entry, computing it when there is none or it is too old.
    func current() async throws -> Entry {
        if let entry, ContinuousClock.now - entry.computedAt < lifetime { return entry }
        if let computing { return try await computing.value }
        let store = self.store
        let started = generation
        let task = Task { try await offload { try InsightsCache.compute(store) } }
        computing = task
        defer { computing = nil }
        let fresh = try await task.value
        // A write that landed while computing may not be in it: serve it once, but do not keep it.
        if started == generation { entry = fresh }
        return fresh
    }

    /// Forgets the entry: the next request computes it again.
    func invalidate() {
        entry = nil
        generation += 1
    }

    static func compute(_ store: any ServerStore) throws -> Entry {
        let summary = try store.summary()
        let asOf = summary.lastOrder?.utcDate ?? SystemClock().now.utcDate
        return Entry(
            summary: summary, insights: try BaseInsights.compute(from: store, asOf: asOf),
            latestAnalysis: try store.latestAnalysis(), computedAt: .now)
    }
}
