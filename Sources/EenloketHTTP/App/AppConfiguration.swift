import EenloketDomain
import EenloketStore
import Foundation

/// Everything the service reads from its environment, checked once at start.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `EENLOKET_DATABASE_URL`; nil means the embedded cluster under `.eenloket/`.
    public var databaseURL: String?
    /// Folder with the numbered migration files.
    public var sqlDirectory: String
    public var adminEmail: String?
    public var adminPassword: String?
    /// How long a staff token lives.
    public var sessionLifetime: TimeInterval
    /// bcrypt cost factor (2^cost rounds).
    public var bcryptCost: UInt8
    /// Connections each instance may hold; with N instances the server needs N × this (+ a few for admin).
    public var databasePoolSize: Int
    /// Failed logins per address before 429, and the window they are counted in.
    public var loginFailureLimit: Int
    public var loginWindow: TimeInterval
    /// How often the routing sweeper looks for waiting cases a member could take.
    public var routingSweepInterval: Duration
    /// The public address of the service, for links in messages; nil means http://host:port.
    public var publicURL: String?
    /// Working days the other party has to respond before the panel may rule (0: no waiting).
    public var hearingWindowDays: Int
    /// The largest document accepted, in bytes (`EENLOKET_DOCUMENT_MAX_BYTES`).
    public var documentMaxBytes = 20 * 1024 * 1024
    /// How long a document upload may take in all (instead of the request timeout): 20 MiB over a slow mobile connection.
    public var documentUploadTimeout: Duration = .seconds(900)
    /// The ClamAV daemon (`EENLOKET_CLAMD`, `unix:/path` or `tcp:host:port`); nil: documents are not scanned.
    public var clamd: ClamdEndpoint?
    /// `spool` (RFC 5322 files in `mailSpoolDirectory`) or `sendmail` (`sendmailPath -t`).
    public var mailTransport: String
    public var mailSpoolDirectory: String
    public var sendmailPath: String
    public var mailFrom: String
    /// Delivery attempts before a message is flagged as failed.
    public var mailMaxAttempts: Int
    /// The longest a due timer or message waits when no notification wakes the workers.
    public var workerPollInterval: Duration
    /// Whether this instance runs the timer and delivery workers (tests drive them by hand).
    public var runWorkers: Bool
    /// Folder with the page templates and static files; nil means the ones built into the executable.
    public var webDirectory: String?
    /// Whether cookies get the Secure attribute; nil means: when the public URL is https.
    public var secureCookies: Bool?
    /// The Ed25519 key rulings are signed with (base64 of the 32-byte raw key), or a file holding it.
    public var signingKey: String?
    public var signingKeyFile: String?
    /// Where a key is created and kept when none is configured.
    public var defaultSigningKeyFile: String = ".eenloket/signing-key"
    /// Days after a case closed (or an appeal was recorded) before its medical text and personal details are purged.
    public var retentionDays: Int = 730
    /// Days after a case closed before its medical file is purged (WGBO: 20 years for medical records).
    public var medicalRetentionDays: Int = 7305
    /// The longest a request may take before it is answered 503.
    public var requestTimeout: Duration = .seconds(10)
    /// Anonymous filings one client address may make per hour (0: no limit).
    public var filingsPerHourPerAddress: Int = 30
    /// Failed logins from one client address within the login window before 429.
    public var loginFailuresPerAddress: Int = 50
    /// Whether the client address comes from X-Forwarded-For (only behind a proxy that sets it).
    public var trustForwardedFor: Bool = false
    /// The first delay before answering a failed login (it doubles with each further failure); zero: none.
    public var loginSlowdown: Duration = .milliseconds(250)
    /// How long a device a staff member logged in on stays known.
    public var deviceLifetime: TimeInterval = 90 * 24 * 3600
    /// The server secret stored Idempotency-Key replays are derived with (base64 of 32 bytes), or a file holding it.
    public var idempotencySecret: String?
    public var idempotencySecretFile: String?
    /// Where a secret is created and kept when none is configured.
    public var defaultIdempotencySecretFile: String = ".eenloket/idempotency-secret"
    /// Whether admins, intake officers and panel physicians log in with a second step (TOTP).
    public var staffOTP: Bool = true
    /// A staff session not used for this long ends (besides its lifetime).
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// A bearer token that may read `/metrics` from other addresses than loopback; nil: loopback only.
    public var metricsToken: String?
    /// A connection that sends nothing (a half-sent request, or an idle keep-alive) is closed after this.
    public var connectionTimeout: Duration = .seconds(30)
    /// Seconds the start-up (migrations, keys, the first administrator) may take before it fails.
    public var startupTimeLimit: Double = 25
    /// The fair procedure's settings (binding basis, appeal window, the fee).
    public var procedure = ProcedureSettings()
    /// Who runs this deployment and how to reach them (`EENLOKET_CONTACT_NAME`, `_EMAIL`, `_URL`).
    public var contact = ServiceContact()
    /// The data protection officer's address for the privacy statement (`EENLOKET_PRIVACY_OFFICER_EMAIL`); nil: the contact address.
    public var privacyOfficerEmail: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databaseURL: String? = nil, sqlDirectory: String = "SQL/migrations",
        adminEmail: String? = nil, adminPassword: String? = nil, sessionLifetime: TimeInterval = 8 * 3600,
        bcryptCost: UInt8 = 12, databasePoolSize: Int = 20, loginFailureLimit: Int = 10, loginWindow: TimeInterval = 15 * 60,
        routingSweepInterval: Duration = .seconds(30), publicURL: String? = nil, hearingWindowDays: Int = 5,
        mailTransport: String = "spool", mailSpoolDirectory: String = ".eenloket/mail", sendmailPath: String = "/usr/sbin/sendmail",
        mailFrom: String = "noreply@eenloket.localhost", mailMaxAttempts: Int = 8, workerPollInterval: Duration = .seconds(1),
        runWorkers: Bool = true
    ) {
        self.publicURL = publicURL
        self.hearingWindowDays = hearingWindowDays
        self.mailTransport = mailTransport
        self.mailSpoolDirectory = mailSpoolDirectory
        self.sendmailPath = sendmailPath
        self.mailFrom = mailFrom
        self.mailMaxAttempts = mailMaxAttempts
        self.workerPollInterval = workerPollInterval
        self.runWorkers = runWorkers
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.sqlDirectory = sqlDirectory
        self.adminEmail = adminEmail
        self.adminPassword = adminPassword
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.databasePoolSize = databasePoolSize
        self.loginFailureLimit = loginFailureLimit
        self.loginWindow = loginWindow
        self.routingSweepInterval = routingSweepInterval
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the `EENLOKET_*` variables; fails naming each bad one (never printing secrets).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var config = AppConfiguration()
        var problems: [String] = []
        func int(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int(text), range.contains(value) else {
                problems.append("\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
                return nil
            }
            return value
        }
        if let host = env["EENLOKET_HOST"], !host.isEmpty { config.host = host }
        if let port = int("EENLOKET_PORT", 0...65535) { config.port = port }
        if let url = env["EENLOKET_DATABASE_URL"], !url.isEmpty { config.databaseURL = url }
        if let dir = env["EENLOKET_SQL_DIR"], !dir.isEmpty { config.sqlDirectory = dir }
        config.adminEmail = env["EENLOKET_ADMIN_EMAIL"].flatMap { $0.isEmpty ? nil : $0 }
        config.adminPassword = env["EENLOKET_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if (config.adminEmail == nil) != (config.adminPassword == nil) {
            problems.append("EENLOKET_ADMIN_EMAIL and EENLOKET_ADMIN_PASSWORD must be set together")
        }
        if let password = config.adminPassword, PasswordPolicy.problem(password) != nil {
            problems.append("EENLOKET_ADMIN_PASSWORD must have at least 12 characters and not be a common password")
        }
        if let hours = int("EENLOKET_SESSION_HOURS", 1...720) { config.sessionLifetime = TimeInterval(hours) * 3600 }
        if let cost = int("EENLOKET_BCRYPT_COST", 4...31) { config.bcryptCost = UInt8(cost) }
        if let size = int("EENLOKET_DB_POOL_SIZE", 1...500) { config.databasePoolSize = size }
        if let seconds = int("EENLOKET_ROUTING_SWEEP_SECONDS", 1...86_400) { config.routingSweepInterval = .seconds(seconds) }
        if let url = env["EENLOKET_PUBLIC_URL"], !url.isEmpty {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("EENLOKET_PUBLIC_URL must start with http:// or https://")
            }
        }
        if let days = int("EENLOKET_HEARING_WINDOW_DAYS", 0...60) { config.hearingWindowDays = days }
        if let basis = env["EENLOKET_BINDING_BASIS"], !basis.isEmpty {
            if let value = BindingBasis(rawValue: basis) { config.procedure.bindingBasis = value } else {
                problems.append("EENLOKET_BINDING_BASIS must be agreement or statute")
            }
        }
        if let months = int("EENLOKET_APPEAL_WINDOW_MONTHS", 1...24) { config.procedure.appealWindowMonths = months }
        if let euros = int("EENLOKET_PROCEDURE_FEE_EUROS", 0...100_000) { config.procedure.feeEuros = euros }
        if let days = int("EENLOKET_DRAFT_WINDOW_DAYS", 0...60) { config.procedure.draftWindowDays = days }
        if let bytes = int("EENLOKET_DOCUMENT_MAX_BYTES", 1...(512 * 1024 * 1024)) { config.documentMaxBytes = bytes }
        if let seconds = int("EENLOKET_DOCUMENT_UPLOAD_TIMEOUT_SECONDS", 10...3600) { config.documentUploadTimeout = .seconds(seconds) }
        if let clamd = env["EENLOKET_CLAMD"], !clamd.isEmpty {
            if let endpoint = ClamdEndpoint(clamd) { config.clamd = endpoint } else {
                problems.append("EENLOKET_CLAMD must be unix:/path/to/clamd.ctl or tcp:host:port")
            }
        }
        if let days = int("EENLOKET_OBJECTION_WINDOW_DAYS", 1...60) { config.procedure.objectionWindowDays = days }
        if let payer = env["EENLOKET_PROCEDURE_FEE_PAYER"], !payer.isEmpty {
            if let role = PartyRole(rawValue: payer) { config.procedure.feePayer = role } else {
                problems.append("EENLOKET_PROCEDURE_FEE_PAYER must be employer or employee")
            }
        }
        if let transport = env["EENLOKET_MAIL_TRANSPORT"], !transport.isEmpty {
            if ["spool", "sendmail"].contains(transport) { config.mailTransport = transport } else {
                problems.append("EENLOKET_MAIL_TRANSPORT must be spool or sendmail")
            }
        }
        if let dir = env["EENLOKET_MAIL_SPOOL_DIR"], !dir.isEmpty { config.mailSpoolDirectory = dir }
        if let path = env["EENLOKET_SENDMAIL_PATH"], !path.isEmpty { config.sendmailPath = path }
        if let from = env["EENLOKET_MAIL_FROM"], !from.isEmpty { config.mailFrom = from }
        if let attempts = int("EENLOKET_MAIL_MAX_ATTEMPTS", 1...100) { config.mailMaxAttempts = attempts }
        if let ms = int("EENLOKET_WORKER_POLL_MS", 50...60_000) { config.workerPollInterval = .milliseconds(ms) }
        if let dir = env["EENLOKET_WEB_DIR"], !dir.isEmpty { config.webDirectory = dir }
        if let seconds = int("EENLOKET_REQUEST_TIMEOUT_SECONDS", 1...600) { config.requestTimeout = .seconds(seconds) }
        if let days = int("EENLOKET_RETENTION_DAYS", 1...36_500) { config.retentionDays = days }
        if let days = int("EENLOKET_MEDICAL_RETENTION_DAYS", 1...36_500) { config.medicalRetentionDays = days }
        if let limit = int("EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS", 0...1_000_000) { config.filingsPerHourPerAddress = limit }
        if let limit = int("EENLOKET_LOGIN_FAILURES_PER_ADDRESS", 1...1_000_000) { config.loginFailuresPerAddress = limit }
        if let trust = env["EENLOKET_TRUST_FORWARDED_FOR"], !trust.isEmpty {
            if trust == "true" || trust == "false" { config.trustForwardedFor = trust == "true" } else {
                problems.append("EENLOKET_TRUST_FORWARDED_FOR must be true or false")
            }
        }
        if let ms = int("EENLOKET_LOGIN_SLOWDOWN_MS", 0...10_000) { config.loginSlowdown = .milliseconds(ms) }
        config.idempotencySecret = env["EENLOKET_IDEMPOTENCY_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        config.idempotencySecretFile = env["EENLOKET_IDEMPOTENCY_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let otp = env["EENLOKET_STAFF_OTP"], !otp.isEmpty {
            if otp == "required" || otp == "off" { config.staffOTP = otp == "required" } else {
                problems.append("EENLOKET_STAFF_OTP must be required or off")
            }
        }
        if let minutes = int("EENLOKET_SESSION_IDLE_MINUTES", 1...1440) { config.sessionIdleTimeout = TimeInterval(minutes) * 60 }
        config.metricsToken = env["EENLOKET_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let token = config.metricsToken, token.utf8.count < 16 {
            problems.append("EENLOKET_METRICS_TOKEN must have at least 16 characters")
        }
        if let seconds = int("EENLOKET_CONNECTION_TIMEOUT_SECONDS", 1...3600) { config.connectionTimeout = .seconds(seconds) }
        if let seconds = int("EENLOKET_STARTUP_TIMEOUT_SECONDS", 5...3600) { config.startupTimeLimit = Double(seconds) }
        config.signingKey = env["EENLOKET_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        config.signingKeyFile = env["EENLOKET_SIGNING_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let secure = env["EENLOKET_COOKIE_SECURE"], !secure.isEmpty {
            if secure == "true" || secure == "false" { config.secureCookies = secure == "true" } else {
                problems.append("EENLOKET_COOKIE_SECURE must be true or false")
            }
        }
        if let name = env["EENLOKET_CONTACT_NAME"], !name.isEmpty { config.contact.name = name }
        if let email = env["EENLOKET_CONTACT_EMAIL"], !email.isEmpty {
            if ServiceContact.isEmailAddress(email) { config.contact.email = email } else {
                problems.append("EENLOKET_CONTACT_EMAIL must be an e-mail address")
            }
        }
        if let email = env["EENLOKET_PRIVACY_OFFICER_EMAIL"], !email.isEmpty {
            if ServiceContact.isEmailAddress(email) { config.privacyOfficerEmail = email } else {
                problems.append("EENLOKET_PRIVACY_OFFICER_EMAIL must be an e-mail address")
            }
        }
        if let url = env["EENLOKET_CONTACT_URL"], !url.isEmpty {
            if url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") { config.contact.url = url } else {
                problems.append("EENLOKET_CONTACT_URL must start with http:// or https://")
            }
        }
        guard problems.isEmpty else { throw Invalid(description: problems.joined(separator: "; ")) }
        return config
    }
}

/// Who runs this deployment and how to reach them: the OpenAPI document's
/// `info.contact`, and the organisation named on the privacy and accessibility
/// statements. The defaults are the project's own; an organisation that runs
/// Eenloket sets its own (Deploy/README.md).
public struct ServiceContact: Sendable, Equatable {
    public var name = "Eenloket"
    public var email = "contact@eenloket.nl"
    public var url = "https://eenloket.nl"

    public init(name: String = "Eenloket", email: String = "contact@eenloket.nl", url: String = "https://eenloket.nl") {
        self.name = name
        self.email = email
        self.url = url
    }

    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}

extension AppConfiguration {
    /// The address links in messages point to.
    public var effectivePublicURL: String { publicURL ?? "http://\(host):\(port)" }

    /// Whether cookies get the Secure attribute.
    var usesSecureCookies: Bool { secureCookies ?? effectivePublicURL.hasPrefix("https://") }
}

extension AppConfiguration {
    /// Cases closed before this moment are due for the purge of this kind of data.
    public func retentionCutoff(_ kind: Retention.Kind, now: Date) -> Date {
        now.addingTimeInterval(-Double(kind == .personal ? retentionDays : medicalRetentionDays) * 86_400)
    }
}
