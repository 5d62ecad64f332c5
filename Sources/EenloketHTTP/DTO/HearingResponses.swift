import EenloketDomain
import EenloketStore
import Foundation

/// A written statement; staff also see which member wrote it.
struct StatementJSON: Encodable {
    let record: StatementRecord
    let showAuthor: Bool

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(record.id.lowercased, forKey: APIKey("id"))
        try c.encode(record.authorRole, forKey: APIKey("author_role"))
        if showAuthor { try c.encode(record.authorStaffId?.lowercased, forKey: APIKey("author_staff_id")) }
        try c.encode(record.medical, forKey: APIKey("medical"))
        try c.encode(record.text, forKey: APIKey("text"))
        try c.encode(Timestamp.format(record.createdAt), forKey: APIKey("created_at"))
    }
}

struct ItemsJSON<Item: Encodable>: Encodable {
    let items: [Item]
}

/// The other party's invitation, as shown on the case.
struct HearingJSON: Encodable {
    let hearing: HearingRecord
    let showChannel: Bool
    let now: Date

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(hearing.party.rawValue, forKey: APIKey("party"))
        try c.encode(Timestamp.format(hearing.invitedAt), forKey: APIKey("invited_at"))
        try c.encode(hearing.windowEndsAt.map(Timestamp.format), forKey: APIKey("window_ends_at"))
        try c.encode(hearing.respondedAt.map(Timestamp.format), forKey: APIKey("responded_at"))
        try c.encode(hearing.filerWindowEndsAt.map(Timestamp.format), forKey: APIKey("filer_window_ends_at"))
        try c.encode(Hearing.isComplete(hearing.turns, now: now), forKey: APIKey("complete"))
        // When the invited party's current link was first used, and when staff verified it reached that party.
        try c.encode(hearing.firstUsedAt.map(Timestamp.format), forKey: APIKey("link_first_used_at"))
        try c.encode(hearing.verifiedAt.map(Timestamp.format), forKey: APIKey("verified_at"))
        if showChannel { try c.encode(hearing.hasEmail ? "email" : "letter", forKey: APIKey("invited_by")) }
    }
}

struct FollowUpJSON: Encodable {
    let record: FollowUpRecord

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        let r = record
        try c.encode(r.id.lowercased, forKey: APIKey("id"))
        try c.encode(r.party.rawValue, forKey: APIKey("party"))
        try c.encode(r.sequence, forKey: APIKey("sequence"))
        try c.encode(Timestamp.format(r.dueAt), forKey: APIKey("due_at"))
        try c.encode(Timestamp.format(r.answerBy), forKey: APIKey("answer_by"))
        try c.encode(r.answeredAt.map(Timestamp.format), forKey: APIKey("answered_at"))
        try c.encode(r.carriedOut?.rawValue, forKey: APIKey("ruling_carried_out"))
        try c.encode(r.returnToWork?.rawValue, forKey: APIKey("return_to_work"))
        try c.encode(r.needsHelp, forKey: APIKey("needs_help"))
        try c.encode(r.remarks, forKey: APIKey("remarks"))
        try c.encode(r.remarksWithheld, forKey: APIKey("remarks_withheld"))
        try c.encode(r.signals?.map(\.rawValue), forKey: APIKey("signals"))
        try c.encode(r.missedAt.map(Timestamp.format), forKey: APIKey("missed_at"))
    }
}

struct EscalationJSON: Encodable {
    let record: EscalationRecord

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(record.id, forKey: APIKey("id"))
        try c.encode(record.caseId.lowercased, forKey: APIKey("case_id"))
        try c.encode(record.reference, forKey: APIKey("reference"))
        try c.encode(record.kind, forKey: APIKey("kind"))
        try c.encode(record.detail, forKey: APIKey("detail"))
        try c.encode(Timestamp.format(record.createdAt), forKey: APIKey("created_at"))
        try c.encode(record.resolvedAt.map(Timestamp.format), forKey: APIKey("resolved_at"))
    }
}

struct AbsenceJSON: Encodable {
    let record: AbsenceRecord

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(record.id.lowercased, forKey: APIKey("id"))
        try c.encode(record.staffId.lowercased, forKey: APIKey("staff_id"))
        try c.encode(record.startsOn.description, forKey: APIKey("starts_on"))
        try c.encode(record.endsOn.description, forKey: APIKey("ends_on"))
        try c.encode(record.reason, forKey: APIKey("reason"))
    }
}

struct NotificationJSON: Encodable {
    let record: NotificationRecord

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        let r = record
        try c.encode(r.id, forKey: APIKey("id"))
        try c.encode(r.caseId?.lowercased, forKey: APIKey("case_id"))
        try c.encode(r.reference, forKey: APIKey("reference"))
        try c.encode(r.kind, forKey: APIKey("kind"))
        try c.encode(r.channel, forKey: APIKey("channel"))
        try c.encode(r.recipientName, forKey: APIKey("recipient_name"))
        try c.encode(r.recipientParty, forKey: APIKey("recipient_party"))
        try c.encode(Timestamp.format(r.createdAt), forKey: APIKey("created_at"))
        try c.encode(r.attempts, forKey: APIKey("attempts"))
        try c.encode(r.sentAt.map(Timestamp.format), forKey: APIKey("sent_at"))
        try c.encode(r.failedAt.map(Timestamp.format), forKey: APIKey("failed_at"))
        try c.encode(r.lastError, forKey: APIKey("last_error"))
    }
}

struct LetterJSON: Encodable {
    let letter: PrintableLetter

    init(_ letter: PrintableLetter) { self.letter = letter }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(letter.id, forKey: APIKey("id"))
        try c.encode(letter.reference, forKey: APIKey("reference"))
        try c.encodeIfPresent(letter.recipientName, forKey: APIKey("recipient_name"))
        try c.encodeIfPresent(letter.recipientAddress, forKey: APIKey("recipient_address"))
        try c.encode(letter.subject, forKey: APIKey("subject"))
        try c.encode(letter.body, forKey: APIKey("body"))
    }
}

/// `PUT /api/v1/cases/{id}/return-to-work`.
struct ReturnToWorkJSON: Encodable {
    let returned_on: String
    let check_ins_moved: Int
}
