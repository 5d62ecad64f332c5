import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird
import Logging
import Prometheus

/// What the controllers work with, built once per application.
public struct AppDependencies: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    public let staff: StaffRepository
    public let sessions: SessionRepository
    public let twoStep: TwoStepLoginStore
    public let cases: CaseRepository
    public let stats: StatsRepository
    public let timers: TimerStore
    public let notifications: NotificationRepository
    public let coordination: CoordinationRepository
    public let settings: ServiceSettings
    public let deadlineSettings: DeadlineSettings
    public let migrations: MigrationRunner
    public let clock: any WallClock
    public let metrics: PrometheusCollectorRegistry
    public let sealer: RulingSealer
    public let retention: Retention
    let passwords: PasswordHasher
    let filingLimiter: FilingRateLimiter
    let uploadSlots: UploadSlots

    public init(
        configuration: AppConfiguration, database: Database, migrations: MigrationRunner, clock: any WallClock, sealer: RulingSealer,
        secret: ServerSecret
    ) {
        self.sealer = sealer
        self.filingLimiter = FilingRateLimiter(perHour: configuration.filingsPerHourPerAddress)
        self.uploadSlots = UploadSlots(poolSize: configuration.databasePoolSize)
        self.configuration = configuration
        self.database = database
        self.staff = StaffRepository(db: database, serviceURL: configuration.effectivePublicURL)
        self.sessions = SessionRepository(db: database, idleTimeout: configuration.sessionIdleTimeout)
        self.twoStep = TwoStepLoginStore(db: database, secret: secret)
        self.deadlineSettings = DeadlineSettings(db: database)
        self.settings = ServiceSettings(
            publicURL: configuration.effectivePublicURL, hearingWindowDays: configuration.hearingWindowDays,
            procedure: configuration.procedure, clamd: configuration.clamd)
        self.cases = CaseRepository(
            db: database, deadlines: deadlineSettings, settings: settings, sealer: sealer, secret: secret)
        self.stats = StatsRepository(db: database)
        self.timers = TimerStore(db: database, deadlines: deadlineSettings, settings: settings)
        self.notifications = NotificationRepository(db: database, settings: settings, deadlines: deadlineSettings, maxAttempts: configuration.mailMaxAttempts)
        self.coordination = CoordinationRepository(db: database, deadlines: deadlineSettings, settings: settings)
        self.retention = Retention(db: database)
        self.migrations = migrations
        self.clock = clock
        self.metrics = PrometheusCollectorRegistry()
        self.passwords = PasswordHasher(cost: configuration.bcryptCost)
    }

    /// Now, at the millisecond precision every stored timestamp has.
    var now: Date { Timestamp.truncated(clock.now()) }

    /// Today in Europe/Amsterdam.
    var today: LocalDate { AmsterdamTime.date(of: clock.now()) }

    /// Purges, per kind of data, the cases whose retention period has passed;
    /// returns how many purges were done (a case counts once per kind).
    @discardableResult
    public func purgeExpiredPersonalData() async throws -> Int {
        let now = self.now
        var purged = 0
        for kind in Retention.Kind.allCases {
            purged += try await retention.purge(kind, closedBefore: configuration.retentionCutoff(kind, now: now), at: now).count
        }
        return purged
    }
}

extension AppDependencies {
    /// 429 when this client address has filed too often in the last hour.
    /// `filing` runs with the slot reserved and returns whether it filed a new
    /// case; the slot is given back when it did not, or when it was refused
    /// with a client error (nothing was filed). A server error or a
    /// cancellation may come after the commit, so those keep the slot.
    /// Over the limit, a retry of an Idempotency-Key whose answer is stored
    /// still gets that answer: it files nothing, and the client needs it.
    func limitingFilings<T>(
        _ request: Request, context: AppRequestContext, idempotencyKey: String?,
        _ filing: () async throws -> (result: T, filedNew: Bool)
    ) async throws -> T {
        let address = context.clientAddress(request, trustForwardedFor: configuration.trustForwardedFor)
        let now = clock.now()
        if let wait = filingLimiter.admit(address, at: now) {
            guard let idempotencyKey, try await cases.hasStoredAnswer(idempotencyKey: idempotencyKey)
            else { throw AppError.tooManyRequests(retryAfter: wait) }
            return try await filing().result
        }
        let reservation = FilingRateLimiter.Reservation(address: address, at: now)
        do {
            let (result, filedNew) = try await filing()
            if !filedNew { filingLimiter.refund(reservation) }
            return result
        } catch let error as AppError where error != .unavailable {
            filingLimiter.refund(reservation)
            throw error
        }
    }
}
