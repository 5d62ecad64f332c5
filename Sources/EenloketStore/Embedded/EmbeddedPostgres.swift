import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster that the service (and the test harness)
/// creates and starts itself, so `eenloket serve` needs no set-up.
///
/// It listens on a Unix socket only. PostgreSQL refuses to run as root, so
/// when we are root the cluster runs as the `postgres` system user (created if
/// missing). A cluster that is already running (another `serve` on the same
/// folder, or one left by a crashed run) is reused, and only the process that
/// started a cluster stops it.
public final class EmbeddedPostgres: Sendable {
    public struct Settings: Sendable {
        /// The folder that holds the cluster (`.eenloket` by default).
        public var baseDirectory: String
        /// Extra server settings (`-c name=value`), e.g. fsync=off for tests.
        public var serverSettings: [String: String]
        public var databaseName: String

        public init(baseDirectory: String, serverSettings: [String: String] = [:], databaseName: String = "eenloket") {
            self.baseDirectory = baseDirectory
            self.serverSettings = serverSettings
            self.databaseName = databaseName
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case binariesNotFound
        case cannotPrepare(String)

        public var description: String {
            switch self {
            case .binariesNotFound:
                return "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin; install postgresql-15 or set EENLOKET_DATABASE_URL"
            case .cannotPrepare(let why):
                return "cannot prepare the embedded PostgreSQL cluster: \(why)"
            }
        }
    }

    /// The cluster's bootstrap superuser, for administration only.
    public static let user = "eenloket"
    /// The role the service connects as: it owns its database and nothing more,
    /// so row-level security applies to it (a superuser would bypass it).
    public static let appUser = "eenloket_app"

    public let settings: Settings
    public let dataDirectory: String
    public let socketDirectory: String
    public let port = 5432
    private let binaries: (initdb: String, pgCtl: String)
    private let runAs: String?
    private let logger: Logger
    private let startedHere: LockedFlag = LockedFlag()

    public init(settings: Settings, logger: Logger) async throws {
        self.settings = settings
        self.logger = logger
        guard let binaries = Self.findBinaries() else { throw Failure.binariesNotFound }
        self.binaries = binaries
        self.runAs = getuid() == 0 ? "postgres" : nil
        var base = URL(fileURLWithPath: settings.baseDirectory).standardizedFileURL.path
        if runAs != nil {
            try await Self.ensurePostgresUser()
            base = try await Self.accessibleBase(base)
        }
        self.dataDirectory = base + "/pgdata"
        // Unix socket paths are limited to ~107 bytes; keep a short fallback.
        let socket = base + "/run"
        self.socketDirectory = socket.utf8.count < 90 ? socket : "/tmp/eenloket-" + Self.shortHash(base)
    }

    /// The path of the socket file clients connect to.
    public var socketPath: String { socketDirectory + "/.s.PGSQL.\(port)" }

    /// Creates the cluster on first use, starts it unless it runs already, and creates the database.
    /// Cancelling the calling task stops whatever command runs (a start cut short is stopped by `stop()`).
    public func start() async throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        if let user = runAs {
            try await ChildProcess.run("/bin/chown", ["-R", "\(user):", (dataDirectory as NSString).deletingLastPathComponent, socketDirectory])
        }
        try await ChildProcess.run("/bin/chmod", ["700", dataDirectory, socketDirectory])
        if !fm.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            logger.info("creating embedded PostgreSQL cluster", metadata: ["path": "\(dataDirectory)"])
            try await initdb()
        }
        if await isRunning() {
            logger.info("embedded PostgreSQL already running; reusing it", metadata: ["path": "\(dataDirectory)"])
        } else {
            var options = [
                "-c listen_addresses=''",
                "-c unix_socket_directories='\(socketDirectory)'",
                "-c unix_socket_permissions=0700",
                "-c port=\(port)",
                "-c max_connections=200",
            ]
            for (name, value) in settings.serverSettings.sorted(by: { $0.key < $1.key }) {
                options.append("-c \(name)=\(value)")
            }
            // Marked before it runs: a start that is cut short (SIGTERM) may have started the server all the same.
            startedHere.set()
            try await ChildProcess.run(
                binaries.pgCtl,
                ["start", "-D", dataDirectory, "-w", "-t", "120", "-l", dataDirectory + "/server.log", "-o", options.joined(separator: " ")],
                asUser: runAs, logFile: (dataDirectory as NSString).deletingLastPathComponent + "/pg_ctl.log")
            logger.info("embedded PostgreSQL started", metadata: ["socket": "\(socketDirectory)"])
        }
        try await createDatabaseIfMissing(settings.databaseName)
    }

    /// Stops the cluster if this process started it (also when called from a cancelled task).
    public func stop() async {
        guard startedHere.take() else { return }
        let (pgCtl, dataDirectory, runAs, logger) = (binaries.pgCtl, dataDirectory, runAs, logger)
        // A task of its own: the caller may be cancelled (SIGTERM during start-up), the stop must still run.
        await Task {
            do {
                try await ChildProcess.run(pgCtl, ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60"], asUser: runAs, timeout: .seconds(70))
                logger.info("embedded PostgreSQL stopped")
            } catch {
                logger.error("could not stop embedded PostgreSQL", metadata: ["error": "\(error)"])
            }
        }.value
    }

    /// `stop()` for a caller that cannot wait asynchronously (an `atexit` handler).
    public func stopBlocking() {
        let done = DispatchSemaphore(value: 0)
        Task {
            await stop()
            done.signal()
        }
        done.wait()
    }

    /// Creates the service's role (no superuser) and its database, owned by that role, if missing.
    public func createDatabaseIfMissing(_ name: String) async throws {
        let bin = (binaries.pgCtl as NSString).deletingLastPathComponent
        let role = try await ChildProcess.run(
            bin + "/createuser", ["-h", socketDirectory, "-p", "\(port)", "-U", Self.user, Self.appUser], asUser: runAs, check: false)
        if role.status != 0 && !role.output.contains("already exists") {
            throw Failure.cannotPrepare(role.output)
        }
        let result = try await ChildProcess.run(
            bin + "/createdb", ["-h", socketDirectory, "-p", "\(port)", "-U", Self.user, "-O", Self.appUser, name], asUser: runAs,
            check: false)
        if result.status != 0 && !result.output.contains("already exists") {
            throw Failure.cannotPrepare(result.output)
        }
    }

    private func initdb() async throws {
        var args = ["-D", dataDirectory, "-U", Self.user, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]
        if try await ChildProcess.run(binaries.initdb, args, asUser: runAs, check: false).status != 0 {
            try Task.checkCancellation()
            // Older C libraries lack C.UTF-8.
            try? FileManager.default.removeItem(atPath: dataDirectory)
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            if let user = runAs { try await ChildProcess.run("/bin/chown", ["\(user):", dataDirectory]) }
            try await ChildProcess.run("/bin/chmod", ["700", dataDirectory])
            args.removeLast()
            args.append("--no-locale")
            try await ChildProcess.run(binaries.initdb, args, asUser: runAs)
        }
    }

    private func isRunning() async -> Bool {
        let result = try? await ChildProcess.run(binaries.pgCtl, ["status", "-D", dataDirectory], asUser: runAs, check: false)
        return result?.status == 0 && FileManager.default.fileExists(atPath: socketPath)
    }

    private static func findBinaries() -> (initdb: String, pgCtl: String)? {
        let debian = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let folders = debian.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        // Prefer the Debian folder: it has createdb next to pg_ctl even when PATH holds symlinks.
        for folder in folders {
            let initdb = folder + "/initdb", pgCtl = folder + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                return (initdb, pgCtl)
            }
        }
        guard let initdb = ChildProcess.find("initdb"), let pgCtl = ChildProcess.find("pg_ctl") else { return nil }
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: pgCtl)) ?? pgCtl
        return (initdb, resolved.hasPrefix("/") ? resolved : pgCtl)
    }

    private static func ensurePostgresUser() async throws {
        if getpwnam("postgres") != nil { return }
        try await ChildProcess.run("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"])
    }

    /// The base folder if the `postgres` user can reach it; otherwise a folder
    /// under /var/lib/eenloket it can (e.g. a checkout under /root, which is 0700).
    private static func accessibleBase(_ base: String) async throws -> String {
        let parent = (base as NSString).deletingLastPathComponent
        let probe = try await ChildProcess.run("/usr/bin/test", ["-x", parent], asUser: "postgres", check: false)
        if probe.status == 0 { return base }
        let fallback = "/var/lib/eenloket/" + shortHash(base)
        try FileManager.default.createDirectory(atPath: fallback, withIntermediateDirectories: true)
        return fallback
    }

    private static func shortHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

/// A flag that can be set once and taken once, from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }

    /// Returns whether the flag was set, and clears it.
    func take() -> Bool {
        lock.withLock {
            defer { value = false }
            return value
        }
    }
}
