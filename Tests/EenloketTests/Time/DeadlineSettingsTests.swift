import EenloketDomain
import EenloketStore
import Foundation
import PostgresNIO
import Testing

@Suite("Deadline settings inside a transaction")
struct DeadlineSettingsTests {
    /// A refresh of the cached policy inside a transaction reads through that
    /// transaction's connection. Through the pool it would wait for a second
    /// connection: with every connection held by such transactions, the pool
    /// deadlocks (the routing benchmark stalled this way). One connection makes
    /// the deadlock certain, so this test hangs without the fix; the race with
    /// a timer turns that hang into a failure.
    @Test func aRefreshInsideATransactionUsesItsConnection() async throws {
        var config = try await TestDatabase.shared.freshDatabase()
        config.options.maximumConnections = 1
        config.options.minimumConnections = 0
        let client = PostgresClient(configuration: config, backgroundLogger: testLogger)
        let finished = try await withThrowingTaskGroup(of: Bool?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            group.addTask {
                let db = Database(client: client, logger: testLogger)
                let settings = DeadlineSettings(db: db, maxAge: .zero)  // every call refreshes
                let policy = try await db.transaction { conn in try await settings.policy(on: conn) }
                return policy.calendar.isWorkingDay(LocalDate(year: 2026, month: 11, day: 23)!)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(20))
                return false
            }
            var answer: Bool?
            while answer == nil, let next = try await group.next() { answer = next }
            group.cancelAll()
            return answer ?? false
        }
        #expect(finished, "the policy was read within 20 s on the transaction's own connection")
    }
}
