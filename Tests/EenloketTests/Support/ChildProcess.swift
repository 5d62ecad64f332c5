import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `eenloket` process for fault tests: started, then killed like a crash would.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t

    /// Starts the built `eenloket` executable with extra environment variables.
    init(arguments: [String], environment: [String: String], logFile: String) throws {
        let executable = ChildProcess.executable
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Missing(path: executable)
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else { throw Missing(path: "spawn failed: \(status)") }
        self.pid = pid
    }

    /// Waits for the process to end; returns its exit status.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Sends a signal and reaps the process.
    func kill(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
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
