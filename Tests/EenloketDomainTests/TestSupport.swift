import Foundation

@testable import EenloketDomain

/// Shared helpers for the domain tests. They use Foundation's own calendar and
/// ISO 8601 parser where possible, so expected values do not come from the code under test.

/// A calendar date from its fields; traps on a date that does not exist (only used with literals).
func ymd(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
    guard let date = LocalDate(year: year, month: month, day: day) else {
        fatalError("test literal \(year)-\(month)-\(day) is not a date")
    }
    return date
}

/// An instant from an RFC 3339 UTC literal such as `2026-01-15T22:59:59Z` or `…59.999Z`,
/// parsed by Foundation (not by the code under test).
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("test literal \(text) is not RFC 3339") }
    return date
}

/// A UUID with the given value in its last 12 hex digits, e.g. `uuid(0xA)` is `00000000-0000-0000-0000-00000000000A`.
func uuid(_ n: Int) -> UUID {
    let hex = String(n, radix: 16, uppercase: true)
    let tail = String(repeating: "0", count: 12 - hex.count) + hex
    return UUID(uuidString: "00000000-0000-0000-0000-" + tail)!
}

/// A small deterministic generator (SplitMix64), so randomized tests are reproducible from their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Foundation's Gregorian calendar in UTC, an independent reference for date arithmetic.
func utcCalendar() -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
}
