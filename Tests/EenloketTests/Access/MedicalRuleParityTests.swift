import EenloketDomain
import EenloketStore
import Foundation
import Testing

@Suite("The medical rule in SQL equals the one in Swift")
struct MedicalRuleParityTests {
    /// Every kind of caller of a case: nobody, each party (filer or invited) of
    /// this case and of another, each staff role, and the given panel members.
    static func callers(of caseId: UUID, members: [(String, Discipline)]) -> [Caller] {
        var callers: [Caller] = [.anonymous]
        for role in PartyRole.allCases {
            for filer in [true, false] { callers.append(.party(PartyPrincipal(caseId: caseId, role: role, isFiler: filer))) }
            callers.append(.party(PartyPrincipal(caseId: UUID(), role: role, isFiler: true)))
        }
        for role in StaffRole.allCases where role != .panelMember {
            callers.append(.staff(StaffPrincipal(id: UUID(), role: role, discipline: nil)))
        }
        for (member, discipline) in members {
            callers.append(.staff(StaffPrincipal(id: UUID(uuidString: member)!, role: .panelMember, discipline: discipline)))
        }
        return callers
    }

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
                let members = [(ba.id, Discipline.bedrijfsarts), (ad.id, .arbeidsdeskundige), (outsider.id, .verzekeringsarts)]
                for caller in Self.callers(of: caseId, members: members) {
                    let swift = CaseAccessPolicy.canSeeMedical(caller, record.accessFacts)
                    let sql = try await t.deps.cases.medicalVisibleInDatabase(caseId, to: caller)
                    #expect(swift == sql, "\(caller) on \(record.status): Swift \(swift), SQL \(sql)")
                }
            }
        }
    }
}

@Suite("Medical text behind row-level security")
struct MedicalRowSecurityTests {
    @Test func aPlainQueryReturnsNoMedicalText() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/statements", object: ["text": "Mijn klachten nemen af.", "medical": true], token: c.token
            ).status == 201)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            // The service's own role, as a careless query would use it.
            for table in ["case_medical", "ruling_medical"] {
                let rows = try await t.sql(.init(unsafeSQL: "SELECT count(*)::int FROM \(table)"))
                #expect(try rows[0].decode(Int.self) == 0, "\(table) is closed to plain queries")
            }
            let statements = try await t.sql("SELECT count(*)::int FROM case_statements WHERE medical")
            #expect(try statements[0].decode(Int.self) == 0)
            // Through the accessor, only for a viewer the rule allows.
            let id = UUID(uuidString: c.id)!
            let employer = try await t.sql("SELECT medical_information_for(\(id), 'party', 'employer', NULL, \(id))")
            #expect(try employer[0].decode(String?.self) == nil)
            let employee = try await t.sql("SELECT medical_information_for(\(id), 'party', 'employee', NULL, \(id))")
            #expect(try employee[0].decode(String?.self) == "Sinds maart behandeld voor een burn-out.")
            // Opening is per transaction: the next plain query sees nothing again.
            let after = try await t.sql("SELECT count(*)::int FROM case_medical")
            #expect(try after[0].decode(Int.self) == 0)
        }
    }
}
