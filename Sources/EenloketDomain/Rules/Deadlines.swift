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

/// The deadline rules and calendar in force.
public struct DeadlinePolicy: Sendable {
    public let rules: [DeadlineStage: DeadlineRule]
    public let calendar: WorkingDayCalendar

    public init(rules: [DeadlineStage: DeadlineRule] = DeadlineRule.defaults, calendar: WorkingDayCalendar = WorkingDayCalendar()) {
        self.rules = rules
        self.calendar = calendar
    }

    public func deadline(_ stage: DeadlineStage, startingAt start: Date) -> StageDeadline {
        (rules[stage] ?? DeadlineRule.defaults[stage]!).deadline(startingAt: start, calendar: calendar)
    }
}
