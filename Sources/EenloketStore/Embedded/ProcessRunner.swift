import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command and waits for it, with its output in a file.
///
/// Uses posix_spawn and waitpid directly: Foundation's `Process` relies on a
/// run loop to notice that a child exited, which never turns inside Swift
/// concurrency tasks (the test harness hung there). Output goes to a file, not
/// a pipe, because a daemon the command starts (pg_ctl start) inherits the
/// descriptors and a pipe would never reach end-of-file.
enum ProcessRunner {
    struct Result {
        let status: Int32
        let output: String
    }

    struct Failure: Error, CustomStringConvertible {
        let command: String
        let result: Result
        var description: String { "\(command) exited with \(result.status): \(result.output)" }
    }

    /// Runs `executable` with `arguments`; when `asUser` is set (we are root), runs it as that user.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], asUser user: String? = nil, check: Bool = true, outputFile: String? = nil,
        inputFile: String? = nil
    ) throws -> Result {
        let argv: [String] = user.map { ["/usr/sbin/runuser", "-u", $0, "--", executable] + arguments } ?? [executable] + arguments
        let output = outputFile ?? (NSTemporaryDirectory() + "eenloket-cmd-\(UUID().uuidString).log")
        defer { if outputFile == nil { unlink(output) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputFile ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard spawned == 0 else {
            throw Failure(command: argv.joined(separator: " "), result: Result(status: -1, output: String(cString: strerror(spawned))))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let result = Result(status: exitCode, output: text)
        if check && exitCode != 0 {
            throw Failure(command: argv.joined(separator: " "), result: result)
        }
        return result
    }

    /// The first executable called `name` on PATH or in the given folders.
    static func find(_ name: String, extraFolders: [String] = []) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + extraFolders {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
