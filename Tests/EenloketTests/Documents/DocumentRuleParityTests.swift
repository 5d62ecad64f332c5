import EenloketDomain
import EenloketStore
import Foundation
import Testing

/// Who sees a document is one rule (`CaseAccessPolicy.canSeeDocument`), kept
/// by the repository, and the database's row-level security gives the same
/// answer for medical documents, for every kind of caller.
@Suite("Documents: the visibility rule in SQL equals the one in Swift")
struct DocumentRuleParityTests {
    @Test func everyCallerGetsTheSameAnswerForMedicalAndOtherDocuments() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts)
            let ad = try await t.member(.arbeidsdeskundige)
            let outsider = try await t.member(.verzekeringsarts)
            let intake = try await t.staff(.intakeOfficer).token
            let byEmployee = try await t.file()
            try await t.accept(byEmployee.id, disciplines: [.bedrijfsarts, .arbeidsdeskundige])
            // An employer's case: its invited employee is not verified yet, so sees no medical document.
            let byEmployer = try await t.file(role: .employer)
            try await t.accept(byEmployer.id, disciplines: [.bedrijfsarts, .arbeidsdeskundige])

            for c in [byEmployee, byEmployer] {
                let caseId = UUID(uuidString: c.id)!
                let medical = try await t.upload(c.id, DocumentForm(file: DocumentForm.pdf(), kind: "other", medical: "true"), token: intake)
                let plain = try await t.upload(c.id, DocumentForm(file: DocumentForm.pdf(), kind: "job_description"), token: intake)
                let medicalId = try #require(medical["id"].string.flatMap(UUID.init(uuidString:)), "\(medical.text)")
                let plainId = try #require(plain["id"].string.flatMap(UUID.init(uuidString:)), "\(plain.text)")
                let record = try #require(try await t.deps.cases.caseForTests(caseId))
                let members = [(ba.id, Discipline.bedrijfsarts), (ad.id, .arbeidsdeskundige), (outsider.id, .verzekeringsarts)]
                for caller in MedicalRuleParityTests.callers(of: caseId, members: members) {
                    let swiftMedical = CaseAccessPolicy.canSeeDocument(caller, record.accessFacts, medical: true)
                    let sqlMedical = try await t.deps.cases.documentVisibleInDatabase(medicalId, caseId: caseId, to: caller)
                    #expect(swiftMedical == sqlMedical, "medical document, \(caller): Swift \(swiftMedical), SQL \(sqlMedical)")
                    // A document that is not medical is not behind row-level security; the case's own rule decides.
                    #expect(try await t.deps.cases.documentVisibleInDatabase(plainId, caseId: caseId, to: caller))
                    let listed = (try? await t.deps.cases.documents(caseId, caller: caller).map(\.id)) ?? []
                    #expect(listed.contains(medicalId) == swiftMedical, "the list follows the rule: \(caller)")
                    #expect(
                        listed.contains(plainId) == CaseAccessPolicy.canSeeDocument(caller, record.accessFacts, medical: false),
                        "\(caller)")
                }
            }
        }
    }
}
