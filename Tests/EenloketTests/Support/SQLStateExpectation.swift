import PostgresNIO
import Testing

/// Expects `body` to fail with PostgreSQL error `sqlState` (e.g. "23514" check
/// violation, "P0001" a trigger's RAISE, "42501" refused by row security), so a
/// test of a database guard cannot pass because of some other error.
func expectSQLState(
    _ sqlState: String, _ comment: Comment? = nil, constraint: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        do {
            try await body()
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error
        }
        Issue.record("expected SQLSTATE \(sqlState), but the statement succeeded. \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
    } catch let error as PSQLError {
        let actual = error.serverInfo?[.sqlState]
        #expect(
            actual == sqlState, "expected SQLSTATE \(sqlState), got \(actual ?? "none"): \(error.serverInfo?[.message] ?? "\(error.code)")",
            sourceLocation: sourceLocation)
        if let constraint {
            #expect(error.serverInfo?[.constraintName] == constraint, "expected the guard \(constraint)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected SQLSTATE \(sqlState), got \(error)", sourceLocation: sourceLocation)
    }
}
