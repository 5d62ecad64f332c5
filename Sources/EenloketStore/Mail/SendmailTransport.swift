import Foundation
import Subprocess

/// Hands each message to `sendmail -i -f FROM -- ADDRESS`, the standard Unix
/// mail interface (Postfix, Exim, msmtp, … all provide it).
///
/// The one recipient is an argument after `--`, never read from the message's
/// headers (`-t` would deliver to every address a header names), and it is the
/// validated address of the outbox row.
public struct SendmailTransport: MailTransport {
    public let path: String
    public let from: String
    /// A sendmail still running after this is stopped (SIGTERM, then SIGKILL)
    /// and the delivery counts as failed, so one hung relay holds no message for long.
    public let timeout: Duration

    public init(path: String, from: String, timeout: Duration = .seconds(60)) {
        self.path = path
        self.from = from
        self.timeout = timeout
    }

    /// Stopped with SIGTERM, and SIGKILL two seconds later, when the timeout passes.
    private static var options: PlatformOptions {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        return options
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public func send(_ mail: OutgoingMail) async throws {
        let text = try MailMessage.render(mail, from: from, at: Date())
        let options = Self.options
        let (path, from, to, timeout) = (self.path, self.from, mail.to, self.timeout)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                let result = try await Subprocess.run(
                    .path(.init(path)), arguments: ["-i", "-f", from, "--", to], platformOptions: options,
                    input: .array(Array(text.utf8)), output: .string(limit: 4096), error: .combinedWithOutput)
                guard case .exited(0) = result.terminationStatus else {
                    let said = result.standardOutput.prefix(300)
                    throw Failed(description: "sendmail ended with \(result.terminationStatus): \(said)")
                }
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else {
                throw Failed(description: "sendmail did not finish within \(timeout)")
            }
        }
    }
}
