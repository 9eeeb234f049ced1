import Hummingbird

/// Answers `405 Method Not Allowed`, with the methods the path does take in `Allow`, when a
/// request names a route with a method it does not have (`TRACE /health`, `DELETE /api/v1/orders`),
/// instead of the router's 404, which would say the path does not exist.
///
/// Add it to the router after every route: Hummingbird wraps routes only in the middleware added
/// before them, and its not-found responder in all, so this runs for unmatched requests only.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    /// Each route's path split into components (`{name}` matches any one) and its methods.
    private let routes: [(components: [String], methods: [String])]

    init(routes: [Router<ServerContext>.RouteDescription]) {
        var methodsByPath: [String: [String]] = [:]
        for route in routes { methodsByPath[route.path.description, default: []].append(route.method.rawValue) }
        self.routes = methodsByPath.map { path, methods in
            (path.split(separator: "/").map(String.init), methods.sorted())
        }
    }

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = methods(for: request.uri.path)
            // A 404 from inside a route of this very method is a real "not found".
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            throw APIError(
                .methodNotAllowed, code: "method_not_allowed",
                message: "\(request.method.rawValue) is not a method of \(request.uri.path); it takes \(allowed.joined(separator: ", "))",
                allow: allowed)
        }
    }

    /// The methods of the route whose path matches `path`, empty when none does.
    func methods(for path: String) -> [String] {
        let components = path.split(separator: "/")
        for route in routes where route.components.count == components.count {
            let matches = zip(route.components, components).allSatisfy { pattern, component in
                pattern.hasPrefix("{") || pattern == component
            }
            if matches { return route.methods }
        }
        return []
    }
}
