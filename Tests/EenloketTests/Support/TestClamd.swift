import EenloketStore
import Foundation

/// A real ClamAV daemon for the tests, started once per test process with a
/// signature database written here (no internet): the EICAR test string,
/// anywhere in a file. It stops when the test process ends.
actor TestClamd {
    static let shared = TestClamd()
    static let eicar = #"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"#

    private var started: ClamdEndpoint?

    /// The daemon's socket; starts it on first use.
    func endpoint() async throws -> ClamdEndpoint {
        if let started { return started }
        let dir = NSTemporaryDirectory() + "eenloket-clamd-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/db", withIntermediateDirectories: true)
        let hex = Array(Self.eicar.utf8).map { String(format: "%02x", $0) }.joined()
        try "Eicar-Test-Signature:0:*:\(hex)\n".write(toFile: dir + "/db/eicar.ndb", atomically: true, encoding: .utf8)
        let socket = dir + "/clamd.sock"
        try """
            DatabaseDirectory \(dir)/db
            LocalSocket \(socket)
            Foreground yes
            LogFile \(dir)/clamd.log
            StreamMaxLength 30M
            """.write(toFile: dir + "/clamd.conf", atomically: true, encoding: .utf8)
        guard let clamd = ["/usr/sbin/clamd", "/usr/bin/clamd", "/usr/local/sbin/clamd"].first(where: FileManager.default.isExecutableFile)
        else { throw TestClamdError.notInstalled }
        // A watcher ends the daemon when this test process is gone.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "'\(clamd)' -c '\(dir)/clamd.conf' >/dev/null 2>&1 & c=$!; while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; kill $c",
        ]
        // Its output goes nowhere: a watcher that held the test runner's output open would keep
        // the runner waiting for it, and the finished test process a zombie that `kill -0` still finds.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let endpoint = ClamdEndpoint.unix(socket)
        for _ in 0..<240 {
            if FileManager.default.fileExists(atPath: socket), (try? ClamdScan(endpoint, timeout: 2)) != nil {
                started = endpoint
                return endpoint
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw TestClamdError.didNotStart(dir + "/clamd.log")
    }
}

enum TestClamdError: Error {
    case notInstalled
    case didNotStart(String)
}
