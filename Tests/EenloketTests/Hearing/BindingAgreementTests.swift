import Crypto
import EenloketDomain
import Foundation
import Testing

/// Binding advice binds because both parties agreed to it (Civil Code 7:900):
/// the text, agreeing (at filing or later), and what a ruling then is.
@Suite("Agreement to be bound")
struct BindingAgreementTests {
    static var agree: [String: Any] { ["agree": true, "name": "Sanne de Vries"] }

    @Test func theTextIsPublicAndItsDigestIsItsSHA256() async throws {
        try await withApp { t in
            let reply = try await t.api.get("/api/v1/binding-agreement")
            #expect(reply.status == 200)
            let text = try #require(reply["text"].string)
            let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(reply["digest"].string == digest)
            #expect(reply["version"].string == BindingAgreement.version)
            // What a party must know before agreeing, in plain Dutch.
            for words in ["bindend", "advies", "binnen 2 maanden", "rechter", "onaanvaardbaar", "bedrijfsarts", "UWV", "gratis"] {
                #expect(text.contains(words), "the agreement says \(words)")
            }
            #expect(!text.contains("concept"), "the tests' service has no draft round, and the text says none")
        }
        // The deployment's default: a draft round, which the agreement names with its window; and objecting to a member.
        let withDraft = BindingAgreement(settings: ProcedureSettings(draftWindowDays: 5)).text
        #expect(withDraft.contains("concept") && withDraft.contains("binnen 5 werkdagen") && withDraft.contains("bezwaar maken"))
    }

    @Test func bothPartiesAgreeingMakesTheRulingBindingAndOneIsAdvisory() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            // The employee agrees while filing; the employer later, with its own link.
            let both = try await t.file(["binding_agreement": Self.agree, "employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            let filed = try await t.view(both.id, token: both.token)
            #expect(filed["binding"]["basis"].string == "agreement")
            #expect(filed["binding"]["employee_agreed_at"].string == "2026-11-23T09:00:00.000Z")
            #expect(filed["binding"]["employer_agreed_at"] == .null)
            #expect(try await t.accept(both.id, disciplines: [.bedrijfsarts]).status == 200)
            let employer = try await HearingTests().deliverInvitation(t, caseId: both.id)
            let agreed = try await t.api.post(
                "/api/v1/cases/\(both.id)/binding-agreement", object: ["agree": true, "name": "P. Jansen"], token: employer)
            #expect(agreed.status == 201, "\(agreed.text)")
            #expect(agreed["party"].string == "employer" && agreed["name"].string == "P. Jansen")
            #expect(agreed["digest"].string == (try await t.api.get("/api/v1/binding-agreement"))["digest"].string)
            expectProblem(try await t.api.post("/api/v1/cases/\(both.id)/binding-agreement", object: Self.agree, token: employer), 409)
            // The employee had agreed already: nobody is asked again.
            #expect(try await t.outbox(both.id).filter { $0.kind == "binding_agreed" }.isEmpty)
            #expect(try await t.eventTypes(both.id).filter { $0 == "binding_agreed" }.count == 2)
            let binding = try await t.api.post("/api/v1/cases/\(both.id)/ruling", object: t.rulingBody(), token: chair.token)
            #expect(binding["binding"].bool == true, "\(binding.text)")

            // Only the employee agreed: an advisory opinion; and nobody agrees after the ruling.
            let one = try await t.file(["binding_agreement": Self.agree])
            #expect(try await t.accept(one.id, disciplines: [.bedrijfsarts]).status == 200)
            // An agreement on the case page (not at filing) tells the invited party, who has not agreed.
            let later = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(later.id, disciplines: [.bedrijfsarts]).status == 200)
            #expect(try await t.api.post("/api/v1/cases/\(later.id)/binding-agreement", object: Self.agree, token: later.token).status == 201)
            let told = try await t.outbox(later.id).filter { $0.kind == "binding_agreed" }
            #expect(told.count == 1 && told[0].to == "hr@jansen.example", "\(told)")
            let advisory = try await t.api.post("/api/v1/cases/\(one.id)/ruling", object: t.rulingBody(), token: chair.token)
            #expect(advisory["binding"].bool == false)
            #expect(try await t.view(one.id, token: one.token)["ruling"]["binding"].bool == false)
            expectProblem(try await t.api.post("/api/v1/cases/\(one.id)/binding-agreement", object: Self.agree, token: one.token), 409)
        }
    }

    /// The case lock orders an agreement and a ruling; the clocks do not. An
    /// agreement whose recorded time is later than the ruling's (another
    /// instance's clock, or a request that waited for the lock) still counts.
    @Test func anAgreementThatCameFirstCountsWhateverTheClocksSay() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(["binding_agreement": Self.agree, "employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
            t.setClock("2026-11-23", hour: 12)
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/binding-agreement", object: ["agree": true, "name": "P. Jansen"], token: employer).status == 201)
            t.setClock("2026-11-23", hour: 11)  // the ruling's clock reads earlier
            let ruling = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
            #expect(ruling["binding"].bool == true, "\(ruling.text)")
            let told = try await t.sql(
                "SELECT subject FROM notifications WHERE case_id = \(UUID(uuidString: c.id)!) AND kind = 'ruling_recorded'")
            #expect(try told.map { try $0.decode(String.self) }.allSatisfy { $0.contains("bindend oordeel") }, "the message says what the database found")
        }
    }

    @Test func badAgreementsAreRefusedByField() async throws {
        try await withApp { t in
            let c = try await t.file()
            let path = "/api/v1/cases/\(c.id)/binding-agreement"
            let notAgreed = try await t.api.post(path, object: ["agree": false, "name": "Sanne de Vries"], token: c.token)
            expectProblem(notAgreed, 422)
            #expect(notAgreed.text.contains("\"agree\""))
            expectProblem(try await t.api.post(path, object: ["agree": true, "name": "S"], token: c.token), 422)
            expectProblem(try await t.api.post(path, object: ["agree": "ja", "name": "Sanne"], token: c.token), 400)
            let filing = try await t.api.post("/api/v1/cases", object: t.filing(["binding_agreement": ["agree": true]]))
            expectProblem(filing, 422)
            #expect(filing.text.contains("binding_agreement.name"))
            let intake = try await t.staff(.intakeOfficer).token
            expectProblem(try await t.api.post(path, object: Self.agree, token: intake), 403)
            #expect(try await t.view(c.id, token: c.token)["binding"]["employee_agreed_at"] == .null, "nothing was recorded")
        }
    }

    @Test func theDatabaseDecidesBindingAndRefusesLateOrChangedAgreements() async throws {
        try await withApp { t in
            let c = try await t.file(["binding_agreement": Self.agree])
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/withdraw", object: [:], token: c.token).status == 200)
            let id = UUID(uuidString: c.id)!
            await expectSQLState("23514") {
                try await t.sql(
                    """
                    INSERT INTO binding_agreements (case_id, party, name, agreed_at, version, digest)
                    VALUES (\(id), 'employer', 'Laat', now(), 'v', \(String(repeating: "a", count: 64)))
                    """)
            }
            await expectSQLState("42501") { try await t.sql("UPDATE binding_agreements SET name = 'Ander' WHERE case_id = \(id)") }
            await expectSQLState("42501") { try await t.sql("DELETE FROM binding_agreements WHERE case_id = \(id)") }
        }
    }

    @Test func byStatuteARulingBindsWithoutAgreements() async throws {
        try await withApp(configure: { $0.procedure.bindingBasis = .statute }) { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            #expect(try await t.view(c.id, token: c.token)["binding"]["basis"].string == "statute")
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let ruling = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
            #expect(ruling["binding"].bool == true, "\(ruling.text)")
        }
    }
}
