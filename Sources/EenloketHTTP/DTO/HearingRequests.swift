import EenloketDomain
import EenloketStore
import Foundation

/// `POST /api/v1/cases/{id}/statements`.
enum StatementRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (text: String, medical: Bool) {
        let r = FieldReader(body)
        let text = try r.text("text", length: 1...20_000)
        let medical = try r.bool("medical", required: false) ?? false
        try r.finish()
        return (text!, medical)
    }
}

/// `POST /api/v1/cases/{id}/panel`.
enum PanelChangeRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (PanelChange, motivation: String) {
        let r = FieldReader(body)
        let action = try r.string("action")
        let motivation = try r.text("motivation", length: 10...20_000)
        var change: PanelChange?
        switch action {
        case "add_discipline":
            if let discipline = try r.choice("discipline", Discipline.self) { change = .addDiscipline(discipline) }
        case "replace_member":
            if let text = try r.string("staff_id") {
                if let id = UUID(uuidString: text) { change = .replaceMember(id) } else { r.fail("staff_id", "Geef het id (UUID) van een panellid.") }
            }
        case nil:
            break
        default:
            r.fail("action", "Kies uit: add_discipline, replace_member.")
        }
        try r.finish()
        return (change!, motivation!)
    }
}

/// `POST /api/v1/cases/{id}/followups/{followUpId}`.
enum FollowUpAnswerRequest {
    static func parse(_ body: [String: JSONValue], today: LocalDate) throws -> FollowUpAnswer {
        let r = FieldReader(body)
        let carried = try r.choice("ruling_carried_out", RulingCarriedOut.self)
        let back = try r.choice("return_to_work", ReturnToWork.self)
        let help = try r.bool("needs_help")
        let remarks = try r.text("remarks", required: false, length: 1...2000)
        let returnedOn = try ReturnToWorkRequest.day(r, today: today, required: false)
        let signals = try r.choices("signals", WorkSignal.self)
        try r.finish()
        return FollowUpAnswer(
            carriedOut: carried!, returnToWork: back!, needsHelp: help!, remarks: remarks, returnedOn: returnedOn, signals: signals)
    }
}

/// `PUT /api/v1/cases/{id}/return-to-work` `{"returned_on": "2026-12-01"}`.
enum ReturnToWorkRequest {
    static func parse(_ body: [String: JSONValue], today: LocalDate) throws -> LocalDate {
        let r = FieldReader(body)
        let day = try day(r, today: today, required: true)
        try r.finish()
        return day!
    }

    /// The day the employee returned to work: not in the future (the rule of
    /// being on or after the start of sickness is the case's, checked with it).
    static func day(_ r: FieldReader, today: LocalDate, required: Bool) throws -> LocalDate? {
        guard let day = try r.date("returned_on", required: required) else { return nil }
        if day > today {
            r.fail("returned_on", "Vul de dag in waarop de werknemer weer aan het werk ging; die ligt niet in de toekomst.")
            return nil
        }
        return day
    }
}

/// `POST /api/v1/staff/{id}/absences`.
enum AbsenceRequest {
    static func parse(_ body: [String: JSONValue], today: LocalDate) throws -> (startsOn: LocalDate, endsOn: LocalDate, reason: String?) {
        let r = FieldReader(body)
        let starts = try r.date("starts_on")
        let ends = try r.date("ends_on")
        let reason = try r.text("reason", required: false, length: 1...200)
        if let starts, let ends {
            if ends < starts {
                r.fail("ends_on", "De einddatum ligt voor de begindatum.")
            } else if ends < today {
                r.fail("ends_on", "Deze afwezigheid is al voorbij.")
            } else if starts.days(until: ends) > 366 {
                r.fail("ends_on", "Leg een afwezigheid van hoogstens een jaar vast.")
            }
        }
        try r.finish()
        return (starts!, ends!, reason)
    }
}
