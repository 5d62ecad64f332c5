import Foundation
import PostgresNIO

/// Reads `EENLOKET_DATABASE_URL`: `postgres://user:pass@host:port/db` or
/// `postgres:///db?host=/socket/dir` (a Unix socket folder, as libpq writes it).
public enum DatabaseURL {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw Invalid(description: "EENLOKET_DATABASE_URL must start with postgres:// (the value is not shown)")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding
        let user = components.user?.removingPercentEncoding ?? query["user"] ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = components.password?.removingPercentEncoding ?? query["password"]
        let port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        let host = components.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? query["host"]

        var config: PostgresClient.Configuration
        if let host, host.hasPrefix("/") {
            config = .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            // As libpq: prefer and require encrypt without checking the certificate;
            // verify-full checks it against the system's trust roots.
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] ?? "prefer" {
            case "disable": tls = .disable
            case "require": tls = .require(unverified)
            case "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            default: tls = .prefer(unverified)
            }
            config = .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
        }
        return config
    }
}
