import EenloketDomain
import EenloketStore
import Foundation

/// Dutch words for the values the pages show.
enum Labels {
    static func status(_ status: CaseStatus) -> String {
        switch status {
        case .submitted: return "Ingediend"
        case .awaitingPanel: return "Wacht op een panel"
        case .inReview: return "In behandeling bij het panel"
        case .ruled: return "Bindend oordeel gegeven"
        case .referred: return "Doorverwezen"
        case .answered: return "Beantwoord"
        case .withdrawn: return "Ingetrokken"
        }
    }

    static func caseType(_ type: CaseType?) -> String {
        switch type {
        case .secondOpinion?: return "Medisch advies (second opinion)"
        case .workCapacity?: return "Kan ik mijn eigen werk doen?"
        case .suitableWork?: return "Is het werk passend?"
        case .reintegrationEffort?: return "Is er genoeg gedaan voor re-integratie?"
        case .trackTwo?: return "Spoor 2: werk bij een andere werkgever"
        case .other?: return "Overig"
        case nil: return "Nog niet bepaald"
        }
    }

    static func discipline(_ discipline: Discipline) -> String {
        switch discipline {
        case .bedrijfsarts: return "Bedrijfsarts"
        case .verzekeringsarts: return "Verzekeringsarts"
        case .arbeidsdeskundige: return "Arbeidsdeskundige"
        }
    }

    static func outcome(_ outcome: RulingOutcome) -> String {
        switch outcome {
        case .upheld: return "Het advies of standpunt blijft staan"
        case .partlyUpheld: return "Het advies of standpunt blijft deels staan"
        case .overturned: return "Het advies of standpunt klopt niet"
        }
    }

    static func stage(_ stage: DeadlineStage) -> String {
        switch stage {
        case .triage: return "Beoordeling van de vraag"
        case .panel: return "Samenstellen van het panel"
        case .ruling: return "Bindend oordeel"
        }
    }

    static func role(_ role: String) -> String {
        [
            "employee": "Werknemer", "employer": "Werkgever", "system": "Eenloket", "intake_officer": "Intakemedewerker",
            "panel_member": "Panellid", "coordinator": "Coördinator", "admin": "Beheerder", "inspector": "Toezichthouder",
        ][role] ?? role
    }

    static func event(_ type: String) -> String {
        [
            "case_filed": "Vraag ingediend", "case_triaged": "Vraag beoordeeld", "party_invited": "Andere partij uitgenodigd",
            "member_assigned": "Panellid aangewezen", "panel_completed": "Panel compleet",
            "medical_data_viewed": "Medische gegevens ingezien door een medewerker", "statement_added": "Reactie toegevoegd",
            "ruling_recorded": "Bindend oordeel gegeven", "case_withdrawn": "Zaak ingetrokken",
            "appeal_lodged": "Beroep bij de rechter vastgelegd", "reminder_sent": "Herinnering verstuurd",
            "deadline_missed": "Termijn verstreken", "escalated": "Voorgelegd aan een coördinator",
            "panel_changed": "Panel gewijzigd", "follow_up_answered": "Nazorgvragen beantwoord",
            "follow_up_missed": "Nazorgvragen niet beantwoord", "letter_printed": "Brief verstuurd",
        ][type] ?? type
    }

    static func date(_ day: LocalDate) -> String { Dutch.date(day) }

    /// "23 november 2026 om 14:28", in Amsterdam time.
    static func moment(_ instant: Date) -> String {
        let day = AmsterdamTime.date(of: instant)
        let seconds = Int(instant.timeIntervalSince1970) + AmsterdamTime.utcOffset(at: instant)
        let minuteOfDay = ((seconds % 86_400) + 86_400) % 86_400 / 60
        let hh = minuteOfDay / 60, mm = minuteOfDay % 60
        return "\(Dutch.date(day)) om \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
