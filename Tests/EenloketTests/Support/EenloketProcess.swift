import Foundation
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A real `eenloket` process for fault tests, run through swift-subprocess:
/// started, then awaited or killed like a crash would.
final class EenloketProcess: Sendable {
    private let pid = PidBox()
    private let outcome: Task<Int32, any Error>

    /// Starts the built `eenloket` executable with extra environment variables; output goes to `logFile`.
    init(arguments: [String], environment: [String: String], logFile: String) async throws {
        let executable = Self.executable
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw Missing(path: executable) }
        let log = try FileDescriptor.open(
            FilePath(logFile), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        var overrides: [Environment.Key: String?] = [:]
        for (name, value) in environment { overrides[Environment.Key(stringLiteral: name)] = value }
        let (started, whenStarted) = AsyncStream<Void>.makeStream()
        let pid = self.pid
        outcome = Task {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: .inherit.updating(overrides),
                input: .none, output: .fileDescriptor(log, closeAfterSpawningProcess: true), error: .combinedWithOutput
            ) { execution in
                // Only the number leaves the closure; `run` reaps the process once it ends.
                pid.value.withLock { $0 = execution.processIdentifier.value }
                whenStarted.finish()
            }
            whenStarted.finish()
            switch result.terminationStatus {
            case .exited(let code): return Int32(code)
            case .signaled(let signal): return 128 + Int32(signal)
            }
        }
        for await _ in started {}
        if self.pid.value.withLock({ $0 }) == nil { _ = try await outcome.value }
    }

    /// Waits for the process to end; returns its exit status (128 + n for signal n).
    func wait() async throws -> Int32 {
        try await outcome.value
    }

    /// Sends a signal and waits for the process to end.
    func kill(_ signal: Int32) async throws {
        if let pid = pid.value.withLock({ $0 }) { _ = Glibc.kill(pid, signal) }
        _ = try await outcome.value
    }

    private final class PidBox: Sendable {
        let value = Mutex<pid_t?>(nil)
    }

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot run \(path); build it first (swift build)" }
    }

    /// The debug build of the executable next to the test bundle.
    static var executable: String {
        let root = TestDatabase.repositoryRoot
        for candidate in [".build/debug/eenloket", ".build/x86_64-unknown-linux-gnu/debug/eenloket", ".build/aarch64-unknown-linux-gnu/debug/eenloket"] {
            let path = root + "/" + candidate
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/eenloket"
    }
}
