import Foundation

/// Pipes each message to `sendmail -t -i`, the standard Unix mail interface
/// (Postfix, Exim, msmtp, … all provide it).
public struct SendmailTransport: MailTransport {
    public let path: String
    public let from: String

    public init(path: String, from: String) {
        self.path = path
        self.from = from
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public func send(_ mail: OutgoingMail) async throws {
        let text = MailMessage.render(mail, from: from, at: Date())
        let input = NSTemporaryDirectory() + "eenloket-mail-\(UUID().uuidString).eml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        defer { try? FileManager.default.removeItem(atPath: input) }
        let (path, from) = (self.path, self.from)
        // waitpid blocks; keep it off the cooperative threads.
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ProcessRunner.Result, any Error>) in
            Thread {
                continuation.resume(with: Result { try ProcessRunner.run(path, ["-t", "-i", "-f", from], check: false, inputFile: input) })
            }.start()
        }
        guard result.status == 0 else {
            throw Failed(description: "sendmail exited with \(result.status): \(result.output.prefix(300))")
        }
    }
}
