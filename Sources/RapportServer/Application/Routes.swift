/// Which paths are pages (HTML answers, sign-in by redirect) and which are the API (JSON).
enum Routes {
    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/api/") || path == "/openapi.json" || path == "/health" || path == "/metrics")
    }
}
