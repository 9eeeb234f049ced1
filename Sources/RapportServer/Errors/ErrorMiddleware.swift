import Hummingbird
import Logging

/// Turns every error a route throws into the answer its caller can read: JSON for the API, an
/// HTML page for the pages. Unexpected errors are logged with the request id and answered 500
/// without their details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError: APIError
            if let mapped = ErrorMapping.apiError(for: error) {
                apiError = mapped
            } else {
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
                apiError = APIError(.internalServerError, code: "internal", message: "something went wrong on the server; it has been logged")
            }
            if Routes.isPage(request.uri.path) {
                return ErrorPage.response(for: apiError, context: context)
            }
            return try apiError.response(from: request, context: context)
        }
    }
}
