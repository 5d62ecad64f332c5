import Foundation

/// A hearing session (the parties may attend) or a medical examination (the
/// employee, by a physician of the panel).
public enum AppointmentKind: String, Sendable, CaseIterable, Codable {
    case hearing
    case examination
}

public enum AppointmentStatus: String, Sendable, CaseIterable, Codable {
    case scheduled
    case cancelled
    case held
    case notHeld = "not_held"
}

/// The facts about one appointment that the decisions depend on.
public struct AppointmentFacts: Sendable, Equatable {
    public let kind: AppointmentKind
    public let startsAt: Date
    public let parties: Set<PartyRole>
    public let status: AppointmentStatus

    public init(kind: AppointmentKind, startsAt: Date, parties: Set<PartyRole>, status: AppointmentStatus) {
        self.kind = kind
        self.startsAt = startsAt
        self.parties = parties
        self.status = status
    }
}

/// What a new appointment asks for, before the rules checked it.
public struct AppointmentPlan: Sendable {
    public let kind: AppointmentKind
    public let startsAt: Date
    public let durationMinutes: Int
    public let location: String?
    public let onlineURL: String?
    public let parties: Set<PartyRole>
    public let examinerId: UUID?

    public init(
        kind: AppointmentKind, startsAt: Date, durationMinutes: Int, location: String?, onlineURL: String?, parties: Set<PartyRole>,
        examinerId: UUID?
    ) {
        self.kind = kind
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.location = location
        self.onlineURL = onlineURL
        self.parties = parties
        self.examinerId = examinerId
    }
}

/// The rules of planning (contract Part 2, "Appointments").
public enum AppointmentRules {
    /// Appointments lie at least this many working days after today…
    public static let minimumWorkingDaysAhead = 2
    /// …and at most this many days ahead.
    public static let maximumDaysAhead = 60

    /// The field errors of a plan by `caller` on a case with `facts` (422), or
    /// none; and the examiner (the chair's own examination names them).
    public static func check(_ plan: AppointmentPlan, by caller: Caller, on facts: CaseFacts, at now: Date) -> (
        errors: [(field: String, message: String)], examiner: UUID?
    ) {
        var errors: [(String, String)] = []
        let earliest = facts.calendar.adding(workingDays: minimumWorkingDaysAhead, to: AmsterdamTime.date(of: now))
        if AmsterdamTime.date(of: plan.startsAt) < earliest {
            errors.append(("starts_at", "Een afspraak is op zijn vroegst op \(Dutch.date(earliest)): twee werkdagen na vandaag."))
        } else if plan.startsAt > now.addingTimeInterval(TimeInterval(maximumDaysAhead) * 86400) {
            errors.append(("starts_at", "Een afspraak ligt hoogstens \(maximumDaysAhead) dagen vooruit."))
        }
        if plan.location == nil && plan.onlineURL == nil {
            errors.append(("location", "Geef een plaats of een link (https) voor een gesprek via video."))
        }
        var examiner: UUID?
        switch plan.kind {
        case .hearing:
            if plan.examinerId != nil { errors.append(("examiner_id", "Alleen een onderzoek heeft een onderzoekende arts.")) }
        case .examination:
            if plan.parties != [.employee] {
                errors.append(("parties", "Bij een medisch onderzoek is alleen de werknemer uitgenodigd: kies [\"employee\"]."))
            }
            examiner = plan.examinerId ?? (caller.staff?.role == .panelMember ? caller.staff?.id : nil)
            if let examiner {
                if !(facts.access.panel[examiner]?.isPhysician ?? false) {
                    errors.append(("examiner_id", "De onderzoekende arts moet een arts in het panel van deze zaak zijn."))
                }
            } else {
                errors.append(("examiner_id", "Noem de arts van het panel die het onderzoek doet."))
            }
        }
        return (errors, examiner)
    }
}
