/// Working days as the Algemene termijnenwet counts them: not a Saturday, not a
/// Sunday and not one of the public holidays it names (art. 3), plus any extra
/// days the pool adds (the Act lets royal decree add days; the Friday after
/// Ascension is the usual one).
public struct WorkingDayCalendar: Sendable {
    /// Extra non-working days configured by the pool.
    public let extraNonWorkingDays: Set<LocalDate>

    public init(extraNonWorkingDays: Set<LocalDate> = []) {
        self.extraNonWorkingDays = extraNonWorkingDays
    }

    /// Whether work counts on this day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !Self.isPublicHoliday(date) && !extraNonWorkingDays.contains(date)
    }

    /// The `count`-th working day after `start` (the start day itself never counts).
    ///
    /// With `count` 0 this is `start` itself when it is a working day, else the
    /// next one: a term never ends on a non-working day.
    public func adding(workingDays count: Int, to start: LocalDate) -> LocalDate {
        var date = start
        var remaining = count
        if remaining == 0 {
            while !isWorkingDay(date) { date = date.adding(days: 1) }
            return date
        }
        while remaining > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// The last working day before `date`.
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// Moves a date that falls on a non-working day to the next working day.
    public func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        adding(workingDays: 0, to: date)
    }

    /// The public holidays of art. 3 of the Algemene termijnenwet in a year, in date order.
    public static func publicHolidays(in year: Int) -> [LocalDate] {
        let easter = easterSunday(year)
        var days = [
            LocalDate(year: year, month: 1, day: 1)!,  // Nieuwjaarsdag
            easter.adding(days: -2),  // Goede Vrijdag
            easter.adding(days: 1),  // Tweede Paasdag
            easter.adding(days: 39),  // Hemelvaartsdag
            easter.adding(days: 50),  // Tweede Pinksterdag
            LocalDate(year: year, month: 5, day: 5)!,  // Bevrijdingsdag
            LocalDate(year: year, month: 12, day: 25)!,  // Eerste Kerstdag
            LocalDate(year: year, month: 12, day: 26)!,  // Tweede Kerstdag
        ]
        if let royal = royalBirthdayCelebrated(in: year) { days.append(royal) }
        // Ascension can fall on 5 May (2016, 2027): each day is listed once.
        return Array(Set(days)).sorted()
    }

    /// Whether a date is one of the named public holidays.
    public static func isPublicHoliday(_ date: LocalDate) -> Bool {
        publicHolidays(in: date.year).contains(date)
    }

    /// The day the monarch's birthday is celebrated: the celebrated date, not the birthday.
    ///
    /// King's Day (since 2014) is 27 April, or the 26th when the 27th is a Sunday.
    /// Queen's Day was 30 April; on a Sunday it moved to 1 May until 1979 and to
    /// 29 April from 1980 to 2013.
    public static func royalBirthdayCelebrated(in year: Int) -> LocalDate? {
        if year >= 2014 {
            let day = LocalDate(year: year, month: 4, day: 27)!
            return day.isoWeekday == 7 ? day.adding(days: -1) : day
        }
        if year >= 1949 {
            let day = LocalDate(year: year, month: 4, day: 30)!
            guard day.isoWeekday == 7 else { return day }
            return year >= 1980 ? day.adding(days: -1) : day.adding(days: 1)
        }
        return nil
    }

    /// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }
}
