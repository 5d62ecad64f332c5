import EenloketDomain
import EenloketHTTP
import Foundation
import PostgresNIO
import Testing

/// The employee's consents: given and withdrawn at any time, seen only by
/// those who see medical fields, and required before staff add information
/// from a treating physician.
@Suite("Consent")
struct ConsentTests {
    static func consents(_ t: TestContext, _ caseId: String) async throws -> [(String, Bool)] {
        try await t.sql("SELECT kind, given FROM consent_changes WHERE case_id = \(UUID(uuidString: caseId)!) ORDER BY id")
            .map { try $0.decode((String, Bool).self) }
    }

    @Test func theEmployeeGivesAndWithdrawsConsentAndEachChangeIsAnEvent() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let path = "/api/v1/cases/\(s.id)/consents"
            let given = try await t.api.put(path, object: ["treating_physician": true], token: s.employee)
            #expect(given.status == 200, "\(given.text)")
            #expect(given["treating_physician"]["given"].bool == true && given["treating_physician"]["at"].string != nil)
            #expect(given["share_with_own_physician"]["given"].bool == false && given["share_with_own_physician"]["at"] == .null)

            let firstAt = given["treating_physician"]["at"].string
            t.clock.advance(by: 3600)
            // Asking for what is already so changes nothing: no new record, the time stays.
            let again = try await t.api.put(path, object: ["treating_physician": true, "share_with_own_physician": true], token: s.employee)
            #expect(again["treating_physician"]["at"].string == firstAt)
            #expect(again["share_with_own_physician"]["given"].bool == true)
            let withdrawn = try await t.api.put(path, object: ["treating_physician": false], token: s.employee)
            #expect(withdrawn["treating_physician"]["given"].bool == false && withdrawn["treating_physician"]["at"].string != firstAt)
            #expect(withdrawn["share_with_own_physician"]["given"].bool == true, "the other consent stays as it was")

            let stored = try await Self.consents(t, s.id)
            #expect(stored.map(\.0) == ["treating_physician", "share_with_own_physician", "treating_physician"])
            #expect(stored.map(\.1) == [true, true, false])
            #expect(try await t.eventTypes(s.id).filter { $0 == "consent_changed" }.count == 3)
        }
    }

    @Test func onlyTheEmployeeChangesConsentAndBadRequestsChangeNothing() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let path = "/api/v1/cases/\(s.id)/consents"
            expectProblem(try await t.api.put(path, object: ["treating_physician": true], token: s.employer), 403)
            expectProblem(try await t.api.put(path, object: [:], token: s.employer), 403)  // who asks is decided before the body
            expectProblem(try await t.api.put(path, object: ["treating_physician": true], token: try await t.staff(.intakeOfficer).token), 403)
            expectProblem(try await t.api.put(path, object: ["treating_physician": true], token: s.chair.token), 403)
            expectProblem(try await t.api.put(path, object: ["treating_physician": true]), 401)
            let empty = try await t.api.put(path, object: [:], token: s.employee)
            expectProblem(empty, 422)
            #expect(empty["errors"][0]["field"].string == "treating_physician")
            expectProblem(try await t.api.put(path, object: ["treating_physician": "ja"], token: s.employee), 400)
            expectProblem(try await t.api.put("/api/v1/cases/\(UUID().uuidString.lowercased())/consents", object: ["treating_physician": true], token: s.employee), 404)
            #expect(try await Self.consents(t, s.id).isEmpty, "nothing was recorded")
        }
    }

    @Test func theConsentsAreSeenOnlyByThoseWhoSeeMedicalFields() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            #expect(try await t.api.put("/api/v1/cases/\(s.id)/consents", object: ["treating_physician": true], token: s.employee).status == 200)
            let intake = try await t.staff(.intakeOfficer).token
            for (who, token) in [("employee", s.employee), ("intake officer", intake), ("chair (bedrijfsarts)", s.chair.token)] {
                let view = try await t.view(s.id, token: token)
                #expect(view["consents"]["treating_physician"]["given"].bool == true, "\(who) sees the consents")
                #expect(try await t.api.get("/api/v1/cases/\(s.id)/events", token: token)["items"].array
                    .contains { $0["type"].string == "consent_changed" }, "\(who) sees the change in the history")
            }
            let coordinator = try await t.staff(.coordinator).token
            let admin = try await t.staff(.admin).token
            for (who, token) in [("employer", s.employer), ("coordinator", coordinator), ("admin", admin)] {
                let view = try await t.view(s.id, token: token)
                #expect(view.status == 200)
                #expect(view.json["consents"] == nil && !view.text.contains("treating_physician"), "\(who) never sees the consents")
                let events = try await t.api.get("/api/v1/cases/\(s.id)/events", token: token)
                #expect(events.status == 200 && !events.text.contains("consent"), "\(who) does not see that a consent changed: \(events.text)")
            }
        }
    }

    @Test func staffAddTreatingPhysicianInformationOnlyWithConsent() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let info = DocumentForm(file: DocumentForm.pdf(), filename: "brief-neuroloog.pdf", kind: "treating_physician_info")
            let refused = try await t.upload(s.id, info, token: s.chair.token)
            expectProblem(refused, 422)
            #expect(refused["errors"][0]["field"].string == "kind", "\(refused.text)")
                        // The employee may add a letter of their own physician without a separate consent.
            let own = try await t.upload(s.id, info, token: s.employee)
            #expect(own.status == 201 && own["medical"].bool == true, "\(own.text)")

            #expect(try await t.api.put("/api/v1/cases/\(s.id)/consents", object: ["treating_physician": true], token: s.employee).status == 200)
            let added = try await t.upload(s.id, info, token: s.chair.token)
            #expect(added.status == 201 && added["uploaded_by"].string == "panel_member", "\(added.text)")
            #expect(try await t.api.put("/api/v1/cases/\(s.id)/consents", object: ["treating_physician": false], token: s.employee).status == 200)
            expectProblem(try await t.upload(s.id, info, token: try await t.staff(.intakeOfficer).token), 422)
            let kept = try await t.api.get("/api/v1/cases/\(s.id)/documents", token: s.employee)
            #expect(kept["items"].array.count == 2, "withdrawing consent keeps what was added while it was given")
        }
    }

    @Test func theEmployeeFilerSeesTheConsentsInTheFilingAnswer() async throws {
        try await withApp { t in
            var body = t.filing()
            body["medical_information"] = nil
            let filed = try await t.api.post("/api/v1/cases", object: body)
            #expect(filed.status == 201 && filed["consents"]["treating_physician"]["given"].bool == false, "\(filed.text)")
        }
    }

    @Test func theDatabaseGuardsTheConsentRules() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let caseId = UUID(uuidString: s.id)!
            let chair = UUID(uuidString: s.chair.id)!
            let staffUpload = """
                INSERT INTO documents (id, case_id, kind, filename, content_type, size, sha256, medical, uploaded_by, uploaded_by_staff, uploaded_at)
                VALUES (gen_random_uuid(), '\(caseId)', 'treating_physician_info', 'x.pdf', 'application/pdf', 1, '\(String(repeating: "0", count: 64))',
                        true, 'panel_member', '\(chair)', now())
                """
            await expectSQLState("23514", constraint: "treating_physician_consent") { _ = try await t.sql(PostgresQuery(unsafeSQL: staffUpload)) }
            _ = try await t.sql("INSERT INTO consent_changes (case_id, kind, given, changed_at) VALUES (\(caseId), 'treating_physician', true, now())")
            await expectSQLState("23514", constraint: "consent_is_a_change") {
                _ = try await t.sql("INSERT INTO consent_changes (case_id, kind, given, changed_at) VALUES (\(caseId), 'treating_physician', true, now())")
            }
            await expectSQLState("42501") { _ = try await t.sql("UPDATE consent_changes SET given = false") }
            await expectSQLState("42501") { _ = try await t.sql("DELETE FROM consent_changes") }
        }
    }
}
