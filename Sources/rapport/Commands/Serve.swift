import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import RapportServer

/// `rapport serve`: the API and the pages until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON API (/api/v1, described at /openapi.json) and the pages.",
        discussion: """
            Sign in with a user made by `rapport user add`; integrations send an API token from \
            `rapport user token`. Stops on Ctrl-C or SIGTERM after finishing the requests in flight.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    @Flag(help: "Mark the session cookie Secure (when users reach the server over HTTPS).")
    var secureCookies = false

    @Option(help: "Seconds between two decisions of due campaign waves; 0 leaves them to `rapport campaign run`.")
    var campaignInterval = 60

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; not '\(logLevel)'")
        }
        let store = try options.open(durableCommits: true)
        let configuration = ServerConfiguration(
            host: host, port: port, secureCookies: secureCookies, uploadsDirectory: options.uploadsDirectory,
            campaignInterval: campaignInterval > 0 ? .seconds(campaignInterval) : nil)
        try await ServerRunner.run(store: store, configuration: configuration, logLevel: level)
    }
}

/// Starts the server with logging and metrics bootstrapped once for the process.
enum ServerRunner {
    static func run(store: any ServerStore, configuration: ServerConfiguration, logLevel: Logger.Level) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var logger = Logger(label: "rapport")
        logger.logLevel = logLevel
        if try store.users().isEmpty {
            logger.warning("no user yet: create the first admin with `rapport user add EMAIL --role admin`")
        }
        print("Rapport serving on http://\(configuration.host):\(configuration.port) (Ctrl-C to stop)")
        // Standard output into a pipe or a file is block-buffered: what was printed (the demo's
        // sign-in line) must show now, not when the server stops.
        fflush(nil)
        let app = ServerApplication.application(store: store, configuration: configuration, registry: registry, logger: logger)
        try await app.runService()
    }
}
