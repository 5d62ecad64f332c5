import Foundation
import Testing

@testable import EenloketDomain

/// Deadlines are counted in working days (Algemene termijnenwet calendar) from the
/// Amsterdam calendar date on which a stage starts. Expected dates were counted by hand
/// and checked with an independent Python count (dateutil Easter, same holiday list).
@Suite("Deadlines")
struct DeadlineTests {
    private let policy = DeadlinePolicy()

    private func expectDeadline(
        _ stage: DeadlineStage, from utc: String, preferred: (Int, Int, Int), due: (Int, Int, Int),
        policy: DeadlinePolicy = DeadlinePolicy(), sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let deadline = policy.deadline(stage, startingAt: instant(utc))
        #expect(deadline.stage == stage, sourceLocation: sourceLocation)
        #expect(deadline.preferredBy == ymd(preferred.0, preferred.1, preferred.2), "preferred", sourceLocation: sourceLocation)
        #expect(deadline.dueBy == ymd(due.0, due.1, due.2), "due", sourceLocation: sourceLocation)
    }

    @Test func defaults() {
        #expect(DeadlineRule.defaults[.triage] == DeadlineRule(stage: .triage, preferredDays: 2, dueDays: 5))
        #expect(DeadlineRule.defaults[.panel] == DeadlineRule(stage: .panel, preferredDays: 1, dueDays: 5))
        #expect(DeadlineRule.defaults[.ruling] == DeadlineRule(stage: .ruling, preferredDays: 15, dueDays: 30))
        #expect(DeadlineRule.defaults.count == DeadlineStage.allCases.count)
        for (stage, rule) in DeadlineRule.defaults {
            #expect(rule.stage == stage)
            #expect(rule.preferredDays <= rule.dueDays)
        }
    }

    @Test func theContractExample() {
        // Filed Monday 23 November 2026: triage preferably by the 25th, at the latest the 30th.
        expectDeadline(.triage, from: "2026-11-23T09:00:00Z", preferred: (2026, 11, 25), due: (2026, 11, 30))
    }

    @Test func filedOnFridayEvening() {
        // 22:30 on Friday 27 November 2026 in Amsterdam (21:30 UTC): the weekend does not count.
        let at = "2026-11-27T21:30:00Z"
        expectDeadline(.triage, from: at, preferred: (2026, 12, 1), due: (2026, 12, 4))
        expectDeadline(.panel, from: at, preferred: (2026, 11, 30), due: (2026, 12, 4))
        expectDeadline(.ruling, from: at, preferred: (2026, 12, 18), due: (2027, 1, 12))  // over Christmas and New Year
    }

    @Test func theAmsterdamDateCountsNotTheUTCDate() {
        // 23:30 UTC on Thursday 26 November is already Friday 00:30 in Amsterdam.
        expectDeadline(.triage, from: "2026-11-26T22:30:00Z", preferred: (2026, 11, 30), due: (2026, 12, 3))  // Thursday 23:30
        expectDeadline(.triage, from: "2026-11-26T23:30:00Z", preferred: (2026, 12, 1), due: (2026, 12, 4))  // Friday 00:30
        // In summer the local day starts at 22:00 UTC: Thursday 2 July 22:30 UTC is Friday 3 July.
        expectDeadline(.triage, from: "2026-07-02T22:30:00Z", preferred: (2026, 7, 7), due: (2026, 7, 10))
        expectDeadline(.triage, from: "2026-07-02T21:30:00Z", preferred: (2026, 7, 6), due: (2026, 7, 9))
    }

    @Test func filedOnAWeekendDay() {
        expectDeadline(.triage, from: "2026-11-28T12:00:00Z", preferred: (2026, 12, 1), due: (2026, 12, 4))
    }

    @Test func aroundEaster() {
        // Thursday 2 April 2026, before Good Friday (3 April) and Easter Monday (6 April).
        let at = "2026-04-02T08:00:00Z"
        expectDeadline(.triage, from: at, preferred: (2026, 4, 8), due: (2026, 4, 13))
        expectDeadline(.panel, from: at, preferred: (2026, 4, 7), due: (2026, 4, 13))
        // 15 working days skip King's Day (27 April); 30 skip 5 May and Ascension (14 May) too.
        expectDeadline(.ruling, from: at, preferred: (2026, 4, 28), due: (2026, 5, 21))
    }

    @Test func aroundKingsDay() {
        // Friday 24 April 2026; Monday 27 April is King's Day.
        expectDeadline(.panel, from: "2026-04-24T12:00:00Z", preferred: (2026, 4, 28), due: (2026, 5, 4))
        // 2025: King's Day on Saturday 26 April; Monday 28 April is an ordinary working day.
        expectDeadline(.panel, from: "2025-04-25T12:00:00Z", preferred: (2025, 4, 28), due: (2025, 5, 2))
    }

    @Test func rulesCanBeOverridden() {
        let custom = DeadlinePolicy(rules: [.triage: DeadlineRule(stage: .triage, preferredDays: 1, dueDays: 3)])
        expectDeadline(.triage, from: "2026-11-23T09:00:00Z", preferred: (2026, 11, 24), due: (2026, 11, 26), policy: custom)
        // A stage missing from the table falls back to its default.
        expectDeadline(.panel, from: "2026-11-23T09:00:00Z", preferred: (2026, 11, 24), due: (2026, 11, 30), policy: custom)
    }

    @Test func extraNonWorkingDaysAreSkipped() {
        let calendar = WorkingDayCalendar(extraNonWorkingDays: [ymd(2026, 11, 24), ymd(2026, 11, 25)])
        let custom = DeadlinePolicy(calendar: calendar)
        expectDeadline(.triage, from: "2026-11-23T09:00:00Z", preferred: (2026, 11, 27), due: (2026, 12, 2), policy: custom)
    }

    @Test func aRuleCanBeUsedDirectly() {
        let rule = DeadlineRule(stage: .ruling, preferredDays: 0, dueDays: 1)
        let deadline = rule.deadline(startingAt: instant("2026-04-03T10:00:00Z"), calendar: WorkingDayCalendar())
        // Good Friday: zero working days is the next working day (Tuesday), one is Tuesday too.
        #expect(deadline.preferredBy == ymd(2026, 4, 7))
        #expect(deadline.dueBy == ymd(2026, 4, 7))
        #expect(deadline.stage == .ruling)
    }

    // MARK: Timers and after-care

    @Test func aDeadlinePassesAtTheStartOfTheNextAmsterdamDay() {
        // The whole due day counts: the timer fires at local midnight after it.
        #expect(DeadlinePolicy.passingMoment(of: ymd(2026, 11, 30)) == instant("2026-11-30T23:00:00Z"))
        #expect(DeadlinePolicy.passingMoment(of: ymd(2026, 7, 6)) == instant("2026-07-06T22:00:00Z"))
        #expect(DeadlinePolicy.passingMoment(of: ymd(2026, 3, 28)) == instant("2026-03-28T23:00:00Z"))  // next day is the spring switch
        #expect(DeadlinePolicy.passingMoment(of: ymd(2026, 10, 24)) == instant("2026-10-24T22:00:00Z"))  // next day is the autumn switch
    }

    @Test func afterCareCheckInsFollowTheDomainBrief() {
        // domain.md §12: check-ins 2 weeks, 6 weeks, 3 months (13 weeks) and 6 months (26 weeks) after the ruling.
        let rules = FollowUpRule.defaults
        #expect(rules.map(\.sequence) == [1, 2, 3, 4])
        #expect(rules.map(\.dueAfterDays) == [14, 42, 91, 182])
        #expect(rules.allSatisfy { $0.missedAfterDays == $0.dueAfterDays + 14 })
        #expect(DeadlinePolicy().followUps == rules)
    }

    @Test func afterCareMomentsAreNineOClockInAmsterdam() {
        let first = FollowUpRule.defaults[0]
        // Ruled Friday 20 March 2026 (winter time); 14 days later is 3 April, in summer time.
        let spring = first.moments(after: instant("2026-03-20T15:00:00Z"))
        #expect(spring.due == instant("2026-04-03T07:00:00Z"))
        #expect(spring.missed == instant("2026-04-17T07:00:00Z"))
        // Ruled at 00:30 Amsterdam time on 21 March (still the 20th in UTC): counted from the 21st.
        #expect(first.moments(after: instant("2026-03-20T23:30:00Z")).due == instant("2026-04-04T07:00:00Z"))
        // Ruled 20 October 2026 (summer time); 3 November is in winter time.
        let autumn = first.moments(after: instant("2026-10-20T10:00:00Z"))
        #expect(autumn.due == instant("2026-11-03T08:00:00Z"))
        #expect(autumn.missed == instant("2026-11-17T08:00:00Z"))
    }
}
