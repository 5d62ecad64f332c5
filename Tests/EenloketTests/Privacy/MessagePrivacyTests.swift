import EenloketDomain
import Foundation
import Testing

/// No message Eenloket sends holds medical text: a case with a medical marker
/// everywhere medical text can be (the filing, a statement, an appointment's
/// notes, the draft, a comment, the ruling) goes through every step that
/// sends a message, and every message of every kind is scanned.
@Suite("Privacy: no message holds medical text")
struct MessagePrivacyTests {
    static let marker = "MEDGEHEIM"

    @Test func noMessageOfAnyKindHoldsMedicalText() async throws {
        try await withApp(configure: DraftRulingTests.draftRound) { t in
            let m = Self.marker
            let coordinator = try await t.staff(.coordinator).token
            let intake = try await t.staff(.intakeOfficer).token  // before the filing: intake officers hear of new cases
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file([
                "medical_information": "Burn-out \(m)",
                "employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"],
            ])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake).status == 200)
            let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let path = "/api/v1/cases/\(c.id)"
            func ok(_ reply: Reply, _ step: String) { #expect((200..<300).contains(reply.status), "\(step): \(reply.text.prefix(300))") }

            ok(try await t.api.post("\(path)/statements", object: ["text": "Mijn behandelaar: \(m)", "medical": true], token: c.token), "medical statement")
            ok(try await t.api.post("\(path)/statements", object: ["text": "Wij bieden aangepast werk aan."], token: employer), "statement")
            ok(try await t.api.post("\(path)/binding-agreement", object: ["agree": true, "name": "Sanne de Vries"], token: c.token), "agreement")
            let objection = try await t.api.post(
                "\(path)/objections", object: ["staff_id": chair.id, "reason": "Deze arts werkte eerder voor onze arbodienst."], token: employer)
            ok(objection, "objection")
            ok(try await t.api.post(
                "/api/v1/objections/\(objection["id"].string ?? "")/decision",
                object: ["upheld": false, "motivation": "Dat was lang geleden en voor een ander bedrijf."], token: coordinator), "decision")
            let starts = AmsterdamTime.startOfDay(AmsterdamTime.date(of: t.clock.now()).adding(days: 10)).addingTimeInterval(14 * 3600)
            let planned = try await t.api.post(
                "\(path)/appointments",
                object: ["kind": "hearing", "starts_at": Timestamp.format(starts), "duration_minutes": 60, "location": "Eenloket, Utrecht",
                         "parties": ["employee", "employer"]], token: chair.token)
            ok(planned, "appointment")
            ok(try await t.api.post(
                "\(path)/appointments/\(planned["id"].string ?? "")/cancel", object: ["reason": "De voorzitter is verhinderd."], token: chair.token),
               "cancel")
            ok(try await t.api.post("\(path)/draft-ruling", object: t.rulingBody(medical: "Herstel traag \(m)"), token: chair.token), "draft")
            ok(try await t.api.post("\(path)/draft-comments", object: ["text": "Mijn arts zegt: \(m)", "medical": true], token: c.token), "comment")
            ok(try await t.api.post("\(path)/draft-comments", object: ["no_comments": true], token: employer), "no comments")
            var ruling = t.rulingBody(medical: "Herstel traag \(m)")
            ruling["comments_response"] = "De opmerking van de werknemer is meegewogen."
            ok(try await t.api.post("\(path)/ruling", object: ruling, token: chair.token), "ruling")
            let today = AmsterdamTime.date(of: t.clock.now()).description
            ok(try await t.api.post("\(path)/appeal", object: ["court": "Rechtbank Utrecht", "lodged_on": today], token: c.token), "appeal")
            ok(try await t.api.post(
                "\(path)/appeal/outcome", object: ["outcome": "upheld", "decided_on": today, "summary": "De rechter liet het oordeel staan."],
                token: coordinator), "outcome")
            let reference = try #require(try await t.view(c.id, token: c.token)["reference"].string)
            ok(try await t.api.post("/api/v1/access-links", object: ["reference": reference, "email": "sanne@example.nl"]), "new link")
            try await AccessLinkTests.process(t)

            let rows = try await t.sql("SELECT kind, subject, body FROM notifications ORDER BY id")
            let messages = try rows.map { try $0.decode((String, String, String).self) }
            for (kind, subject, body) in messages {
                #expect(!subject.contains(m) && !body.contains(m), "a \(kind) message holds medical text: \(subject)\n\(body)")
                #expect(!body.contains("Burn-out") && !body.contains("Herstel traag"), "a \(kind) message quotes the case's text")
            }
            // The flow reached these kinds; the others (reminders, escalations, check-ins, the draft window's end)
            // are rendered from the reference, a date and fixed text only (MessagesTests renders each).
            let reached: Set<MessageKind> = [
                .caseReceived, .newCase, .caseTriaged, .panelAssigned, .memberAssigned, .invitation, .statementFromOtherParty,
                .statementAdded, .bindingAgreed, .objectionLodged, .objectionDecided, .appointmentScheduled, .appointmentCancelled,
                .draftIssued, .draftCommented, .rulingRecorded, .appealLodged, .appealDecided, .accessLink,
            ]
            let seen = Set(messages.compactMap { MessageKind(rawValue: $0.0) })
            #expect(reached.isSubset(of: seen), "not reached: \(reached.subtracting(seen).map(\.rawValue).sorted())")
        }
    }
}
