import Crypto
import Foundation
import Logging

/// A 32-byte secret of the deployment (the ruling signing key, the idempotency
/// secret): from its variable (base64), from the file its `_FILE` variable
/// names, or else from a default file, created on first use readable by its
/// owner only. A file is created with a link, which never replaces one, so of
/// instances starting at once in one folder the first one's secret is everyone's.
enum ConfiguredSecret {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// `check` refuses bytes that are no valid secret of the kind (named by `variable`).
    static func load(
        base64: String?, file: String?, defaultFile: String, variable: String, logger: Logger,
        check: (Data) -> Bool = { _ in true }
    ) throws -> Data {
        func decode(_ text: String, source: String) throws -> Data {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32, check(data)
            else { throw Problem(description: "\(source) does not hold 32 bytes in base64 for \(variable)") }
            return data
        }
        if let base64 { return try decode(base64, source: variable) }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Problem(description: "cannot read \(variable)_FILE")
            }
            return try decode(text, source: "\(variable)_FILE")
        }
        if let text = try? String(contentsOfFile: defaultFile, encoding: .utf8) { return try decode(text, source: defaultFile) }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let temporary = defaultFile + ".\(UUID().uuidString).tmp"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try FileManager.default.createDirectory(
                atPath: (defaultFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(
                atPath: temporary, contents: Data(secret.base64EncodedString().utf8), attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            do {
                try FileManager.default.linkItem(atPath: temporary, toPath: defaultFile)
                logger.notice("created \(variable); set it (or \(variable)_FILE) in production", metadata: ["file": "\(defaultFile)"])
            } catch {
                guard let text = try? String(contentsOfFile: defaultFile, encoding: .utf8) else { throw error }
                return try decode(text, source: defaultFile)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            logger.warning("\(variable) is not configured and could not be stored; this process uses one of its own")
        }
        return secret
    }
}
