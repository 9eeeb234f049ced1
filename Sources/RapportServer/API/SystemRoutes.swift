import Foundation
import Hummingbird
import Prometheus

/// `/health` (for load balancers: no authentication), `/openapi.json` and `/metrics`.
struct SystemRoutes {
    let store: any ServerStore
    let registry: PrometheusCollectorRegistry

    func addPublic(to router: Router<ServerContext>) {
        router.get("health") { _, _ in
            let store = self.store
            // A read of the smallest table proves the database answers.
            _ = try await offload { try store.user(id: 0) }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }

    /// Prometheus text format; needs a token (or session) with at least the analyst role.
    func addMetrics(to group: RouterGroup<ServerContext>) {
        group.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: self.registry.emitToBuffer())))
        }
    }
}
