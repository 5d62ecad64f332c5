import Foundation

/// An earlier spell of sickness the employee names at filing.
public struct EarlierSpell: Sendable, Equatable {
    public let startedOn: LocalDate
    public let endedOn: LocalDate

    public init(startedOn: LocalDate, endedOn: LocalDate) {
        self.startedOn = startedOn
        self.endedOn = endedOn
    }
}

/// A Poortwachter milestone of the two sickness years.
public enum SicknessMilestone: String, Sendable, CaseIterable {
    case problemAnalysis = "problem_analysis"
    case actionPlan = "action_plan"
    case week42Notice = "week_42_notice"
    case firstYearEvaluation = "first_year_evaluation"
    case wiaApplication = "wia_application"
    case endOfWageContinuation = "end_of_wage_continuation"

    /// The week of sickness the milestone falls in.
    public var week: Int {
        switch self {
        case .problemAnalysis: return 6
        case .actionPlan: return 8
        case .week42Notice: return 42
        case .firstYearEvaluation: return 52
        case .wiaApplication: return 93
        case .endOfWageContinuation: return 104
        }
    }
}

/// Where the employee is in the sickness years (contract Part 2, "Where the
/// employee is in the sickness years"): the period's start, today's week, and
/// the next milestone.
public struct SicknessPeriod: Sendable, Equatable {
    /// The first day of the period: `sick_since`, or earlier when a spell that
    /// ended fewer than 28 healthy days before counts with it (Civil Code 7:629(10)).
    public let start: LocalDate

    public init(sickSince: LocalDate, earlier: EarlierSpell?) {
        if let earlier, earlier.endedOn.days(until: sickSince) <= Self.relapseDays {
            start = sickSince.adding(days: -(earlier.startedOn.days(until: earlier.endedOn) + 1))
        } else {
            start = sickSince
        }
    }

    /// `sick_since − ended_on` up to this many days: the spells are added together.
    public static let relapseDays = 28

    /// The week of sickness on `today` (day 1–7 of the period is week 1).
    public func week(on today: LocalDate) -> Int {
        Int((Double(start.days(until: today)) / 7).rounded(.down)) + 1
    }

    /// The first day of a week of the period.
    public func firstDay(ofWeek week: Int) -> LocalDate { start.adding(days: 7 * (week - 1)) }

    /// The first milestone whose day is after `today`, or nil when none is left.
    public func nextMilestone(after today: LocalDate) -> (milestone: SicknessMilestone, on: LocalDate)? {
        for milestone in SicknessMilestone.allCases {
            let day = firstDay(ofWeek: milestone.week)
            if day > today { return (milestone, day) }
        }
        return nil
    }

    /// Whether staff should see the case first: close to the end of wage
    /// continuation (week 93 or later), or a milestone within two weeks.
    public func isUrgent(on today: LocalDate) -> Bool {
        if week(on: today) >= SicknessMilestone.wiaApplication.week { return true }
        guard let next = nextMilestone(after: today) else { return false }
        return today.days(until: next.on) <= 14
    }

    /// 422 messages for an earlier spell: both dates, the start not after the end, the end before `sick_since`.
    public static func problem(with spell: EarlierSpell, sickSince: LocalDate) -> String? {
        if spell.endedOn < spell.startedOn { return "De eerdere ziekte kan niet eindigen voordat zij begon." }
        if !(spell.endedOn < sickSince) { return "De eerdere ziekte moet geëindigd zijn vóór de eerste ziektedag van nu." }
        return nil
    }
}
