import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// Builds the application: connection pool, migrations at start, the
/// first administrator, background jobs and the router. `serve` and the
/// tests call the same function.
public func buildApplication(
    _ config: AppConfiguration, postgres: PostgresClient.Configuration, clock: any WallClock = SystemClock(), logger: Logger
) throws -> some ApplicationProtocol {
    try makeApplication(config, postgres: postgres, clock: clock, logger: logger).app
}

/// The application together with its dependencies (tests inspect the latter).
public func makeApplication(
    _ config: AppConfiguration, postgres: PostgresClient.Configuration, clock: any WallClock = SystemClock(), logger: Logger
) throws -> (app: Application<APIRulesResponder<TimeoutResponder<RouterResponder<AppRequestContext>>>>, deps: AppDependencies) {
    let database = Database.open(postgres, poolSize: config.databasePoolSize, logger: logger)
    let client = database.client
    let dbLogger = database.logger
    let migrations = try MigrationRunner.load(from: config.sqlDirectory)
    let sealer = try RulingSealer.load(
        base64: config.signingKey, file: config.signingKeyFile, defaultFile: config.defaultSigningKeyFile, logger: logger)
    let secret = try ServerSecret.load(
        base64: config.idempotencySecret, file: config.idempotencySecretFile, defaultFile: config.defaultIdempotencySecretFile,
        logger: logger)
    let deps = AppDependencies(
        configuration: config, database: database, migrations: migrations, clock: clock, sealer: sealer, secret: secret)

    let gate = StartGate()
    let sweeper = PeriodicService(name: "routing-sweep", interval: config.routingSweepInterval, logger: logger, gate: gate) {
        _ = try await deps.cases.routeWaiting(at: deps.now)
    }
    let housekeeping = PeriodicService(name: "housekeeping", interval: .seconds(3600), logger: logger, gate: gate) {
        let now = deps.clock.now()
        try await deps.cases.purgeIdempotencyKeys(before: now.addingTimeInterval(-24 * 3600))
        try await deps.sessions.purgeExpired(before: now.addingTimeInterval(-24 * 3600))
        try await deps.twoStep.purgeExpired(before: now.addingTimeInterval(-24 * 3600))
        try await deps.timers.purgeFired(before: now.addingTimeInterval(-TimerRetry.firedRetention))
        let purged = try await deps.purgeExpiredPersonalData()
        if purged > 0 { logger.notice("retention: purged personal data of closed cases", metadata: ["cases": "\(purged)"]) }
    }

    var services: [any Service] = [client, sweeper, housekeeping]
    if config.runWorkers {
        let transport = try makeMailTransport(config)
        services.append(
            PollingWorker(
                name: "timers", channel: "eenloket_timers", client: client, pollInterval: config.workerPollInterval,
                logger: logger.with(component: "timers"), gate: gate
            ) {
                try await deps.timers.fireDue(at: deps.now, limit: 100) == 100  // a full batch: more may be due
            })
        services.append(
            PollingWorker(
                name: "delivery", channel: "eenloket_outbox", client: client, pollInterval: config.workerPollInterval,
                logger: logger.with(component: "delivery"), gate: gate
            ) {
                // "Link kwijt?" requests first: what they queue goes out in the same round.
                try await deps.cases.processAccessLinks(at: deps.now)
                let done = try await deps.notifications.deliverDue(at: deps.now, limit: 50, via: transport)
                return done.sent + done.failed == 50
            })
    }
    var app = Application(
        responder: APIRulesResponder(
            base: TimeoutResponder(
                base: try buildRouter(deps).buildResponder(), timeout: config.requestTimeout,
                uploadTimeout: config.documentUploadTimeout),
            publicURL: config.effectivePublicURL),
        // A connection that sends nothing for the connection timeout is closed (an idle keep-alive, a
        // stalled body), and one that has not sent its request's head within it as well.
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestHeadTimeoutHandler(timeout: .init(config.connectionTimeout))],
                idleTimeout: .init(config.connectionTimeout))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "eenloket"),
        services: services,
        logger: logger)
    app.beforeServerStarts {
        do {
            // A shutdown signal during start-up cancels it; a database that does not answer ends it.
            try await cancelWhenGracefulShutdown {
                let started = try await TimeLimit.run(seconds: config.startupTimeLimit) {
                    try await migrations.apply(on: client, logger: dbLogger)
                    try await sealer.register(on: database, at: deps.now)
                    try await ensureAdministrator(config, deps: deps, logger: logger)
                    if config.contact == ServiceContact() && config.effectivePublicURL.lowercased().hasPrefix("https://") {
                        logger.warning(
                            "EENLOKET_CONTACT_NAME, _EMAIL and _URL are not set: the OpenAPI document and the privacy and accessibility statements name the project's own contact, not yours")
                    }
                    if config.clamd == nil {
                        logger.warning("documents are not scanned for malware: EENLOKET_CLAMD is not set")
                    }
                }
                guard started != nil else { throw StartupFailure.databaseUnreachable(seconds: Int(config.startupTimeLimit)) }
            }
            gate.open()
        } catch {
            gate.fail()
            logger.critical("start-up failed", metadata: ["cause": "\(StartupFailure.describe(error))"])
            throw error
        }
    }
    return (app, deps)
}

/// Why a start-up failed, in words that are safe to log (migrations and
/// server messages hold no personal data; other errors by their type only).
public enum StartupFailure: Error, CustomStringConvertible {
    case databaseUnreachable(seconds: Int)

    public var description: String {
        switch self {
        case .databaseUnreachable(let seconds): return "the database did not answer within \(seconds) s (the connection errors are logged above)"
        }
    }

    public static func describe(_ error: any Error) -> String {
        let error = DatabaseErrors.unwrap(error)
        switch error {
        case let known as MigrationError: return known.description
        case let known as StartupFailure: return known.description
        case is CancellationError: return "stopped during start-up"
        case let psql as PSQLError:
            return "database: \(psql.code)" + (psql.serverInfo?[.message].map { ": \($0)" } ?? "")
        default: return "\(type(of: error))"
        }
    }
}

/// When both `EENLOKET_ADMIN_*` variables are set, an active admin with that
/// password exists. Only a password that does not match already is set again:
/// a restart ends nobody's session.
private func ensureAdministrator(_ config: AppConfiguration, deps: AppDependencies, logger: Logger) async throws {
    guard let email = config.adminEmail, let password = config.adminPassword else { return }
    let stored = try await deps.staff.credentials(email: email)
    var current = false
    if let stored { current = try await deps.passwords.verify(password, hash: stored.passwordHash) }
    let hash = current ? (stored?.passwordHash ?? "") : try await deps.passwords.hash(password)
    try await deps.staff.ensureAdmin(email: email, passwordHash: hash, current: current, at: deps.now)
    logger.info("administrator account ensured")
}

/// The configured way out for e-mail.
public func makeMailTransport(_ config: AppConfiguration) throws -> any MailTransport {
    switch config.mailTransport {
    case "sendmail": return SendmailTransport(path: config.sendmailPath, from: config.mailFrom)
    default: return try SpoolTransport(directory: config.mailSpoolDirectory, from: config.mailFrom)
    }
}

/// The router with every route of the service; tests read its route list.
public func buildRouter(_ deps: AppDependencies) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: BodyDeadlineMiddleware(configuration: deps.configuration))
    router.add(middleware: RequestMetricsMiddleware(registry: deps.metrics))
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthenticationMiddleware(sessions: deps.sessions, clock: deps.clock))
    try ServiceController(deps: deps).register(on: router)
    router.addRoutes(SessionController(deps: deps).endpoints, atPath: "/api/v1/sessions")
    router.addRoutes(StaffController(deps: deps).endpoints, atPath: "/api/v1/staff")
    router.addRoutes(AccountController(deps: deps).endpoints, atPath: "/api/v1/account")
    router.addRoutes(CaseController(deps: deps).endpoints, atPath: "/api/v1/cases")
    router.addRoutes(ObjectionController(deps: deps).caseEndpoints, atPath: "/api/v1/cases")
    router.addRoutes(AppointmentController(deps: deps).endpoints, atPath: "/api/v1/cases")
    router.addRoutes(DocumentController(deps: deps).endpoints, atPath: "/api/v1/cases")
    router.addRoutes(ConsentController(deps: deps).endpoints, atPath: "/api/v1/cases")
    router.addRoutes(ObjectionController(deps: deps).endpoints, atPath: "/api/v1/objections")
    router.addRoutes(DataRightsController(deps: deps).endpoints, atPath: "/api/v1/cases")
    router.addRoutes(PartyContactController(deps: deps).endpoints, atPath: "/api/v1/cases")
    BindingAgreementController(deps: deps).register(on: router)
    AccessLinkController(deps: deps).register(on: router)
    router.addRoutes(StatsController(deps: deps).endpoints, atPath: "/api/v1/stats")
    router.get("/api/v1/keys", use: KeysController(deps: deps).list)
    router.addRoutes(EscalationController(deps: deps).endpoints, atPath: "/api/v1/escalations")
    router.addRoutes(NotificationController(deps: deps).endpoints, atPath: "/api/v1/notifications")
    let config = deps.configuration
    try OpenAPIDocument.requireResource()
    guard let webDirectory = config.webDirectory ?? WebRenderer.bundledDirectory else {
        throw WebRenderer.NotFound(description: "the page templates were not built into this executable; set EENLOKET_WEB_DIR")
    }
    WebController(
        deps: deps, renderer: try WebRenderer.load(directory: webDirectory),
        secureCookies: config.secureCookies ?? config.effectivePublicURL.hasPrefix("https://")
    ).register(on: router)
    return router
}

extension Logger {
    /// A copy with a `component` metadata value, logging nothing below `minimumLevel`.
    func with(component: String, minimumLevel: Logger.Level = .trace) -> Logger {
        var copy = self
        copy[metadataKey: "component"] = .string(component)
        if copy.logLevel < minimumLevel { copy.logLevel = minimumLevel }
        return copy
    }
}
