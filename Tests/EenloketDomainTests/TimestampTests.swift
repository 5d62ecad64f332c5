import Foundation
import Testing

@testable import EenloketDomain

@Suite("Timestamp")
struct TimestampTests {
    /// Known instants; seconds since 1970 checked with Python's `datetime.fromtimestamp(t, timezone.utc)`.
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_700_000_000.0, "2023-11-14T22:13:20.000Z"),
        (1_795_444_085.123, "2026-11-23T14:28:05.123Z"),  // the example in Timestamp's documentation
        (946_684_800.0, "2000-01-01T00:00:00.000Z"),
        (946_684_799.0, "1999-12-31T23:59:59.000Z"),
        (951_782_400.0, "2000-02-29T00:00:00.000Z"),
        (-1.0, "1969-12-31T23:59:59.000Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (-86_400.0, "1969-12-31T00:00:00.000Z"),
        (-2_208_988_800.0, "1900-01-01T00:00:00.000Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59.000Z"),
        (1_774_746_000.0, "2026-03-29T01:00:00.000Z"),  // always UTC, also at a summer-time switch
    ])
    func formatsKnownInstants(seconds: Double, expected: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(arguments: [
        (0.1234, "1970-01-01T00:00:00.123Z"),
        (0.1236, "1970-01-01T00:00:00.124Z"),
        (0.0004, "1970-01-01T00:00:00.000Z"),
        (0.9996, "1970-01-01T00:00:01.000Z"),  // rounding carries into the seconds
        (946_684_799.9996, "2000-01-01T00:00:00.000Z"),  // … and into the year
        (946_684_799.9994, "1999-12-31T23:59:59.999Z"),
        (1_700_000_059.9997, "2023-11-14T22:14:20.000Z"),  // … and into the minute
        (-0.0004, "1970-01-01T00:00:00.000Z"),
        (-0.0006, "1969-12-31T23:59:59.999Z"),
    ])
    func roundsToTheNearestMillisecond(seconds: Double, expected: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    /// Half-way values such as 0.1235 s: whichever way they go, `format` and
    /// `truncated` must agree, so a stored (truncated) instant prints as it was first shown.
    @Test(arguments: [0.1235, 0.0005, 0.0015, 1_700_000_000.1235, 946_684_799.9995, 1_764_000_000.0625, -0.0005, 1_774_746_000.0005])
    func halfwayValuesRoundConsistently(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Timestamp.format(date)
        #expect(text == Timestamp.format(Timestamp.truncated(date)))
        #expect(Timestamp.truncated(Timestamp.truncated(date)) == Timestamp.truncated(date))
        let shown = try #require(parse(text))
        #expect(abs(shown.timeIntervalSince1970 - seconds) <= 0.000_501)
    }

    @Test func formatHasAFixedShape() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            let seconds = Double.random(in: -2_208_988_800...4_102_444_800, using: &rng)
            let text = Timestamp.format(Date(timeIntervalSince1970: seconds))
            let chars = Array(text)
            guard chars.count == 24 else {
                Issue.record("\(text) is not 24 characters long")
                continue
            }
            #expect(chars[23] == "Z")
            #expect(chars[4] == "-" && chars[7] == "-" && chars[10] == "T" && chars[13] == ":" && chars[16] == ":" && chars[19] == ".")
            let digitPositions: [Int] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
            #expect(digitPositions.allSatisfy { chars[$0].isASCII && chars[$0].isNumber }, "\(text)")
        }
    }

    /// Whole milliseconds print exactly: fields compared with Foundation's calendar in UTC.
    @Test func wholeMillisecondsPrintExactly() {
        let calendar = utcCalendar()
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let millis = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &rng)
            let wholeSeconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
            let fraction = Int(millis - wholeSeconds * 1000)
            let c = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(wholeSeconds)))
            let expected = String(
                format: "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld.%03ldZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, fraction)
            #expect(Timestamp.format(Date(timeIntervalSince1970: Double(millis) / 1000)) == expected)
        }
    }

    /// PostgreSQL keeps microseconds: an instant truncated to milliseconds, stored and
    /// read back at microsecond precision, still prints the same.
    @Test func truncatedInstantsSurviveAMicrosecondRoundTrip() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let original = Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &rng))
            let stored = Timestamp.truncated(original)
            let micros = (stored.timeIntervalSince1970 * 1_000_000).rounded()
            let readBack = Date(timeIntervalSince1970: micros / 1_000_000)
            #expect(Timestamp.format(readBack) == Timestamp.format(stored))
            #expect(Timestamp.format(stored) == Timestamp.format(original))
            #expect(abs(stored.timeIntervalSince(original)) <= 0.000_501)
        }
    }

    @Test func truncatedHasWholeMilliseconds() {
        let t = Timestamp.truncated(Date(timeIntervalSince1970: 1_795_444_085.123_456))
        #expect(abs(t.timeIntervalSince1970 - 1_795_444_085.123) < 1e-6)
        let u = Timestamp.truncated(Date(timeIntervalSince1970: 1_795_444_085.123_656))
        #expect(abs(u.timeIntervalSince1970 - 1_795_444_085.124) < 1e-6)
    }

    private func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
