import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each message as an RFC 5322 `.eml` file into a folder, ready for
/// any MTA (or a person) to pick up. Files appear atomically (write, then
/// rename) and only their owner can read them (mode 0600, set when the file
/// is created, whatever the umask): a message holds a private link.
public struct SpoolTransport: MailTransport {
    public let directory: String
    public let from: String

    public init(directory: String, from: String) throws {
        self.directory = directory
        self.from = from
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public func send(_ mail: OutgoingMail) async throws {
        let text = try MailMessage.render(mail, from: from, at: Date())
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(mail.id).eml"
        let temporary = directory + "/." + name + ".tmp"
        try Self.writeOwnerOnly(Array(text.utf8), to: temporary)
        try FileManager.default.moveItem(atPath: temporary, toPath: directory + "/" + name)
    }

    private static func writeOwnerOnly(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failed(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // An earlier file of that name may carry wider permissions.
        fchmod(fd, 0o600)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failed(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw Failed(description: "cannot sync \(path)") }
    }
}
