import EenloketDomain
import EenloketStore
import Foundation

/// `POST /api/v1/cases/{id}/appointments`.
enum AppointmentRequest {
    static func parse(_ body: [String: JSONValue]) throws -> AppointmentPlan {
        let r = FieldReader(body)
        let kind = try r.choice("kind", AppointmentKind.self)
        let startsText = try r.string("starts_at")
        let startsAt = startsText.flatMap(Timestamp.parse)
        if startsText != nil && startsAt == nil { r.fail("starts_at", "Gebruik een tijdstip als 2026-12-15T13:00:00Z.") }
        let duration = try r.int("duration_minutes")
        if let duration, !(15...480).contains(duration) { r.fail("duration_minutes", "Kies 15 tot en met 480 minuten.") }
        let location = try r.text("location", required: false, length: 1...500)
        let url = try r.text("online_url", required: false, length: 9...2000)
        if let url, !url.hasPrefix("https://") || url.contains(where: \.isWhitespace) {
            r.fail("online_url", "Gebruik een link die met https:// begint.")
        }
        let names = try r.stringArray("parties", maxCount: 2)
        var parties: Set<PartyRole> = []
        for name in names ?? [] {
            guard let party = PartyRole(rawValue: name), parties.insert(party).inserted else {
                r.fail("parties", "Kies employee, employer of allebei, elk één keer.")
                break
            }
        }
        if names?.isEmpty == true { r.fail("parties", "Nodig minstens één partij uit.") }
        let examinerText = try r.string("examiner_id", required: false)
        let examiner = examinerText.flatMap(UUID.init(uuidString:))
        if examinerText != nil && examiner == nil { r.fail("examiner_id", "Geef het id (UUID) van een arts in het panel.") }
        try r.finish()
        return AppointmentPlan(
            kind: kind!, startsAt: startsAt!, durationMinutes: duration!, location: location, onlineURL: url, parties: parties,
            examinerId: examiner)
    }
}

/// `POST …/appointments/{aid}/response`: `{"attending": true, "note": "…"}`.
enum AppointmentAnswerRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (Bool, String?) {
        let r = FieldReader(body)
        let attending = try r.bool("attending")
        let note = try r.text("note", required: false, length: 1...2000)
        try r.finish()
        return (attending!, note)
    }
}

/// `POST …/appointments/{aid}/cancel`: `{"reason": "…"}`.
enum AppointmentCancelRequest {
    static func parse(_ body: [String: JSONValue]) throws -> String {
        let r = FieldReader(body)
        let reason = try r.text("reason", length: 1...2000)
        try r.finish()
        return reason!
    }
}

/// `POST …/appointments/{aid}/report`: `{"held": true, "summary": "…", "medical_notes": "…"}`; a held appointment needs a summary.
enum AppointmentReportRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (Bool, String?, String?) {
        let r = FieldReader(body)
        let held = try r.bool("held")
        let summary = try r.text("summary", required: held == true, length: 1...20_000)
        let notes = try r.text("medical_notes", required: false, length: 1...20_000)
        try r.finish()
        return (held!, summary, notes)
    }
}

/// An appointment. Staff see why it was cancelled; `medical_notes` is written
/// only for readers the medical-field rule allows (when there are notes).
struct AppointmentJSON: Encodable {
    let appointment: AppointmentRecord
    let staff: Bool

    init(_ appointment: AppointmentRecord, staff: Bool) {
        self.appointment = appointment
        self.staff = staff
    }

    struct AnswerJSON: Encodable {
        let attending: Bool
        let note: String?
        let at: String
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        let a = appointment
        try c.encode(a.id.lowercased, forKey: APIKey("id"))
        try c.encode(a.kind.rawValue, forKey: APIKey("kind"))
        try c.encode(Timestamp.format(a.startsAt), forKey: APIKey("starts_at"))
        try c.encode(a.durationMinutes, forKey: APIKey("duration_minutes"))
        try c.encode(a.location, forKey: APIKey("location"))
        try c.encode(a.onlineURL, forKey: APIKey("online_url"))
        try c.encode(a.parties.map(\.rawValue), forKey: APIKey("parties"))
        try c.encode(a.examinerId?.lowercased, forKey: APIKey("examiner_id"))
        try c.encode(a.status.rawValue, forKey: APIKey("status"))
        var answers: [String: AnswerJSON] = [:]
        for (party, answer) in a.responses {
            answers[party.rawValue] = AnswerJSON(attending: answer.attending, note: answer.note, at: Timestamp.format(answer.at))
        }
        try c.encode(answers, forKey: APIKey("responses"))
        try c.encode(a.summary, forKey: APIKey("summary"))
        if let notes = a.medicalNotes { try c.encode(notes, forKey: APIKey("medical_notes")) }
        try c.encode(a.cancelledAt.map(Timestamp.format), forKey: APIKey("cancelled_at"))
        if staff { try c.encode(a.cancelReason, forKey: APIKey("cancel_reason")) }
        try c.encode(a.reportedAt.map(Timestamp.format), forKey: APIKey("reported_at"))
    }
}
