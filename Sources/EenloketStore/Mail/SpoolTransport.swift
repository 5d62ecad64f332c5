import Foundation

/// Writes each message as an RFC 5322 `.eml` file into a folder, ready for
/// any MTA (or a person) to pick up. Files appear atomically (write, then rename).
public struct SpoolTransport: MailTransport {
    public let directory: String
    public let from: String

    public init(directory: String, from: String) throws {
        self.directory = directory
        self.from = from
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    public func send(_ mail: OutgoingMail) async throws {
        let text = MailMessage.render(mail, from: from, at: Date())
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(mail.id).eml"
        let temporary = directory + "/." + name + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: directory + "/" + name)
    }
}
