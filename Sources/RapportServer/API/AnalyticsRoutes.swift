import Hummingbird
import RapportCore

extension OverviewBody: ResponseEncodable {}
extension AnalysisBody: ResponseEncodable {}
extension ScoresBody: ResponseEncodable {}

/// `/api/v1/analytics`: the base in figures and the latest analysis; a customer's scores.
struct AnalyticsRoutes {
    let store: any ServerStore
    let insights: InsightsCache

    func add(to group: RouterGroup<ServerContext>) {
        group.get("analytics/overview", use: overview)
        group.get("analytics/latest", use: latest)
        group.get("customers/{reference}/scores", use: scores)
    }

    @Sendable func overview(_ request: Request, context: ServerContext) async throws -> OverviewBody {
        OverviewBody(try await insights.current())
    }

    @Sendable func latest(_ request: Request, context: ServerContext) async throws -> AnalysisBody {
        guard let record = try await insights.current().latestAnalysis else {
            throw APIError.notFound("no analysis has run yet: run `rapport analyze`")
        }
        return AnalysisBody(record)
    }

    @Sendable func scores(_ request: Request, context: ServerContext) async throws -> ScoresBody {
        let reference = try context.parameters.decoded("reference")
        let store = self.store
        return try await offload {
            guard let id = try store.customerID(lookingUp: reference), let view = try store.customer360(id: id, recentLimit: 0) else {
                throw APIError.notFound("no customer \(reference): give an external id, an e-mail or a phone number")
            }
            let history = try store.scoreHistory(customerID: id, limit: 100).map {
                ScoresBody.HistoryEntry(
                    computedAt: $0.computedAt.description, rfmSegment: $0.rfmSegment, probabilityAlive: $0.probabilityAlive,
                    lifetimeValue: $0.lifetimeValue, valueTier: $0.valueTier, potentialTier: $0.potentialTier,
                    lifecycleStage: $0.lifecycleStage, tacticalTarget: $0.tacticalTarget)
            }
            return ScoresBody(
                customer: view.customer.externalID, current: try store.scores(customerID: id).map(Customer360Body.Scores.init),
                history: history)
        }
    }
}
