import Foundation
import Testing

@testable import EenloketDomain

@Suite("LocalDate")
struct LocalDateTests {
    // MARK: ISO parsing

    @Test(arguments: [
        ("2026-03-02", 2026, 3, 2),
        ("1970-01-01", 1970, 1, 1),
        ("0001-01-01", 1, 1, 1),
        ("9999-12-31", 9999, 12, 31),
        ("2024-02-29", 2024, 2, 29),  // 2024 is a leap year
        ("2000-02-29", 2000, 2, 29),  // divisible by 400: leap
        ("2026-04-30", 2026, 4, 30),
        ("2026-12-31", 2026, 12, 31),
    ])
    func parsesValidDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-13-01", "2026-00-10",  // month out of range
        "2026-01-00", "2026-01-32", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",  // day out of range
        "2025-02-29", "2026-02-29", "1900-02-29", "2100-02-29",  // 29 February in common years
        "2024-02-30",
    ])
    func rejectsDaysThatDoNotExist(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test(arguments: [
        "", "2026", "2026-1-01", "2026-01-1", "26-01-01", "2026-01-011", "12026-01-01",  // wrong lengths
        "2026/01/01", "2026.01.01", "20260101", "2026-01_01",  // wrong separators
        "2026-0a-01", "2O26-01-01", "2026-01-0x", "+026-01-01", "-026-01-01", " 026-01-01",  // non-digits
        " 2026-01-01", "2026-01-01 ", "2026-01-01T00:00",  // surrounding text
        "２０２６-01-01", "2026-٠١-01",  // digits outside ASCII
    ])
    func rejectsMalformedText(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func memberwiseInitRejectsImpossibleFields() {
        #expect(LocalDate(year: 2026, month: 0, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 1, day: 0) == nil)
        #expect(LocalDate(year: 2026, month: 1, day: -1) == nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2028, month: 2, day: 29) != nil)
    }

    @Test func leapYears() {
        #expect(LocalDate.isLeapYear(2024))
        #expect(LocalDate.isLeapYear(2000))
        #expect(LocalDate.isLeapYear(1600))
        #expect(!LocalDate.isLeapYear(2026))
        #expect(!LocalDate.isLeapYear(1900))
        #expect(!LocalDate.isLeapYear(2100))
        #expect(LocalDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(LocalDate.daysInMonth(year: 2026, month: 2) == 28)
        #expect((1...12).map { LocalDate.daysInMonth(year: 2026, month: $0) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test func descriptionPadsSmallYears() {
        #expect(ymd(999, 1, 5).description == "0999-01-05")
        #expect(ymd(42, 11, 9).description == "0042-11-09")
        #expect(ymd(2026, 3, 2).description == "2026-03-02")
    }

    // MARK: Day numbers

    /// Known day numbers, from Python: `(date(y, m, d) - date(1970, 1, 1)).days`.
    @Test(arguments: [
        ((1970, 1, 1), 0),
        ((1969, 12, 31), -1),
        ((2000, 1, 1), 10_957),
        ((1900, 1, 1), -25_567),
        ((2100, 12, 31), 47_846),
        ((2026, 11, 23), 20_780),
        ((1, 1, 1), -719_162),
        ((9999, 12, 31), 2_932_896),
    ])
    func knownDayNumbers(fields: (Int, Int, Int), expected: Int) {
        let date = ymd(fields.0, fields.1, fields.2)
        #expect(date.dayNumber == expected)
        #expect(LocalDate(dayNumber: expected) == date)
    }

    /// Walks every day from 1900-01-01 to 2100-12-31 with a naive day/month/year
    /// counter and checks that day numbers, `init(dayNumber:)`, ISO text and
    /// Foundation's Gregorian calendar all agree.
    @Test func everyDayFrom1900To2100RoundTrips() throws {
        var (y, m, d) = (1900, 1, 1)
        var expectedNumber = -25_567
        let calendar = utcCalendar()
        var mismatches = 0
        while y <= 2100 {
            let date = try #require(LocalDate(year: y, month: m, day: d))
            if date.dayNumber != expectedNumber { mismatches += 1 }
            let back = LocalDate(dayNumber: expectedNumber)
            if back.year != y || back.month != m || back.day != d { mismatches += 1 }
            if LocalDate(iso: date.description) != date { mismatches += 1 }
            // Once a month, also compare with Foundation (cheap enough, independent).
            if d == 1 || d == 28 {
                let reference = calendar.dateComponents(
                    [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(expectedNumber) * 86_400))
                if reference.year != y || reference.month != m || reference.day != d { mismatches += 1 }
            }
            expectedNumber += 1
            d += 1
            let monthLength = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            if d > monthLength { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
        }
        #expect(mismatches == 0)
        #expect(expectedNumber == 47_847)  // one past 2100-12-31
    }

    @Test func dayNumbersRoundTripFarFromTheEpoch() {
        for n in stride(from: -800_000, through: 3_000_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }

    // MARK: Weekdays

    /// Weekdays of known dates (checked with Python's `date.isoweekday()`).
    @Test(arguments: [
        ((1970, 1, 1), 4),  // Thursday, the epoch
        ((2000, 1, 1), 6),  // Saturday
        ((1900, 1, 1), 1),  // Monday
        ((1969, 12, 28), 7),  // Sunday, before the epoch
        ((2024, 2, 29), 4),  // Thursday
        ((2026, 11, 23), 1),  // Monday
        ((2025, 4, 27), 7),  // Sunday (King's Day moved to the 26th)
        ((1944, 6, 6), 2),  // Tuesday
        ((2100, 3, 1), 1),  // Monday
        ((1, 1, 1), 1),  // Monday, proleptic Gregorian
    ])
    func isoWeekdayOfKnownDates(fields: (Int, Int, Int), weekday: Int) {
        let date = ymd(fields.0, fields.1, fields.2)
        #expect(date.isoWeekday == weekday)
        #expect(date.isWeekend == (weekday >= 6))
    }

    @Test func weekdaysCycleOverEveryDayOfTheRange() {
        var date = ymd(1899, 12, 31)  // a Sunday
        #expect(date.isoWeekday == 7)
        var broken = 0
        while date < ymd(2101, 1, 1) {
            let next = date.adding(days: 1)
            if next.isoWeekday != date.isoWeekday % 7 + 1 { broken += 1 }
            date = next
        }
        #expect(broken == 0)
    }

    // MARK: Arithmetic

    @Test func addingDaysAndCountingThem() {
        #expect(ymd(2026, 12, 31).adding(days: 1) == ymd(2027, 1, 1))
        #expect(ymd(2024, 2, 28).adding(days: 1) == ymd(2024, 2, 29))
        #expect(ymd(2026, 2, 28).adding(days: 1) == ymd(2026, 3, 1))
        #expect(ymd(1970, 1, 1).adding(days: -1) == ymd(1969, 12, 31))
        #expect(ymd(2026, 3, 2).adding(days: 0) == ymd(2026, 3, 2))
        #expect(ymd(2026, 1, 1).days(until: ymd(2027, 1, 1)) == 365)
        #expect(ymd(2024, 1, 1).days(until: ymd(2025, 1, 1)) == 366)
        #expect(ymd(2026, 3, 2).days(until: ymd(2026, 2, 28)) == -2)
    }

    @Test func addingYearsKeepsTheDayOrClampsFebruary29() {
        #expect(ymd(2024, 2, 29).adding(years: 1) == ymd(2025, 2, 28))
        #expect(ymd(2024, 2, 29).adding(years: 4) == ymd(2028, 2, 29))
        #expect(ymd(2024, 2, 29).adding(years: -4) == ymd(2020, 2, 29))
        #expect(ymd(2024, 2, 29).adding(years: -1) == ymd(2023, 2, 28))
        #expect(ymd(2000, 2, 29).adding(years: 100) == ymd(2100, 2, 28))  // 2100 is not a leap year
        #expect(ymd(2020, 2, 29).adding(years: 100) == ymd(2120, 2, 29))
        #expect(ymd(2021, 11, 23).adding(years: 5) == ymd(2026, 11, 23))
        #expect(ymd(2026, 12, 31).adding(years: 0) == ymd(2026, 12, 31))
        #expect(ymd(2026, 2, 28).adding(years: 2) == ymd(2028, 2, 28))  // not moved to the 29th
    }

    @Test func orderingFollowsTheCalendar() {
        #expect(ymd(2025, 12, 31) < ymd(2026, 1, 1))
        #expect(ymd(2026, 1, 31) < ymd(2026, 2, 1))
        #expect(!(ymd(2026, 2, 1) < ymd(2026, 2, 1)))
        #expect([ymd(2026, 5, 5), ymd(1999, 1, 1), ymd(2026, 1, 1)].sorted() == [ymd(1999, 1, 1), ymd(2026, 1, 1), ymd(2026, 5, 5)])
        #expect(Set([ymd(2026, 5, 5), LocalDate(iso: "2026-05-05")!]).count == 1)
    }
}
