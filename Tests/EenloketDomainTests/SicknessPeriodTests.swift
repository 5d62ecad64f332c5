import Foundation
import Testing

@testable import EenloketDomain

/// The week of sickness, the Poortwachter milestones, and a relapse within four weeks.
@Suite("Domain: where the employee is in the sickness years")
struct SicknessPeriodTests {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func dayOneToSevenIsWeekOneAndEightIsWeekTwo() {
        let period = SicknessPeriod(sickSince: Self.day("2026-03-02"), earlier: nil)
        #expect(period.week(on: Self.day("2026-03-02")) == 1)
        #expect(period.week(on: Self.day("2026-03-08")) == 1)
        #expect(period.week(on: Self.day("2026-03-09")) == 2)
        #expect(period.week(on: Self.day("2028-02-28")) == 105, "two years and a leap day later")
    }

    @Test func milestonesFallOnTheFirstDayOfTheirWeekAcrossALeapYear() {
        let period = SicknessPeriod(sickSince: Self.day("2027-03-01"), earlier: nil)
        #expect(period.firstDay(ofWeek: 6) == Self.day("2027-04-05"))
        #expect(period.firstDay(ofWeek: 52) == Self.day("2028-02-21"))
        #expect(period.firstDay(ofWeek: 104) == Self.day("2029-02-19"), "7 × 103 days on, through 29 February 2028")
        let next = period.nextMilestone(after: Self.day("2027-04-04"))
        #expect(next?.milestone == .problemAnalysis && next?.on == Self.day("2027-04-05"))
        let onTheDay = period.nextMilestone(after: Self.day("2027-04-05"))
        #expect(onTheDay?.milestone == .actionPlan, "a milestone whose day is today is not next: its day must be after today")
        #expect(period.nextMilestone(after: Self.day("2029-02-18"))?.milestone == .endOfWageContinuation)
        #expect(period.nextMilestone(after: Self.day("2029-02-19")) == nil, "none left after week 104 began")
    }

    @Test func aSpellThatEndedAtMost28DaysBeforeCountsWithThisOne() {
        let sickSince = Self.day("2026-06-01")
        // 28 days between the end and sick_since: 27 healthy days, fewer than 28.
        let within = EarlierSpell(startedOn: Self.day("2026-04-01"), endedOn: Self.day("2026-05-04"))
        #expect(within.endedOn.days(until: sickSince) == 28)
        #expect(SicknessPeriod(sickSince: sickSince, earlier: within).start == sickSince.adding(days: -34), "34 days of the earlier spell")
        let after = EarlierSpell(startedOn: Self.day("2026-04-01"), endedOn: Self.day("2026-05-03"))
        #expect(SicknessPeriod(sickSince: sickSince, earlier: after).start == sickSince, "29 days between: a new period")
        let oneDay = EarlierSpell(startedOn: Self.day("2026-05-20"), endedOn: Self.day("2026-05-20"))
        #expect(SicknessPeriod(sickSince: sickSince, earlier: oneDay).start == sickSince.adding(days: -1))
    }

    @Test func anEarlierSpellMustEndBeforeThisOneAndNotBeforeItBegan() {
        let sickSince = Self.day("2026-06-01")
        #expect(SicknessPeriod.problem(with: EarlierSpell(startedOn: Self.day("2026-05-01"), endedOn: Self.day("2026-05-31")), sickSince: sickSince) == nil)
        #expect(SicknessPeriod.problem(with: EarlierSpell(startedOn: Self.day("2026-05-01"), endedOn: Self.day("2026-06-01")), sickSince: sickSince) != nil)
        #expect(SicknessPeriod.problem(with: EarlierSpell(startedOn: Self.day("2026-05-10"), endedOn: Self.day("2026-05-09")), sickSince: sickSince) != nil)
    }

    @Test func staffSeeFirstCasesNearTheEndOrWithAMilestoneWithinTwoWeeks() {
        let period = SicknessPeriod(sickSince: Self.day("2026-01-05"), earlier: nil)
        #expect(period.isUrgent(on: Self.day("2026-01-26")), "problem analysis (week 6, 9 February) in 14 days")
        #expect(!period.isUrgent(on: Self.day("2026-01-25")), "15 days ahead")
        #expect(!period.isUrgent(on: Self.day("2026-06-01")), "week 22: week 42 is far")
        #expect(period.isUrgent(on: period.firstDay(ofWeek: 93)), "from week 93 on, close to week 104")
    }
}
