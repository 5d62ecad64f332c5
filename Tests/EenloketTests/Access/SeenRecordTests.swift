import EenloketDomain
import EenloketStore
import Foundation
import Testing

/// A case page reads the case once and hands that record to the reads of its parts (history, statements,
/// check-ins, appointments, documents), which then decide access on it instead of loading the case again.
/// For every kind of caller the parts must be exactly what they are without it, and a record of another
/// case must never open a case the caller may not see.
@Suite("A page's parts decide access on the case it already read")
struct SeenRecordTests {
    struct Parts: Equatable {
        /// The history without the access log's own events, which these very reads add for staff.
        let events: [Int]
        let statements: [UUID]
        let followUps: [UUID]
        let appointments: [UUID]
        let documents: [UUID]
    }

    static func parts(_ t: TestContext, _ id: UUID, _ caller: Caller, seen: CaseRecord?) async -> Parts? {
        let cases = t.deps.cases
        let now = t.clock.now()
        guard let events = try? await cases.events(id, caller: caller, seen: seen),
            let statements = try? await cases.statements(id, caller: caller, at: now, seen: seen),
            let followUps = try? await cases.followUps(id, caller: caller, at: now, seen: seen),
            let appointments = try? await cases.appointments(id, caller: caller, at: now, seen: seen),
            let documents = try? await cases.documents(id, caller: caller, seen: seen)
        else { return nil }
        return Parts(
            events: events.filter { $0.type != "medical_data_viewed" }.map(\.seq), statements: statements.map(\.id), followUps: followUps.map(\.id),
            appointments: appointments.map(\.id), documents: documents.map(\.id))
    }

    @Test func everyCallerGetsTheSamePartsWithTheSeenRecordAndNoOtherCase() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts)
            let ad = try await t.member(.arbeidsdeskundige)
            let outsider = try await t.member(.verzekeringsarts)
            let intake = try await t.staff(.intakeOfficer).token
            let filed = try await t.file()
            try await t.accept(filed.id, disciplines: [.bedrijfsarts, .arbeidsdeskundige])
            for form in [DocumentForm(file: DocumentForm.pdf(), kind: "other", medical: "true"), DocumentForm(file: DocumentForm.pdf(), kind: "job_description")] {
                let uploaded = try await t.upload(filed.id, form, token: intake)
                #expect(uploaded["id"].string != nil, "\(uploaded.text)")
            }
            let caseId = try #require(UUID(uuidString: filed.id))
            let other = try await t.file(role: .employer)
            let otherId = try #require(UUID(uuidString: other.id))
            let members = [(ba.id, Discipline.bedrijfsarts), (ad.id, .arbeidsdeskundige), (outsider.id, .verzekeringsarts)]
            let everything = try #require(try await t.deps.cases.caseForTests(caseId))
            var seenBySome = 0
            // The parties and panel members of the medical-rule tests, and staff who exist (a staff view of
            // medical text writes an access event naming them).
            var callers = MedicalRuleParityTests.callers(of: caseId, members: members).filter {
                if case .staff(let s) = $0 { return s.role == .panelMember }
                return true
            }
            for role in StaffRole.allCases where role != .panelMember {
                let id = try #require(UUID(uuidString: try await t.staff(role).id))
                callers.append(.staff(StaffPrincipal(id: id, role: role, discipline: nil)))
            }
            for caller in callers {
                let alone = await Self.parts(t, caseId, caller, seen: nil)
                let seen = try? await t.deps.cases.view(caseId, caller: caller, at: t.clock.now())
                #expect((seen == nil) == (alone == nil), "view and parts agree on access: \(caller)")
                let withSeen = await Self.parts(t, caseId, caller, seen: seen)
                #expect(withSeen == alone, "\(caller)")
                if let alone, !alone.documents.isEmpty { seenBySome += 1 }
                // A record of this case handed to a read of another case decides nothing there.
                let otherAlone = await Self.parts(t, otherId, caller, seen: nil)
                #expect(await Self.parts(t, otherId, caller, seen: everything) == otherAlone, "another case: \(caller)")
            }
            // The test reached callers who see the parts, not only 404s.
            #expect(seenBySome >= 3)
        }
    }
}
