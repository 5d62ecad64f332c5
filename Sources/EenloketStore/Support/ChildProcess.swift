import Foundation
import Subprocess
import SystemPackage

/// Runs a command and waits for it, through swift-subprocess: asynchronous
/// (no thread blocked in `waitpid`), stopped (SIGTERM, then SIGKILL) when the
/// caller is cancelled or the time limit passes, its output collected or
/// written to a file.
enum ChildProcess {
    struct Result: Sendable {
        let status: Int32
        let output: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` with `arguments`; as `user` through runuser when set (we are root).
    ///
    /// With `logFile` the output goes there (a daemon the command starts, such as
    /// the PostgreSQL server of `pg_ctl start`, may keep a pipe open forever);
    /// otherwise up to 64 KiB of it is returned. `check` throws on a non-zero exit.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], asUser user: String? = nil, check: Bool = true, logFile: String? = nil,
        timeout: Duration = .seconds(180)
    ) async throws -> Result {
        let argv = user.map { ["-u", $0, "--", executable] + arguments } ?? arguments
        let program = user == nil ? executable : "/usr/sbin/runuser"
        let command = ([program] + argv).joined(separator: " ")
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(3))]
        let frozen = options
        let result: Result = try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                if let logFile {
                    let fd = try FileDescriptor.open(
                        FilePath(logFile), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
                    let outcome = try await Subprocess.run(
                        .path(FilePath(program)), arguments: Arguments(argv), platformOptions: frozen,
                        output: .fileDescriptor(fd, closeAfterSpawningProcess: true), error: .combinedWithOutput)
                    let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
                    return Result(status: Self.code(outcome.terminationStatus), output: String(text.suffix(4000)))
                }
                let outcome = try await Subprocess.run(
                    .path(FilePath(program)), arguments: Arguments(argv), platformOptions: frozen, output: .string(limit: 64 * 1024),
                    error: .combinedWithOutput)
                return Result(status: Self.code(outcome.terminationStatus), output: outcome.standardOutput ?? "")
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw Failure(description: "\(command) did not finish within \(timeout)")
            }
            return result
        }
        if check && result.status != 0 {
            throw Failure(description: "\(command) exited with \(result.status): \(result.output.suffix(2000))")
        }
        return result
    }

    private static func code(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): return Int32(code)
        case .signaled(let signal): return 128 + Int32(signal)
        }
    }

    /// The first executable called `name` on PATH.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
