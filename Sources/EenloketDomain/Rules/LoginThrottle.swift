/// How failed logins are slowed down before the contract's 429.
///
/// After a few failures for one account, each further failed attempt is
/// answered later (doubling, capped), so guessing is slow even below the hard
/// limit. A known device of the holder is counted apart (see
/// `SessionRepository.reserveLoginAttempt`), so this never slows the holder
/// because of someone else's guesses there.
public enum LoginThrottle {
    /// Failures answered at once before the delay starts.
    public static let freeFailures = 2

    /// The delay before answering a failed attempt, given how many failed
    /// before it; never more than `limit` (below the request timeout, so a
    /// refused login stays a 401 and never turns into a 503).
    public static func delay(afterFailures failures: Int, base: Duration, limit: Duration = .seconds(3600)) -> Duration {
        guard failures > freeFailures, base > .zero else { return .zero }
        let doublings = min(failures - freeFailures - 1, 4)
        return max(.zero, min(base * (1 << doublings), limit))
    }
}
