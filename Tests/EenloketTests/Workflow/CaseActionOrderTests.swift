import EenloketDomain
import Foundation
import Testing

/// The order in which `CaseActions` answers, seen over HTTP: who you are
/// (401/403) before whether the case is yours to see (404), what you ask to
/// set (422) before what the case's state allows (409).
@Suite("Case actions: the order of the answers")
struct CaseActionOrderTests {
    @Test func theRoleIsAnsweredBeforeTheCaseIsLookedUp() async throws {
        try await withApp { t in
            let nowhere = "/api/v1/cases/\(UUID().uuidString.lowercased())"
            let intake = try await t.staff(.intakeOfficer).token
            let inspector = try await t.staff(.inspector).token
            let statement: [String: Any] = ["text": "Een reactie van tien tekens of meer.", "medical": false]
            expectProblem(try await t.api.post(nowhere + "/statements", object: statement), 401)
            expectProblem(try await t.api.post(nowhere + "/statements", object: statement, token: intake), 403)
            let refused = try await t.api.post(nowhere + "/statements", object: statement, token: inspector)
            expectProblem(refused, 403)
            #expect(refused["detail"].string?.contains("Inspecteurs") == true)
            expectProblem(try await t.api.post(nowhere + "/withdraw", object: [:], token: intake), 403)
            expectProblem(try await t.api.post(nowhere + "/triage", object: [:], token: inspector), 403)
            // A party of another case learns nothing about this one.
            let mine = try await t.file()
            expectProblem(try await t.api.post(nowhere + "/withdraw", object: [:], token: mine.token), 404)
        }
    }

    @Test func aMedicalMarkThePartyMayNotSetIs422EvenOnAClosedCase() async throws {
        try await withApp { t in
            let employer = try await t.file(role: .employer)
            #expect(try await t.api.post("/api/v1/cases/\(employer.id)/withdraw", object: [:], token: employer.token).status == 200)
            let marked: [String: Any] = ["text": "Een reactie van tien tekens of meer.", "medical": true]
            let reply = try await t.api.post("/api/v1/cases/\(employer.id)/statements", object: marked, token: employer.token)
            expectProblem(reply, 422)
            #expect(reply.text.contains("medical"))
            // The employee may mark it; the closed case is then what refuses (409).
            let employee = try await t.file()
            #expect(try await t.api.post("/api/v1/cases/\(employee.id)/withdraw", object: [:], token: employee.token).status == 200)
            expectProblem(try await t.api.post("/api/v1/cases/\(employee.id)/statements", object: marked, token: employee.token), 409)
        }
    }
}
