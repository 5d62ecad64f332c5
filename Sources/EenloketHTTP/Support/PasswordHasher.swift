import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt password hashing, off the event loops.
///
/// Passwords are first reduced to the hex SHA-256 of their UTF-8 bytes, since
/// bcrypt silently ignores everything after 72 bytes.
struct PasswordHasher: Sendable {
    let cost: UInt8
    /// A hash to verify against when the account does not exist, made with the
    /// configured cost, so an unknown address takes as long as a wrong password.
    let decoy: String

    init(cost: UInt8) {
        self.cost = cost
        self.decoy = Bcrypt.hash(Self.prehash("eenloket-decoy-password"), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let input = Self.prehash(password)
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        let input = Self.prehash(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    private static func prehash(_ password: String) -> String {
        SHA256.hash(data: Data(password.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
