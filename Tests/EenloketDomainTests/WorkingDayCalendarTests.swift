import Foundation
import Testing

@testable import EenloketDomain

@Suite("WorkingDayCalendar")
struct WorkingDayCalendarTests {
    // MARK: Easter

    /// Easter Sunday 1990–2040 as (month, day), from Python's `dateutil.easter.easter(year)`
    /// (Gregorian method). Spot checks: 2008-03-23, 2011-04-24, 2019-04-21, 2024-03-31,
    /// 2025-04-20, 2026-04-05, 2027-03-28, 2030-04-21, 2038-04-25.
    static let easter: [Int: (Int, Int)] = [
        1990: (4, 15), 1991: (3, 31), 1992: (4, 19), 1993: (4, 11), 1994: (4, 3), 1995: (4, 16), 1996: (4, 7),
        1997: (3, 30), 1998: (4, 12), 1999: (4, 4), 2000: (4, 23), 2001: (4, 15), 2002: (3, 31), 2003: (4, 20),
        2004: (4, 11), 2005: (3, 27), 2006: (4, 16), 2007: (4, 8), 2008: (3, 23), 2009: (4, 12), 2010: (4, 4),
        2011: (4, 24), 2012: (4, 8), 2013: (3, 31), 2014: (4, 20), 2015: (4, 5), 2016: (3, 27), 2017: (4, 16),
        2018: (4, 1), 2019: (4, 21), 2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9), 2024: (3, 31),
        2025: (4, 20), 2026: (4, 5), 2027: (3, 28), 2028: (4, 16), 2029: (4, 1), 2030: (4, 21), 2031: (4, 13),
        2032: (3, 28), 2033: (4, 17), 2034: (4, 9), 2035: (3, 25), 2036: (4, 13), 2037: (4, 5), 2038: (4, 25),
        2039: (4, 10), 2040: (4, 1),
    ]

    @Test func easterSundayMatchesTheTable() {
        #expect(Self.easter.count == 51)
        for (year, (month, dayOfMonth)) in Self.easter {
            let easter = WorkingDayCalendar.easterSunday(year)
            #expect(easter == ymd(year, month, dayOfMonth), "Easter \(year)")
            #expect(easter.isoWeekday == 7, "Easter \(year) is a Sunday")
        }
    }

    /// Gauss's Easter algorithm with its two Gregorian exceptions: a different
    /// method from the Meeus/Jones/Butcher one in the code (agrees with dateutil for 1583–4099).
    static func gaussEaster(_ y: Int) -> LocalDate {
        let a = y % 19, b = y % 4, c = y % 7, k = y / 100
        let p = (13 + 8 * k) / 25, q = k / 4
        let m = (15 - p + k - q) % 30, n = (4 + k - q) % 7
        let d = (19 * a + m) % 30, e = (2 * b + 4 * c + 6 * d + n) % 7
        if d == 29 && e == 6 { return ymd(y, 4, 19) }
        if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 { return ymd(y, 4, 18) }
        let march = 22 + d + e
        return march <= 31 ? ymd(y, 3, march) : ymd(y, 4, march - 31)
    }

    @Test func easterSundayAgreesWithGaussFrom1583To4099() {
        var differ: [Int] = []
        for year in 1583...4099 where WorkingDayCalendar.easterSunday(year) != Self.gaussEaster(year) {
            differ.append(year)
        }
        #expect(differ.isEmpty, "years: \(differ.prefix(10))")
    }

    // MARK: Public holidays of whole years

    /// Art. 3 Algemene termijnenwet. 2026: Easter 5 April; 27 April is a Monday.
    @Test func holidaysOf2026() {
        #expect(WorkingDayCalendar.publicHolidays(in: 2026) == [
            ymd(2026, 1, 1),  // Nieuwjaarsdag
            ymd(2026, 4, 3),  // Goede Vrijdag
            ymd(2026, 4, 6),  // Tweede Paasdag
            ymd(2026, 4, 27),  // Koningsdag
            ymd(2026, 5, 5),  // Bevrijdingsdag
            ymd(2026, 5, 14),  // Hemelvaartsdag
            ymd(2026, 5, 25),  // Tweede Pinksterdag
            ymd(2026, 12, 25), ymd(2026, 12, 26),
        ])
    }

    /// 2025: Easter 20 April; 27 April is a Sunday, so King's Day is Saturday the 26th.
    @Test func holidaysOf2025() {
        #expect(WorkingDayCalendar.publicHolidays(in: 2025) == [
            ymd(2025, 1, 1), ymd(2025, 4, 18), ymd(2025, 4, 21), ymd(2025, 4, 26), ymd(2025, 5, 5),
            ymd(2025, 5, 29), ymd(2025, 6, 9), ymd(2025, 12, 25), ymd(2025, 12, 26),
        ])
    }

    /// 2024: Easter 31 March (Good Friday in March, Easter Monday 1 April); 5 May is a Sunday.
    @Test func holidaysOf2024() {
        #expect(WorkingDayCalendar.publicHolidays(in: 2024) == [
            ymd(2024, 1, 1), ymd(2024, 3, 29), ymd(2024, 4, 1), ymd(2024, 4, 27), ymd(2024, 5, 5),
            ymd(2024, 5, 9), ymd(2024, 5, 20), ymd(2024, 12, 25), ymd(2024, 12, 26),
        ])
    }

    /// 2016: Easter 27 March, so Ascension Day falls on 5 May, Liberation Day: one day, listed once.
    @Test func holidaysOf2016ListAscensionOnLiberationDayOnce() {
        let holidays = WorkingDayCalendar.publicHolidays(in: 2016)
        #expect(WorkingDayCalendar.isPublicHoliday(ymd(2016, 5, 5)))
        #expect(Set(holidays) == [
            ymd(2016, 1, 1), ymd(2016, 3, 25), ymd(2016, 3, 28), ymd(2016, 4, 27), ymd(2016, 5, 5),
            ymd(2016, 5, 16), ymd(2016, 12, 25), ymd(2016, 12, 26),
        ])
        #expect(holidays.count == Set(holidays).count, "a date appears twice: \(holidays)")
    }

    @Test func holidaysAreSortedAndEasterBased() {
        for year in 1990...2040 {
            let holidays = WorkingDayCalendar.publicHolidays(in: year)
            #expect(holidays == holidays.sorted(), "\(year) in date order")
            #expect(holidays.allSatisfy { $0.year == year })
            let easter = Self.gaussEaster(year)
            for offset in [-2, 1, 39, 50] {
                #expect(WorkingDayCalendar.isPublicHoliday(easter.adding(days: offset)), "\(year) Easter\(offset)")
            }
            #expect(easter.adding(days: -2).isoWeekday == 5)  // Good Friday
            #expect(easter.adding(days: 39).isoWeekday == 4)  // Ascension, a Thursday
            #expect(easter.adding(days: 50).isoWeekday == 1)  // Whit Monday
            #expect(!WorkingDayCalendar.isPublicHoliday(easter.adding(days: -1)))
            #expect(!WorkingDayCalendar.isPublicHoliday(easter.adding(days: 40)))
        }
    }

    @Test func ordinaryDaysAreNotHolidays() {
        for date in [ymd(2026, 1, 2), ymd(2026, 12, 31), ymd(2026, 12, 24), ymd(2026, 4, 2), ymd(2026, 4, 7),
                     ymd(2026, 5, 4), ymd(2026, 5, 6), ymd(2026, 5, 15), ymd(2026, 4, 30), ymd(2026, 8, 31)] {
            #expect(!WorkingDayCalendar.isPublicHoliday(date), "\(date)")
        }
    }

    // MARK: The monarch's birthday

    @Test(arguments: [
        // King's Day (since 2014): 27 April, or Saturday the 26th when the 27th is a Sunday.
        (2014, (4, 26)),  // 27 April 2014 was a Sunday
        (2025, (4, 26)),
        (2031, (4, 26)),
        (2036, (4, 26)),
        (2015, (4, 27)),
        (2024, (4, 27)),  // a Saturday stays
        (2026, (4, 27)),
        // Queen's Day under Beatrix (1980–2013): 30 April, or the 29th when the 30th is a Sunday.
        (2013, (4, 30)),
        (2006, (4, 29)),
        (2000, (4, 29)),
        (1995, (4, 29)),
        (1989, (4, 29)),
        (1980, (4, 30)),
        (2012, (4, 30)),
        // Queen's Day under Juliana (1949–1979): 30 April, or Monday 1 May when the 30th is a Sunday.
        (1978, (5, 1)),
        (1972, (5, 1)),
        (1967, (5, 1)),
        (1961, (5, 1)),
        (1950, (5, 1)),
        (1949, (4, 30)),
        (1979, (4, 30)),
    ])
    func royalBirthdayCelebrated(year: Int, expected: (Int, Int)) throws {
        let celebrated = try #require(WorkingDayCalendar.royalBirthdayCelebrated(in: year))
        #expect(celebrated == ymd(year, expected.0, expected.1))
        #expect(celebrated.isoWeekday != 7, "never on a Sunday")
        #expect(WorkingDayCalendar.isPublicHoliday(celebrated))
    }

    @Test func theBirthdayItselfIsNotAHolidayWhenMoved() {
        #expect(!WorkingDayCalendar.isPublicHoliday(ymd(2025, 4, 27)))
        #expect(!WorkingDayCalendar.isPublicHoliday(ymd(2006, 4, 30)))
        #expect(!WorkingDayCalendar.isPublicHoliday(ymd(1978, 4, 30)))
        #expect(!WorkingDayCalendar.isPublicHoliday(ymd(2026, 4, 30)))  // no Queen's Day after 2013
        #expect(!WorkingDayCalendar.isPublicHoliday(ymd(2012, 4, 27)))  // no King's Day before 2014
        #expect(WorkingDayCalendar.royalBirthdayCelebrated(in: 1948) == nil)
    }

    // MARK: Working days

    @Test func isWorkingDay() {
        let calendar = WorkingDayCalendar()
        #expect(calendar.isWorkingDay(ymd(2026, 4, 2)))  // Thursday before Easter
        #expect(!calendar.isWorkingDay(ymd(2026, 4, 3)))  // Good Friday
        #expect(!calendar.isWorkingDay(ymd(2026, 4, 4)))  // Saturday
        #expect(!calendar.isWorkingDay(ymd(2026, 4, 5)))  // Easter Sunday
        #expect(!calendar.isWorkingDay(ymd(2026, 4, 6)))  // Easter Monday
        #expect(calendar.isWorkingDay(ymd(2026, 4, 7)))
        #expect(!calendar.isWorkingDay(ymd(2026, 4, 27)))  // King's Day, a Monday
        #expect(calendar.isWorkingDay(ymd(2025, 4, 28)))  // Monday after a Sunday 27 April: no substitute
        #expect(!calendar.isWorkingDay(ymd(2026, 5, 5)))  // Liberation Day, every year
        #expect(calendar.isWorkingDay(ymd(2026, 5, 15)))  // Friday after Ascension: not by default
        #expect(!calendar.isWorkingDay(ymd(2026, 12, 26)))
    }

    @Test(arguments: [
        // Thursday before Easter 2026: Good Friday, the weekend and Easter Monday are skipped.
        ((2026, 4, 2), 1, (2026, 4, 7)),
        ((2026, 4, 2), 2, (2026, 4, 8)),
        ((2026, 4, 2), 5, (2026, 4, 13)),
        // Friday 24 April 2026: King's Day on Monday the 27th.
        ((2026, 4, 24), 1, (2026, 4, 28)),
        ((2026, 4, 24), 5, (2026, 5, 4)),
        // Over Liberation Day (Tuesday 5 May 2026) and Ascension (Thursday 14 May 2026).
        ((2026, 5, 4), 1, (2026, 5, 6)),
        ((2026, 5, 13), 1, (2026, 5, 15)),
        // Christmas and New Year.
        ((2026, 12, 24), 1, (2026, 12, 28)),
        ((2026, 12, 24), 5, (2027, 1, 4)),
        ((2025, 12, 31), 1, (2026, 1, 2)),
        // Plain weekends; a start on a non-working day.
        ((2026, 11, 27), 1, (2026, 11, 30)),
        ((2026, 11, 28), 1, (2026, 11, 30)),
        ((2026, 11, 23), 5, (2026, 11, 30)),
        ((2026, 11, 27), 30, (2027, 1, 12)),
    ])
    func addingWorkingDays(start: (Int, Int, Int), count: Int, expected: (Int, Int, Int)) {
        // Expected dates checked with an independent Python count (dateutil Easter, same holiday list).
        let result = WorkingDayCalendar().adding(workingDays: count, to: ymd(start.0, start.1, start.2))
        #expect(result == ymd(expected.0, expected.1, expected.2))
    }

    @Test func countZeroOnANonWorkingDayMovesToTheNextWorkingDay() {
        let calendar = WorkingDayCalendar()
        #expect(calendar.adding(workingDays: 0, to: ymd(2026, 4, 3)) == ymd(2026, 4, 7))  // Good Friday → Tuesday
        #expect(calendar.adding(workingDays: 0, to: ymd(2026, 11, 28)) == ymd(2026, 11, 30))  // Saturday → Monday
        #expect(calendar.adding(workingDays: 0, to: ymd(2026, 4, 2)) == ymd(2026, 4, 2))  // a working day stays
        #expect(calendar.nextWorkingDay(onOrAfter: ymd(2026, 12, 25)) == ymd(2026, 12, 28))
        #expect(calendar.nextWorkingDay(onOrAfter: ymd(2026, 12, 28)) == ymd(2026, 12, 28))
    }

    @Test func extraNonWorkingDaysAreSkipped() {
        // The Friday after Ascension 2026, as a pool might add it.
        let calendar = WorkingDayCalendar(extraNonWorkingDays: [ymd(2026, 5, 15)])
        #expect(!calendar.isWorkingDay(ymd(2026, 5, 15)))
        #expect(calendar.isWorkingDay(ymd(2026, 5, 18)))
        #expect(calendar.adding(workingDays: 1, to: ymd(2026, 5, 13)) == ymd(2026, 5, 18))
        #expect(calendar.adding(workingDays: 0, to: ymd(2026, 5, 14)) == ymd(2026, 5, 18))
        #expect(!WorkingDayCalendar.isPublicHoliday(ymd(2026, 5, 15)), "extra days are not public holidays")
        #expect(WorkingDayCalendar().adding(workingDays: 1, to: ymd(2026, 5, 13)) == ymd(2026, 5, 15))
    }

    /// For many random starts and counts: the result is a working day after the start,
    /// and exactly `count` working days lie in (start, result], counted with an
    /// independent holiday check (weekday + Gauss Easter + fixed dates).
    @Test func addingWorkingDaysCountsExactly() {
        func independentHoliday(_ d: LocalDate) -> Bool {
            let e = Self.gaussEaster(d.year)
            if [e.adding(days: -2), e.adding(days: 1), e.adding(days: 39), e.adding(days: 50)].contains(d) { return true }
            if (d.month, d.day) == (1, 1) || (d.month, d.day) == (5, 5) || (d.month == 12 && (d.day == 25 || d.day == 26)) {
                return true
            }
            if d.year >= 2014 { return d.month == 4 && (d.day == 27 || (d.day == 26 && d.isoWeekday == 6)) }
            return false
        }
        let calendar = WorkingDayCalendar()
        var rng = SeededGenerator(seed: 2026)
        let first = ymd(2014, 1, 1).dayNumber
        let last = ymd(2040, 12, 1).dayNumber
        for _ in 0..<2_000 {
            let start = LocalDate(dayNumber: Int.random(in: first...last, using: &rng))
            let count = Int.random(in: 1...40, using: &rng)
            let result = calendar.adding(workingDays: count, to: start)
            #expect(result > start)
            var counted = 0
            var d = start.adding(days: 1)
            while d <= result {
                if !d.isWeekend && !independentHoliday(d) { counted += 1 }
                d = d.adding(days: 1)
            }
            #expect(counted == count, "\(count) working days after \(start) gave \(result)")
            #expect(!result.isWeekend && !independentHoliday(result))
        }
    }
}
