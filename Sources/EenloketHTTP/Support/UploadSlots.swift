import EenloketDomain
import Synchronization

/// At most `limit` document uploads stream at once on one instance: each holds
/// a database connection (its transaction) for as long as its body takes, so
/// slow uploads must never take every connection from the other requests.
/// One more is refused with 503 and Retry-After.
final class UploadSlots: Sendable {
    private let inUse = Mutex(0)
    let limit: Int

    /// Half the database pool, never all of it (one upload at least).
    init(poolSize: Int) {
        limit = max(1, min(poolSize / 2, poolSize - 1))
    }

    /// Slots taken now.
    var taken: Int { inUse.withLock { $0 } }

    /// Runs `body` in a slot, or throws `unavailable` when all are taken.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        let taken = inUse.withLock { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard taken else { throw AppError.unavailable }
        defer { inUse.withLock { $0 -= 1 } }
        return try await body()
    }
}
