import EenloketDomain
import EenloketStore
import Foundation

/// The draft ruling, as returned by `POST …/draft-ruling` and as `draft_ruling`
/// of the case. `medical_considerations` is written only for readers the
/// medical-field rule allows.
struct DraftRulingJSON: Encodable {
    let draft: DraftRecord
    let showMedical: Bool

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(draft.outcome.rawValue, forKey: APIKey("outcome"))
        try c.encode(draft.decision, forKey: APIKey("decision"))
        try c.encode(draft.motivation, forKey: APIKey("motivation"))
        if showMedical {
            try c.encode(draft.medicalConsiderations, forKey: APIKey("medical_considerations"))
        }
        try c.encode(Timestamp.format(draft.issuedAt), forKey: APIKey("issued_at"))
        try c.encode(Timestamp.format(draft.commentsUntil), forKey: APIKey("comments_until"))
        var responses: [String: String] = [:]
        for (party, response) in draft.responses { responses[party.rawValue] = response.rawValue }
        try c.encode(responses, forKey: APIKey("responses"))
    }
}

/// A comment on the draft, or a party's word that it has none.
struct DraftCommentJSON: Encodable {
    let comment: DraftCommentRecord

    init(_ comment: DraftCommentRecord) { self.comment = comment }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(comment.id.lowercased, forKey: APIKey("id"))
        try c.encode(comment.party.rawValue, forKey: APIKey("party"))
        try c.encode(comment.noComments, forKey: APIKey("no_comments"))
        try c.encode(comment.text, forKey: APIKey("text"))
        try c.encode(comment.medical, forKey: APIKey("medical"))
        try c.encode(Timestamp.format(comment.createdAt), forKey: APIKey("created_at"))
    }
}
