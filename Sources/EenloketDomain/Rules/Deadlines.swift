import Foundation

/// The stages of the pool's own work that carry deadlines.
public enum DeadlineStage: String, Sendable, CaseIterable, Codable {
    /// From filing to the triage decision.
    case triage
    /// From acceptance until every requested discipline has a member.
    case panel
    /// From the complete panel to the binding ruling.
    case ruling
}

/// A stage's "preferred moment + latest deadline", counted in working days
/// from the moment the stage starts.
public struct DeadlineRule: Sendable, Equatable {
    public let stage: DeadlineStage
    public let preferredDays: Int
    public let dueDays: Int

    public init(stage: DeadlineStage, preferredDays: Int, dueDays: Int) {
        self.stage = stage
        self.preferredDays = preferredDays
        self.dueDays = dueDays
    }

    /// The defaults; the database table `deadline_rules` may override them.
    public static let defaults: [DeadlineStage: DeadlineRule] = [
        .triage: DeadlineRule(stage: .triage, preferredDays: 2, dueDays: 5),
        .panel: DeadlineRule(stage: .panel, preferredDays: 1, dueDays: 5),
        .ruling: DeadlineRule(stage: .ruling, preferredDays: 15, dueDays: 30),
    ]

    /// The deadline of a stage that starts at `start`.
    public func deadline(startingAt start: Date, calendar: WorkingDayCalendar) -> StageDeadline {
        let day = AmsterdamTime.date(of: start)
        return StageDeadline(
            stage: stage,
            preferredBy: calendar.adding(workingDays: preferredDays, to: day),
            dueBy: calendar.adding(workingDays: dueDays, to: day))
    }
}

/// The dates by which a stage should preferably, and must at the latest, be done.
public struct StageDeadline: Sendable, Equatable {
    public let stage: DeadlineStage
    public let preferredBy: LocalDate
    public let dueBy: LocalDate

    public init(stage: DeadlineStage, preferredBy: LocalDate, dueBy: LocalDate) {
        self.stage = stage
        self.preferredBy = preferredBy
        self.dueBy = dueBy
    }
}

/// An after-care check-in: due some calendar days after the ruling, missed
/// when still unanswered some days later.
public struct FollowUpRule: Sendable, Equatable {
    public let sequence: Int
    public let dueAfterDays: Int
    public let missedAfterDays: Int

    public init(sequence: Int, dueAfterDays: Int, missedAfterDays: Int) {
        self.sequence = sequence
        self.dueAfterDays = dueAfterDays
        self.missedAfterDays = missedAfterDays
    }

    /// 2 weeks, 6 weeks, 3 months and 6 months after the ruling, two weeks to answer each.
    public static let defaults: [FollowUpRule] = [
        FollowUpRule(sequence: 1, dueAfterDays: 14, missedAfterDays: 28),
        FollowUpRule(sequence: 2, dueAfterDays: 42, missedAfterDays: 56),
        FollowUpRule(sequence: 3, dueAfterDays: 91, missedAfterDays: 105),
        FollowUpRule(sequence: 4, dueAfterDays: 182, missedAfterDays: 196),
    ]

    /// When the check-in is due and when it counts as missed, for a ruling at
    /// `ruledAt`: 09:00 Amsterdam time on those days.
    public func moments(after ruledAt: Date) -> (due: Date, missed: Date) {
        moments(from: AmsterdamTime.date(of: ruledAt))
    }

    /// The same, counted from a day (the ruling's, or the day the employee returned to work).
    public func moments(from day: LocalDate) -> (due: Date, missed: Date) {
        func nineOClock(_ d: LocalDate) -> Date { AmsterdamTime.startOfDay(d).addingTimeInterval(9 * 3600) }
        return (nineOClock(day.adding(days: dueAfterDays)), nineOClock(day.adding(days: missedAfterDays)))
    }

    /// The check-in re-planned from the day the employee returned to work, or
    /// nil when that moment to answer has already passed (the check-in then
    /// keeps its first plan: nobody is marked as having missed a check-in
    /// they could not have known about). A check-in whose new moment has
    /// passed is due now.
    public func replanned(returnedOn: LocalDate, now: Date) -> (due: Date, missed: Date)? {
        let (due, missed) = moments(from: returnedOn)
        guard missed > now else { return nil }
        return (max(due, now), missed)
    }
}

/// The deadline rules and calendar in force.
public struct DeadlinePolicy: Sendable {
    public let rules: [DeadlineStage: DeadlineRule]
    public let calendar: WorkingDayCalendar
    public let followUps: [FollowUpRule]

    public init(
        rules: [DeadlineStage: DeadlineRule] = DeadlineRule.defaults, calendar: WorkingDayCalendar = WorkingDayCalendar(),
        followUps: [FollowUpRule] = FollowUpRule.defaults
    ) {
        self.rules = rules
        self.calendar = calendar
        self.followUps = followUps
    }

    /// The moment a stage's timer fires: the start of the day after the date
    /// (the whole preferred or due day counts).
    public static func passingMoment(of day: LocalDate) -> Date {
        AmsterdamTime.startOfDay(day.adding(days: 1))
    }

    public func deadline(_ stage: DeadlineStage, startingAt start: Date) -> StageDeadline {
        (rules[stage] ?? DeadlineRule.defaults[stage]!).deadline(startingAt: start, calendar: calendar)
    }
}
