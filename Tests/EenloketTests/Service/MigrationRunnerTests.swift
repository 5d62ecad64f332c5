import EenloketStore
import Foundation
import Logging
import PostgresNIO
import Testing

/// The migration runner's own guards: an applied migration that changed, a
/// failing one (named with its SQLSTATE), bad folders, and the committed
/// checksum list that CI checks.
@Suite("Migrations: the runner's guards")
struct MigrationRunnerTests {
    static func withClient<T: Sendable>(
        _ config: PostgresClient.Configuration, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: config, backgroundLogger: testLogger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    @Test func aMigrationChangedAfterItWasAppliedStopsTheRun() async throws {
        let config = try await TestDatabase.shared.emptyDatabase()
        let first = Migration(version: 1, name: "0001_first", sql: "CREATE TABLE first (id int PRIMARY KEY);")
        let second = Migration(version: 2, name: "0002_second", sql: "CREATE TABLE second (id int PRIMARY KEY);")
        try await Self.withClient(config) { client in
            #expect(try await MigrationRunner(migrations: [first]).apply(on: client, logger: testLogger) == [1])
            let edited = Migration(version: 1, name: "0001_first", sql: first.sql + "\n-- an edit")
            do {
                try await MigrationRunner(migrations: [edited, second]).apply(on: client, logger: testLogger)
                Issue.record("an edited, applied migration was accepted")
            } catch let error as MigrationError {
                guard case .changedAfterApply(let version, let name) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(version == 1 && name == "0001_first")
            }
            // Nothing after the changed one ran.
            let rows = try await client.query("SELECT count(*)::int FROM pg_tables WHERE tablename = 'second'", logger: testLogger)
            for try await count in rows.decode(Int.self) { #expect(count == 0) }
            // The unchanged file applies the rest.
            #expect(try await MigrationRunner(migrations: [first, second]).apply(on: client, logger: testLogger) == [2])
        }
    }

    @Test func aFailingMigrationIsNamedWithItsSQLStateAndLeavesNothingBehind() async throws {
        let config = try await TestDatabase.shared.emptyDatabase()
        let broken = Migration(
            version: 1, name: "0001_broken",
            sql: "CREATE TABLE kept (id int PRIMARY KEY);\nCREATE TABLE broken (x int REFERENCES nowhere(id));")
        try await Self.withClient(config) { client in
            do {
                try await MigrationRunner(migrations: [broken]).apply(on: client, logger: testLogger)
                Issue.record("a broken migration was applied")
            } catch let error as MigrationError {
                guard case .failed(let name, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(name == "0001_broken")
                #expect(reason.hasPrefix("SQLSTATE 42P01"), "undefined_table, got \(reason)")
                #expect(reason.contains("nowhere"))
            }
            // The migration's transaction rolled back: its first statement left nothing, nor was it recorded.
            let rows = try await client.query(
                "SELECT to_regclass('public.kept') IS NULL AND to_regclass('public.schema_migrations') IS NULL", logger: testLogger)
            for try await nothingLeft in rows.decode(Bool.self) { #expect(nothingLeft) }
        }
    }

    @Test func badFoldersAreRefusedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eenloket-migrations-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: MigrationError.self) { try MigrationRunner.load(from: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: MigrationError.self) { try MigrationRunner.load(from: folder) }  // empty

        try "SELECT 1;".write(toFile: folder + "/first.sql", atomically: true, encoding: .utf8)
        #expect { try MigrationRunner.load(from: folder) } throws: { error in
            guard case MigrationError.badFileName(let name) = error else { return false }
            return name == "first.sql"
        }
        try FileManager.default.removeItem(atPath: folder + "/first.sql")
        try "SELECT 1;".write(toFile: folder + "/0001_a.sql", atomically: true, encoding: .utf8)
        try "SELECT 2;".write(toFile: folder + "/0001_b.sql", atomically: true, encoding: .utf8)
        #expect { try MigrationRunner.load(from: folder) } throws: { error in
            guard case MigrationError.duplicateVersion(let version) = error else { return false }
            return version == 1
        }
        try FileManager.default.removeItem(atPath: folder + "/0001_b.sql")
        try "SELECT 3;".write(toFile: folder + "/0010_later.sql", atomically: true, encoding: .utf8)
        try "SELECT 2;".write(toFile: folder + "/0002_between.sql", atomically: true, encoding: .utf8)
        #expect(try MigrationRunner.load(from: folder).migrations.map(\.name) == ["0001_a", "0002_between", "0010_later"])
    }

    /// SQL/migrations.sha256 (checked by SQL/check-migrations.sh in CI) lists the
    /// same checksums the runner records, so the two guards agree.
    @Test func theCommittedChecksumListIsTheRunnersChecksums() throws {
        let list = try String(contentsOfFile: TestDatabase.repositoryRoot + "/SQL/migrations.sha256", encoding: .utf8)
        var listed: [String: String] = [:]
        for line in list.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            try #require(parts.count == 2, "line \(line)")
            listed[String(parts[1])] = String(parts[0])
        }
        let runner = try MigrationRunner.load(from: TestDatabase.sqlDirectory)
        #expect(Set(listed.keys) == Set(runner.migrations.map { $0.name + ".sql" }))
        for migration in runner.migrations {
            #expect(listed[migration.name + ".sql"] == migration.checksum, "\(migration.name)")
        }
    }
}
