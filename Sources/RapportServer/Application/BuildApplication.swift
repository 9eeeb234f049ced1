public import Hummingbird
import HummingbirdAuth
public import Logging
public import Prometheus
public import RapportCore

/// Rapport's HTTP server: the JSON API under `/api/v1`, its OpenAPI document, the pages, health
/// and metrics. Every route but `/health`, `/openapi.json` and the login form needs a signed-in
/// user or an API token with the route's role.
public enum ServerApplication {
    /// The router with every route and middleware: what `app.test(.router)` drives in tests.
    public static func router(
        store: any ServerStore, configuration: ServerConfiguration, registry: PrometheusCollectorRegistry,
        sessions: any PersistDriver, clock: any RapportCore.Clock = SystemClock(), readAudit: ReadAudit? = nil
    ) -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        let insights = InsightsCache(store: store)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(
            middleware: SessionMiddleware(
                storage: sessions,
                configuration: .init(
                    sessionCookieParameters: .init(name: "rapport_session", secure: configuration.secureCookies, sameSite: .lax),
                    defaultSessionExpiration: configuration.sessionLifetime)))
        router.add(middleware: Authentication(store: store, clock: clock, tokens: TokenCache()))

        let system = SystemRoutes(store: store, registry: registry)
        system.addPublic(to: router)
        let auth = AuthRoutes(store: store, configuration: configuration)
        auth.addPublic(to: router)
        let trackingKeys = TrackingKeys(store: store)
        let reactions = ReactionQueue(store: store, clock: clock)
        TrackingRoutes(keys: trackingKeys, reactions: reactions, clock: clock).add(to: router)
        SurveyRoutes(keys: trackingKeys, reactions: reactions, clock: clock).add(to: router)
        PreferenceRoutes(store: store, keys: trackingKeys, clock: clock).add(to: router)

        let reading = router.group().add(middleware: RequireRole(.analyst))
        system.addMetrics(to: reading)
        auth.addSignedIn(to: reading)
        let readAudit = readAudit ?? ReadAudit(store: store)
        PageRoutes(store: store, configuration: configuration, clock: clock, insights: insights, readAudit: readAudit)
            .add(reading: reading, writing: router.group().add(middleware: RequireRole(.marketer)))
        let apiReading = router.group("api/v1").add(middleware: RequireRole(.analyst))
        let apiWriting = router.group("api/v1").add(middleware: RequireRole(.marketer))
        CustomerRoutes(store: store, configuration: configuration, readAudit: readAudit).add(to: apiReading)
        AnalyticsRoutes(store: store, insights: insights).add(to: apiReading)
        let segments = SegmentRoutes(store: store, clock: clock)
        segments.addReading(to: apiReading)
        segments.addWriting(to: apiWriting)
        RecordRoutes(store: store, configuration: configuration, clock: clock, insights: insights, writes: WriteQueue(store: store))
            .add(to: apiWriting)
        DeliveryRoutes(store: store, clock: clock).add(to: apiWriting)
        let imports = ImportRoutes(store: store, configuration: configuration, clock: clock, insights: insights)
        imports.addReading(to: apiReading)
        imports.addWriting(to: apiWriting)
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return router
    }

    /// The application, listening on the configured host and port; `runService()` runs it until
    /// SIGINT or SIGTERM, then stops accepting and finishes the requests in flight.
    public static func application(
        store: any ServerStore, configuration: ServerConfiguration, registry: PrometheusCollectorRegistry, logger: Logger
    ) -> some ApplicationProtocol {
        let sessions = StoredSessions(store: store, clock: SystemClock())
        let readAudit = ReadAudit(store: store)
        var app = Application(
            router: router(store: store, configuration: configuration, registry: registry, sessions: sessions, readAudit: readAudit),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Rapport"),
            logger: logger)
        app.addServices(sessions, readAudit)
        if let checkpointing = store as? any BackgroundCheckpointing {
            app.addServices(CheckpointService(store: checkpointing, logger: logger))
        }
        if let interval = configuration.campaignInterval {
            app.addServices(CampaignScheduler(store: store, interval: interval, logger: logger))
        }
        return app
    }
}
