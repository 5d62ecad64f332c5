import EenloketStore
import Foundation
import Testing

/// Security finding H1: sendmail delivers to the one validated address given
/// on its command line, never to addresses read from the message's headers.
@Suite("Security H1: sendmail gets one recipient")
struct SendmailTransportTests {
    /// A stand-in sendmail that records its arguments and its input, then runs `tail`.
    func fakeSendmail(_ tail: String) throws -> (path: String, folder: String) {
        let folder = NSTemporaryDirectory() + "eenloket-sendmail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/sendmail"
        let script = """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(folder)/args'
            cat > '\(folder)/message'
            \(tail)
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (path, folder)
    }

    let mail = OutgoingMail(
        id: 1, to: "sanne.real@example.nl", toName: PartyLinkAttackTests.hostileName, subject: "Uitnodiging: geef uw reactie",
        body: "Beste Sanne,\n")

    @Test func theRecipientIsAnArgumentAndTheHeadersNameOnlyIt() async throws {
        let fake = try fakeSendmail("exit 0")
        defer { try? FileManager.default.removeItem(atPath: fake.folder) }
        try await SendmailTransport(path: fake.path, from: "noreply@eenloket.test").send(mail)
        let args = try String(contentsOfFile: fake.folder + "/args", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(args == ["-i", "-f", "noreply@eenloket.test", "--", "sanne.real@example.nl"])
        let message = ParsedMail(try String(contentsOfFile: fake.folder + "/message", encoding: .utf8))
        #expect(message.recipients == ["sanne.real@example.nl"])
    }

    @Test func aFailingSendmailIsAFailedDelivery() async throws {
        let fake = try fakeSendmail("echo 'relay refused' >&2; exit 75")
        defer { try? FileManager.default.removeItem(atPath: fake.folder) }
        await #expect(throws: SendmailTransport.Failed.self) {
            try await SendmailTransport(path: fake.path, from: "noreply@eenloket.test").send(mail)
        }
    }

    @Test func aHungSendmailIsStoppedAfterTheTimeout() async throws {
        let fake = try fakeSendmail("exec sleep 60")
        defer { try? FileManager.default.removeItem(atPath: fake.folder) }
        let started = ContinuousClock.now
        await #expect(throws: SendmailTransport.Failed.self) {
            try await SendmailTransport(path: fake.path, from: "noreply@eenloket.test", timeout: .seconds(1)).send(mail)
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func anInvalidRecipientNeverReachesSendmail() async throws {
        let fake = try fakeSendmail("exit 0")
        defer { try? FileManager.default.removeItem(atPath: fake.folder) }
        let twoInOne = OutgoingMail(id: 2, to: "spy@bakkerij.example, sanne@example.nl", toName: nil, subject: "x", body: ".")
        await #expect(throws: (any Error).self) { try await SendmailTransport(path: fake.path, from: "noreply@eenloket.test").send(twoInOne) }
        #expect(!FileManager.default.fileExists(atPath: fake.folder + "/args"))
    }
}
