import EenloketDomain
import EenloketStore
import Foundation
import Testing

@Suite("The medical rule in SQL equals the one in Swift")
struct MedicalRuleParityTests {
    @Test func everyCallerGetsTheSameAnswerFromBoth() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts)
            let ad = try await t.member(.arbeidsdeskundige)
            let outsider = try await t.member(.verzekeringsarts)
            let accepted = try await t.file()
            try await t.accept(accepted.id, disciplines: [.bedrijfsarts, .arbeidsdeskundige])
            let withdrawn = try await t.file()
            try await t.accept(withdrawn.id, disciplines: [.bedrijfsarts])
            #expect(try await t.api.post("/api/v1/cases/\(withdrawn.id)/withdraw", token: withdrawn.token).status == 200)
            let submitted = try await t.file(role: .employer)

            for c in [accepted, withdrawn, submitted] {
                let caseId = UUID(uuidString: c.id)!
                let record = try #require(try await t.deps.cases.caseForTests(caseId))
                var callers: [Caller] = [.anonymous]
                for role in PartyRole.allCases {
                    callers.append(.party(PartyPrincipal(caseId: caseId, role: role, isFiler: true)))
                    callers.append(.party(PartyPrincipal(caseId: UUID(), role: role, isFiler: true)))
                }
                for role in StaffRole.allCases where role != .panelMember {
                    callers.append(.staff(StaffPrincipal(id: UUID(), role: role, discipline: nil)))
                }
                for (member, discipline) in [(ba.id, Discipline.bedrijfsarts), (ad.id, .arbeidsdeskundige), (outsider.id, .verzekeringsarts)] {
                    callers.append(.staff(StaffPrincipal(id: UUID(uuidString: member)!, role: .panelMember, discipline: discipline)))
                }
                for caller in callers {
                    let swift = CaseAccessPolicy.canSeeMedical(caller, record.accessFacts)
                    let sql = try await t.deps.cases.medicalVisibleInDatabase(caseId, to: caller)
                    #expect(swift == sql, "\(caller) on \(record.status): Swift \(swift), SQL \(sql)")
                }
            }
        }
    }
}
