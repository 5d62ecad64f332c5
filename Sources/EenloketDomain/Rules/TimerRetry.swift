import Foundation

/// When a timer that failed is tried again, and when it is set aside.
public enum TimerRetry {
    /// Attempts before a timer is set aside for an operator (`failed_at`).
    public static let maxAttempts = 8

    /// Seconds to wait after `attempts` failed tries: a minute, doubling, at most six hours.
    public static func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(6 * 3600, 60 * pow(2, Double(max(0, attempts - 1))))
    }

    /// Fired timers are kept this long (for the history of what fired when), then removed.
    public static let firedRetention: TimeInterval = 90 * 86_400
}
