import Foundation
import Testing

@testable import EenloketDomain

@Suite("AmsterdamTime")
struct AmsterdamTimeTests {
    /// Summer time starts and ends at 01:00 UTC on the last Sundays of March and
    /// October. Seconds since 1970, generated with Python's `zoneinfo`
    /// (`Europe/Amsterdam`, IANA tz database) and checked there on both sides of each switch.
    static let switches: [(year: Int, start: Int, end: Int)] = [
        (1996, 828_234_000, 846_378_000), (1997, 859_683_600, 877_827_600), (1998, 891_133_200, 909_277_200),
        (1999, 922_582_800, 941_331_600), (2000, 954_032_400, 972_781_200), (2001, 985_482_000, 1_004_230_800),
        (2002, 1_017_536_400, 1_035_680_400), (2003, 1_048_986_000, 1_067_130_000), (2004, 1_080_435_600, 1_099_184_400),
        (2005, 1_111_885_200, 1_130_634_000), (2006, 1_143_334_800, 1_162_083_600), (2007, 1_174_784_400, 1_193_533_200),
        (2008, 1_206_838_800, 1_224_982_800), (2009, 1_238_288_400, 1_256_432_400), (2010, 1_269_738_000, 1_288_486_800),
        (2011, 1_301_187_600, 1_319_936_400), (2012, 1_332_637_200, 1_351_386_000), (2013, 1_364_691_600, 1_382_835_600),
        (2014, 1_396_141_200, 1_414_285_200), (2015, 1_427_590_800, 1_445_734_800), (2016, 1_459_040_400, 1_477_789_200),
        (2017, 1_490_490_000, 1_509_238_800), (2018, 1_521_939_600, 1_540_688_400), (2019, 1_553_994_000, 1_572_138_000),
        (2020, 1_585_443_600, 1_603_587_600), (2021, 1_616_893_200, 1_635_642_000), (2022, 1_648_342_800, 1_667_091_600),
        (2023, 1_679_792_400, 1_698_541_200), (2024, 1_711_846_800, 1_729_990_800), (2025, 1_743_296_400, 1_761_440_400),
        (2026, 1_774_746_000, 1_792_890_000), (2027, 1_806_195_600, 1_824_944_400), (2028, 1_837_645_200, 1_856_394_000),
        (2029, 1_869_094_800, 1_887_843_600), (2030, 1_901_149_200, 1_919_293_200), (2031, 1_932_598_800, 1_950_742_800),
        (2032, 1_964_048_400, 1_982_797_200), (2033, 1_995_498_000, 2_014_246_800), (2034, 2_026_947_600, 2_045_696_400),
        (2035, 2_058_397_200, 2_077_146_000), (2036, 2_090_451_600, 2_108_595_600), (2037, 2_121_901_200, 2_140_045_200),
        (2038, 2_153_350_800, 2_172_099_600), (2039, 2_184_800_400, 2_203_549_200), (2040, 2_216_250_000, 2_234_998_800),
    ]

    @Test func offsetsSwitchAtTheRightInstantEveryYear1996To2040() {
        for s in Self.switches {
            let start = Date(timeIntervalSince1970: TimeInterval(s.start))
            let end = Date(timeIntervalSince1970: TimeInterval(s.end))
            #expect(AmsterdamTime.utcOffset(at: start.addingTimeInterval(-1)) == 3_600, "\(s.year) before spring switch")
            #expect(AmsterdamTime.utcOffset(at: start.addingTimeInterval(-0.001)) == 3_600, "\(s.year) 1 ms before spring switch")
            #expect(AmsterdamTime.utcOffset(at: start) == 7_200, "\(s.year) at spring switch")
            #expect(AmsterdamTime.utcOffset(at: end.addingTimeInterval(-1)) == 7_200, "\(s.year) before autumn switch")
            #expect(AmsterdamTime.utcOffset(at: end) == 3_600, "\(s.year) at autumn switch")
            // Mid-winter and mid-summer of the same year.
            #expect(AmsterdamTime.utcOffset(at: Date(timeIntervalSince1970: TimeInterval(s.start - 40 * 86_400))) == 3_600)
            #expect(AmsterdamTime.utcOffset(at: Date(timeIntervalSince1970: TimeInterval(s.start + 100 * 86_400))) == 7_200)
            #expect(AmsterdamTime.utcOffset(at: Date(timeIntervalSince1970: TimeInterval(s.end + 40 * 86_400))) == 3_600)
        }
    }

    @Test func switchInstantsAreOnLastSundays() {
        // The table itself, read back as dates: each instant is 01:00 UTC on a Sunday in the last week of the month.
        let calendar = utcCalendar()
        for s in Self.switches {
            for (seconds, month) in [(s.start, 3), (s.end, 10)] {
                let parts = calendar.dateComponents(
                    [.year, .month, .day, .hour, .weekday], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
                #expect(parts.year == s.year && parts.month == month && parts.hour == 1 && parts.weekday == 1)
                #expect((parts.day ?? 0) >= 25)
            }
        }
    }

    /// Random instants 1996–2040 with their Amsterdam date and offset, from Python's
    /// `datetime.fromtimestamp(t, ZoneInfo("Europe/Amsterdam"))`.
    @Test(arguments: [
        (1_515_879_964, "2018-01-13", 3_600), (1_144_400_539, "2006-04-07", 7_200), (1_668_331_399, "2022-11-13", 3_600),
        (2_218_325_544, "2040-04-18", 7_200), (924_148_712, "1999-04-15", 7_200), (976_010_137, "2000-12-05", 3_600),
        (1_971_252_245, "2032-06-19", 7_200), (1_022_597_128, "2002-05-28", 7_200), (1_605_765_372, "2020-11-19", 3_600),
        (2_071_982_126, "2035-08-29", 7_200), (945_006_138, "1999-12-12", 3_600), (1_910_164_346, "2030-07-13", 7_200),
        (1_281_515_238, "2010-08-11", 7_200), (900_975_724, "1998-07-21", 7_200), (1_005_024_685, "2001-11-06", 3_600),
        (1_751_701_421, "2025-07-05", 7_200), (1_718_472_269, "2024-06-15", 7_200), (970_467_783, "2000-10-02", 7_200),
        (1_337_274_258, "2012-05-17", 7_200), (1_015_259_116, "2002-03-04", 3_600), (2_003_819_367, "2033-07-01", 7_200),
        (1_732_102_419, "2024-11-20", 3_600), (947_393_243, "2000-01-09", 3_600), (2_034_756_967, "2034-06-24", 7_200),
        (1_086_317_073, "2004-06-04", 7_200), (1_299_856_428, "2011-03-11", 3_600), (2_174_713_244, "2038-11-30", 3_600),
        (2_167_856_986, "2038-09-12", 7_200), (2_072_430_712, "2035-09-03", 7_200), (953_302_136, "2000-03-17", 3_600),
        (2_059_773_543, "2035-04-10", 7_200), (2_077_895_034, "2035-11-05", 3_600), (1_672_319_242, "2022-12-29", 3_600),
        (926_946_638, "1999-05-17", 7_200), (1_295_224_008, "2011-01-17", 3_600), (920_489_944, "1999-03-03", 3_600),
        (2_015_883_167, "2033-11-18", 3_600), (1_106_445_142, "2005-01-23", 3_600), (1_442_385_611, "2015-09-16", 7_200),
        (1_720_548_641, "2024-07-09", 7_200),
    ])
    func agreesWithTheTzDatabase(seconds: Int, localDate: String, offset: Int) {
        let at = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(AmsterdamTime.utcOffset(at: at) == offset)
        #expect(AmsterdamTime.date(of: at).description == localDate)
    }

    // MARK: date(of:) around local midnight

    @Test(arguments: [
        // Winter (UTC+1): local midnight is 23:00 UTC the day before.
        ("2026-01-15T22:59:59Z", "2026-01-15"),
        ("2026-01-15T22:59:59.999Z", "2026-01-15"),
        ("2026-01-15T23:00:00Z", "2026-01-16"),
        ("2026-01-15T23:00:00.001Z", "2026-01-16"),
        ("2025-12-31T22:59:59Z", "2025-12-31"),
        ("2025-12-31T23:00:00Z", "2026-01-01"),  // New Year starts an hour before UTC's
        // Summer (UTC+2): local midnight is 22:00 UTC the day before.
        ("2026-07-15T21:59:59Z", "2026-07-15"),
        ("2026-07-15T21:59:59.999Z", "2026-07-15"),
        ("2026-07-15T22:00:00Z", "2026-07-16"),
        ("2026-07-15T23:30:00Z", "2026-07-16"),
        // Switch days: 29 March and 25 October 2026.
        ("2026-03-28T22:59:59Z", "2026-03-28"),
        ("2026-03-28T23:00:00Z", "2026-03-29"),
        ("2026-03-29T00:59:59Z", "2026-03-29"),  // 01:59:59 winter time
        ("2026-03-29T01:00:00Z", "2026-03-29"),  // 03:00:00 summer time
        ("2026-03-29T21:59:59Z", "2026-03-29"),
        ("2026-03-29T22:00:00Z", "2026-03-30"),
        ("2026-10-24T21:59:59Z", "2026-10-24"),
        ("2026-10-24T22:00:00Z", "2026-10-25"),
        ("2026-10-25T22:59:59Z", "2026-10-25"),  // a 25-hour day
        ("2026-10-25T23:00:00Z", "2026-10-26"),
        // Before 1970 (negative seconds).
        ("1969-12-31T22:59:59Z", "1969-12-31"),
        ("1969-12-31T23:00:00Z", "1970-01-01"),
    ])
    func dateOfAnInstant(utc: String, local: String) {
        #expect(AmsterdamTime.date(of: instant(utc)).description == local)
    }

    // MARK: startOfDay / endOfDay

    @Test(arguments: [
        ((2026, 1, 16), "2026-01-15T23:00:00Z"),
        ((2026, 7, 16), "2026-07-15T22:00:00Z"),
        ((2026, 3, 29), "2026-03-28T23:00:00Z"),  // spring switch day begins in winter time
        ((2026, 3, 30), "2026-03-29T22:00:00Z"),
        ((2026, 10, 25), "2026-10-24T22:00:00Z"),  // autumn switch day begins in summer time
        ((2026, 10, 26), "2026-10-25T23:00:00Z"),
        ((2027, 1, 1), "2026-12-31T23:00:00Z"),
        ((1970, 1, 1), "1969-12-31T23:00:00Z"),
    ])
    func startOfDay(fields: (Int, Int, Int), utc: String) {
        #expect(AmsterdamTime.startOfDay(ymd(fields.0, fields.1, fields.2)) == instant(utc))
    }

    @Test(arguments: [
        ((2026, 1, 15), "2026-01-15T22:59:59.999Z"),
        ((2026, 7, 15), "2026-07-15T21:59:59.999Z"),
        ((2026, 3, 29), "2026-03-29T21:59:59.999Z"),
        ((2026, 10, 25), "2026-10-25T22:59:59.999Z"),
        ((2026, 12, 31), "2026-12-31T22:59:59.999Z"),
    ])
    func endOfDayIsTheLastMillisecond(fields: (Int, Int, Int), utc: String) {
        let end = AmsterdamTime.endOfDay(ymd(fields.0, fields.1, fields.2))
        // Compared within a microsecond: a parsed ".999" need not be the same Double as start − 0.001.
        #expect(abs(end.timeIntervalSince(instant(utc))) < 1e-6)
    }

    @Test func dayLengthsAre23On24And25Hours() {
        func hours(_ date: LocalDate) -> Double {
            (AmsterdamTime.endOfDay(date).timeIntervalSince(AmsterdamTime.startOfDay(date)) + 0.001) / 3_600
        }
        #expect(abs(hours(ymd(2026, 3, 29)) - 23) < 1e-6)
        #expect(abs(hours(ymd(2026, 10, 25)) - 25) < 1e-6)
        #expect(abs(hours(ymd(2026, 6, 1)) - 24) < 1e-6)
        #expect(abs(hours(ymd(2026, 12, 1)) - 24) < 1e-6)
    }

    @Test func startAndEndOfEveryDayMapBackToThatDay() {
        var date = ymd(2024, 1, 1)
        var wrong: [String] = []
        while date <= ymd(2028, 12, 31) {
            let start = AmsterdamTime.startOfDay(date)
            let end = AmsterdamTime.endOfDay(date)
            if AmsterdamTime.date(of: start) != date { wrong.append("start \(date)") }
            if AmsterdamTime.date(of: end) != date { wrong.append("end \(date)") }
            if AmsterdamTime.date(of: start.addingTimeInterval(-0.001)) != date.adding(days: -1) { wrong.append("before \(date)") }
            if AmsterdamTime.date(of: end.addingTimeInterval(0.001)) != date.adding(days: 1) { wrong.append("after \(date)") }
            date = date.adding(days: 1)
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}
