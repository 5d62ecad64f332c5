import EenloketStore
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import PostgresNIO

/// A real PostgreSQL for the tests: a throwaway cluster started the way
/// `serve` starts its embedded one (or the server at
/// `EENLOKET_TEST_DATABASE_URL`), a template database migrated once per run,
/// and a fresh copy of it for every test, so tests run in parallel in isolation.
actor TestDatabase {
    static let shared = TestDatabase()

    /// Databases are named after this process, so concurrent test runs on one
    /// server leave each other alone and only a dead run's leftovers are dropped.
    private static let pid = Int(getpid())
    private static let templateName = "tpl_\(pid)"
    /// The role the tests' applications connect as: owner of its databases, not
    /// a superuser, so row-level security and triggers apply as in production.
    static let appRole = "r_\(pid)_app"
    private var server: PostgresClient.Configuration?
    /// Preparation runs once; callers that arrive while it runs await the same task
    /// (actor methods are re-entrant at every `await`).
    private var preparation: Task<PostgresClient, any Error>?
    private var counter = 0
    private let logger: Logger = {
        var logger = Logger(label: "test-database")
        logger.logLevel = .error
        return logger
    }()
    private let runId = String(TestDatabase.pid)

    /// Connection settings for a new database holding the current schema.
    func freshDatabase() async throws -> PostgresClient.Configuration {
        let admin = try await prepare()
        counter += 1
        let name = "t_\(runId)_\(counter)"
        // A backend of the migration run may linger on the template for a moment.
        for attempt in 1...50 {
            do {
                try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(Self.templateName) OWNER \(Self.appRole)"))
                break
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 50 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        var config = server!
        config.database = name
        config.username = Self.appRole
        return config
    }

    /// Runs SQL as the superuser on a test database (tampering "behind the service's back").
    func asSuperuser(_ database: String, _ sql: [String]) async throws {
        _ = try await prepare()
        var config = server!
        config.database = database
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            for statement in sql { try await client.query(PostgresQuery(unsafeSQL: statement)) }
            group.cancelAll()
        }
    }

    /// Connection settings for a new, empty database (no schema yet).
    func emptyDatabase() async throws -> PostgresClient.Configuration {
        let admin = try await prepare()
        counter += 1
        let name = "t_\(runId)_\(counter)"
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER \(Self.appRole)"))
        var config = server!
        config.database = name
        config.username = Self.appRole
        return config
    }

    /// A new, empty database owned by a new role without any special
    /// privileges, and settings to connect as that role.
    func ownedDatabase() async throws -> PostgresClient.Configuration {
        let admin = try await prepare()
        counter += 1
        let name = "t_\(runId)_\(counter)"
        let role = "r_\(runId)_\(counter)"
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"))
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER \(role)"))
        var config = server!
        config.database = name
        config.username = role
        return config
    }

    /// The server's connection settings for `database`.
    func configuration(database: String) async throws -> PostgresClient.Configuration {
        _ = try await prepare()
        var config = server!
        config.database = database
        return config
    }

    private func prepare() async throws -> PostgresClient {
        if let preparation { return try await preparation.value }
        let task = Task { try await self.startAndMigrate() }
        preparation = task
        return try await task.value
    }

    private func startAndMigrate() async throws -> PostgresClient {
        let base = try await Self.startServer(logger: logger)
        server = base
        var adminConfig = base
        adminConfig.database = "postgres"
        let client = PostgresClient(configuration: adminConfig, backgroundLogger: logger)
        Task { await client.run() }
        try await dropLeftovers(client)
        try await client.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(Self.appRole) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"))
        try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(Self.templateName) OWNER \(Self.appRole)"))
        var templateConfig = base
        templateConfig.database = Self.templateName
        templateConfig.username = Self.appRole
        let template = PostgresClient(configuration: templateConfig, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await template.run() }
            let runner = try MigrationRunner.load(from: Self.sqlDirectory)
            try await runner.apply(on: template, logger: logger)
            group.cancelAll()
        }
        return client
    }

    /// Databases (and roles) of earlier runs whose process has gone are dropped first.
    private func dropLeftovers(_ client: PostgresClient) async throws {
        func ownerIsGone(_ name: String) -> Bool {
            let parts = name.split(separator: "_")
            guard parts.count >= 2, let pid = Int32(parts[1]) else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        var databases: [String] = []
        for try await name in try await client.query(
            "SELECT datname FROM pg_database WHERE datname LIKE 't\\_%' OR datname LIKE 'tpl\\_%'"
        ).decode(String.self) where ownerIsGone(name) {
            databases.append(name)
        }
        for name in databases {
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
        var roles: [String] = []
        for try await name in try await client.query("SELECT rolname FROM pg_roles WHERE rolname LIKE 'r\\_%'").decode(String.self)
        where ownerIsGone(name) {
            roles.append(name)
        }
        for name in roles {
            try await client.query(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(name)"))
        }
    }

    /// The repository's `SQL/migrations`, found from this source file.
    static var sqlDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SQL/migrations").path
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Starts the throwaway cluster, or reads `EENLOKET_TEST_DATABASE_URL`.
    private static func startServer(logger: Logger) async throws -> PostgresClient.Configuration {
        if let url = ProcessInfo.processInfo.environment["EENLOKET_TEST_DATABASE_URL"], !url.isEmpty {
            return try DatabaseURL.configuration(url)
        }
        // Durability does not matter for throwaway data; speed does.
        let cluster = try await EmbeddedPostgres(
            settings: .init(
                baseDirectory: repositoryRoot + "/.eenloket/test",
                serverSettings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "1000"],
                databaseName: "postgres"),
            logger: logger)
        try await cluster.start()
        ClusterShutdown.register(cluster)
        return PostgresClient.Configuration(
            unixSocketPath: cluster.socketPath, username: EmbeddedPostgres.user, password: nil, database: nil)
    }
}

/// Stops the test cluster when the test process exits.
///
/// By a signal to the postmaster, not `pg_ctl`: an exit handler that waits for
/// a task and a child process once hung the finished test process for good
/// (the task never ran during exit). A fast shutdown (SIGINT), then, after at
/// most 20 s, an immediate one (SIGQUIT); never a wait without an end.
enum ClusterShutdown {
    nonisolated(unsafe) static var dataDirectory: String?

    static func register(_ cluster: EmbeddedPostgres) {
        Self.dataDirectory = cluster.dataDirectory
        atexit { ClusterShutdown.stopAtExit() }
    }

    static func stopAtExit() {
        guard let directory = dataDirectory,
            let text = try? String(contentsOfFile: directory + "/postmaster.pid", encoding: .utf8),
            let line = text.split(separator: "\n").first, let pid = pid_t(line.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return }
        kill(pid, SIGINT)
        for _ in 0..<200 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGQUIT) }
    }
}
