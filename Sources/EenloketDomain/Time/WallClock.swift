import Foundation
import Synchronization

/// The source of "now" for every rule that depends on time.
///
/// The service uses `SystemClock`; tests use `ManualClock` so deadlines and
/// timers can be tested by moving time instead of waiting.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// Reads the operating system's clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        self.current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Sets the clock to an instant.
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
