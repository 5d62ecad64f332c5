import EenloketDomain
import EenloketStore
import Foundation
import Logging
import PostgresNIO
import Testing

@Suite("Migrations and the schema's own guards")
struct MigrationTests {
    @Test func concurrentStartsOnAnEmptyDatabaseMigrateOnce() async throws {
        let config = try await TestDatabase.shared.emptyDatabase()
        let runner = try MigrationRunner.load(from: TestDatabase.sqlDirectory)
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let client = PostgresClient(configuration: config, backgroundLogger: testLogger)
                    return try await withThrowingTaskGroup(of: [Int]?.self) { inner in
                        inner.addTask { await client.run(); return nil }
                        let result = try await runner.apply(on: client, logger: testLogger)
                        inner.cancelAll()
                        return result
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(applied.sorted() == runner.migrations.map(\.version))
        try await withApp(database: config) { t in
            let rows = try await t.sql("SELECT count(*)::int FROM schema_migrations")
            #expect(try rows[0].decode(Int.self) == runner.migrations.count)
            #expect(try await t.api.get("/health/ready").status == 200)
        }
    }

    @Test func aRoleThatOwnsItsDatabaseSuffices() async throws {
        let config = try await TestDatabase.shared.ownedDatabase()
        try await withApp(database: config) { t in
            #expect(try await t.api.get("/health/ready").status == 200)
            try await t.member(.bedrijfsarts)
            let c = try await t.file()
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts])["status"].string == "in_review")
            let superuser = try await t.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            #expect(try superuser[0].decode(Bool.self) == false)
        }
    }

    @Test func sqlTransitionTableMatchesTheSwiftStateMachine() async throws {
        try await withApp { t in
            var pairs: Set<StatusPair> = []
            for row in try await t.sql("SELECT from_status, to_status FROM case_status_transitions") {
                let (from, to) = try row.decode((CaseStatus, CaseStatus).self)
                pairs.insert(StatusPair(from: from, to: to))
            }
            #expect(pairs == CaseTransition.allowedPairs)
        }
    }

    @Test func databaseRefusesAStatusChangeOutsideTheStateMachine() async throws {
        try await withApp { t in
            let c = try await t.file()
            await expectSQLState("23514") {
                try await t.deps.database.client.query("UPDATE cases SET status = 'ruled' WHERE id = \(UUID(uuidString: c.id)!)")
            }
            await expectSQLState("42501") {
                try await t.deps.database.client.query("DELETE FROM cases WHERE id = \(UUID(uuidString: c.id)!)")
            }
            #expect(try await t.view(c.id, token: c.token)["status"].string == "submitted")
        }
    }

    @Test func databaseRefusesASeatAboveCapacityAndMedicalDataFromEmployers() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts, maxOpenCases: 1)
            let c1 = try await t.file()
            try await t.accept(c1.id, disciplines: [.bedrijfsarts])
            let c2 = try await t.file()
            try await t.accept(c2.id, disciplines: [.bedrijfsarts, .verzekeringsarts])
            // c2 waits; a hand-written seat for the full member must fail.
            await expectSQLState("23514") {
                try await t.deps.database.client.query(
                    """
                    INSERT INTO panel_assignments (case_id, staff_id, discipline, is_chair, assigned_at)
                    VALUES (\(UUID(uuidString: c2.id)!), \(UUID(uuidString: ba.id)!), 'bedrijfsarts', true, now())
                    """)
            }
            let employer = try await t.file(role: .employer)
            await expectSQLState("23514") {
                try await t.deps.database.client.query(
                    "INSERT INTO case_medical (case_id, medical_information) VALUES (\(UUID(uuidString: employer.id)!), 'diagnose')")
            }
        }
    }

    @Test func referencesAreUniqueAndNumberedPerYear() async throws {
        try await withApp { t in
            let references = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let reply = try await t.api.post("/api/v1/cases", object: t.filing())
                        return reply["reference"].string ?? ""
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(references).count == 20)
            #expect(references.allSatisfy { $0.range(of: #"^EL-2026-\d{6}$"#, options: .regularExpression) != nil })
        }
    }
}
