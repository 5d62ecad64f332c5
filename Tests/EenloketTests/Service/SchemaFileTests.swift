import Foundation
import PostgresNIO
import Subprocess
import SystemPackage
import Testing

/// `SQL/schema.sql` is the schema a fresh migration leaves, functions and
/// triggers included, so a reader finds today's definitions in one file
/// rather than across every migration that re-created them.
///
/// Regenerate it after adding a migration:
/// `EENLOKET_WRITE_SCHEMA=1 swift test --filter SchemaFileTests`.
@Suite("Schema: SQL/schema.sql is what the migrations make")
struct SchemaFileTests {
    static let path = TestDatabase.repositoryRoot + "/SQL/schema.sql"

    static let header = """
        -- The schema as a fresh run of SQL/migrations leaves it (pg_dump --schema-only),
        -- for reading: the migrations are what runs. A test compares this file with a
        -- freshly migrated database; regenerate it after adding a migration with
        --   EENLOKET_WRITE_SCHEMA=1 swift test --filter SchemaFileTests

        """

    @Test func theCommittedSchemaIsWhatAFreshMigrationMakes() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        let dump = try await Self.dump(database)
        let expected = Self.header + Self.normalized(dump)
        #expect(expected.contains("CREATE FUNCTION public.file_case("), "the dump holds the functions")
        #expect(expected.contains("CREATE TABLE public.timers"))
        if ProcessInfo.processInfo.environment["EENLOKET_WRITE_SCHEMA"] == "1" {
            try expected.write(toFile: Self.path, atomically: true, encoding: .utf8)
        }
        let committed = (try? String(contentsOfFile: Self.path, encoding: .utf8)) ?? ""
        if committed != expected {
            let actual = TestDatabase.repositoryRoot + "/.build/schema.actual.sql"
            try? expected.write(toFile: actual, atomically: true, encoding: .utf8)
            Issue.record(
                """
                SQL/schema.sql differs from a freshly migrated database (\(Self.firstDifference(committed, expected))).
                Compare with .build/schema.actual.sql, or regenerate: EENLOKET_WRITE_SCHEMA=1 swift test --filter SchemaFileTests
                """)
        }
    }

    /// pg_dump of the schema (no owners or grants: the deployment's roles differ).
    static func dump(_ config: PostgresClient.Configuration) async throws -> String {
        var arguments = ["--schema-only", "--no-owner", "--no-privileges", "--username", config.username, "--dbname", config.database ?? ""]
        if let socket = config.unixSocketPath {
            arguments += ["--host", (socket as NSString).deletingLastPathComponent, "--port", String(socket.split(separator: ".").last ?? "5432")]
        } else {
            arguments += ["--host", config.host ?? "localhost", "--port", String(config.port ?? 5432)]
        }
        var environment: [Environment.Key: String?] = [:]
        if let password = config.password { environment["PGPASSWORD"] = password }
        let result = try await Subprocess.run(
            .path(FilePath(try #require(pgDump, "pg_dump not found"))), arguments: Arguments(arguments),
            environment: .inherit.updating(environment), output: .string(limit: 16 * 1024 * 1024), error: .string(limit: 64 * 1024))
        #expect(result.terminationStatus.isSuccess, "pg_dump: \(result.standardError ?? "")")
        return result.standardOutput ?? ""
    }

    /// The newest Debian server binaries' pg_dump (it must not be older than the server), else PATH's.
    static var pgDump: String? {
        let debian = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin/pg_dump" }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pg_dump" }
        return (debian + path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Without what differs between runs and versions of pg_dump: its version
    /// lines and the random `\restrict` key of newer releases.
    static func normalized(_ dump: String) -> String {
        var lines: [Substring] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- Dumped from") || line.hasPrefix("-- Dumped by") || line.hasPrefix("\\restrict")
                || line.hasPrefix("\\unrestrict")
            {
                continue
            }
            // One blank line at most.
            if line.isEmpty && lines.last?.isEmpty == true { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let (left, right) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
        for (index, pair) in zip(left, right).enumerated() where pair.0 != pair.1 {
            return "line \(index + 1): committed \"\(pair.0.prefix(120))\", fresh \"\(pair.1.prefix(120))\""
        }
        return "lengths \(left.count) and \(right.count) lines"
    }
}
