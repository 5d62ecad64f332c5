import Foundation
import Testing

@testable import EenloketDomain

/// The contract's visibility table (GET /api/v1/cases/{id}):
/// - the case: its filer's token; intake_officer, coordinator, admin always; a panel_member while on
///   its panel and for good once that panel has ruled; nobody else (inspectors get 403 earlier).
/// - medical fields: the employee of the case, intake officers, and panel members of that case
///   whose discipline is bedrijfsarts or verzekeringsarts.
@Suite("CaseAccessPolicy")
struct CaseAccessPolicyTests {
    static let caseId = uuid(0xCA5E)
    static let otherCase = uuid(0x07E7)
    static let physician = uuid(0xB1)
    static let insurancePhysician = uuid(0xB2)
    static let labourExpert = uuid(0xAD)
    static let outsider = uuid(0x99)

    static func facts(_ status: CaseStatus) -> CaseAccessFacts {
        CaseAccessFacts(
            caseId: caseId, status: status,
            panel: [physician: .bedrijfsarts, insurancePhysician: .verzekeringsarts, labourExpert: .arbeidsdeskundige],
            employeeVerified: true)
    }

    static func staff(_ role: StaffRole, _ id: UUID = uuid(0x5), discipline: Discipline? = nil) -> Caller {
        .staff(StaffPrincipal(id: id, role: role, discipline: discipline))
    }

    static func party(_ role: PartyRole, of caseId: UUID = CaseAccessPolicyTests.caseId, filer: Bool = true) -> Caller {
        .party(PartyPrincipal(caseId: caseId, role: role, isFiler: filer))
    }

    /// (caller, sees the case, sees medical fields), for a case whose panel is at work.
    static let table: [(String, Caller, Bool, Bool)] = [
        ("anonymous", .anonymous, false, false),
        ("employee filer", party(.employee), true, true),
        ("employer filer", party(.employer), true, false),
        ("employee of another case", party(.employee, of: otherCase), false, false),
        ("employer of another case", party(.employer, of: otherCase), false, false),
        ("intake officer", staff(.intakeOfficer), true, true),
        ("coordinator", staff(.coordinator), true, false),
        ("admin", staff(.admin), true, false),
        ("inspector", staff(.inspector), false, false),
        ("bedrijfsarts on the panel", staff(.panelMember, physician, discipline: .bedrijfsarts), true, true),
        ("verzekeringsarts on the panel", staff(.panelMember, insurancePhysician, discipline: .verzekeringsarts), true, true),
        ("arbeidsdeskundige on the panel", staff(.panelMember, labourExpert, discipline: .arbeidsdeskundige), true, false),
        ("bedrijfsarts not on the panel", staff(.panelMember, outsider, discipline: .bedrijfsarts), false, false),
        ("arbeidsdeskundige not on the panel", staff(.panelMember, outsider, discipline: .arbeidsdeskundige), false, false),
    ]

    @Test(arguments: [CaseStatus.inReview, .awaitingPanel])
    func whileThePanelWorks(status: CaseStatus) {
        for (name, caller, sees, medical) in Self.table {
            #expect(CaseAccessPolicy.canSee(caller, Self.facts(status)) == sees, "\(name) sees the case")
            #expect(CaseAccessPolicy.canSeeMedical(caller, Self.facts(status)) == medical, "\(name) sees medical fields")
        }
    }

    @Test func aRulingKeepsTheCaseVisibleToItsPanel() {
        for (name, caller, sees, medical) in Self.table {
            #expect(CaseAccessPolicy.canSee(caller, Self.facts(.ruled)) == sees, "\(name)")
            #expect(CaseAccessPolicy.canSeeMedical(caller, Self.facts(.ruled)) == medical, "\(name)")
        }
    }

    @Test func aWithdrawalHidesTheCaseFromItsPanel() {
        let withdrawn = Self.facts(.withdrawn)
        for id in [Self.physician, Self.insurancePhysician, Self.labourExpert] {
            let member = Self.staff(.panelMember, id, discipline: .bedrijfsarts)
            #expect(!CaseAccessPolicy.canSee(member, withdrawn))
            #expect(!CaseAccessPolicy.canSeeMedical(member, withdrawn))
        }
        // Everyone else keeps their access to a withdrawn case.
        #expect(CaseAccessPolicy.canSee(Self.party(.employee), withdrawn))
        #expect(CaseAccessPolicy.canSeeMedical(Self.party(.employee), withdrawn))
        #expect(CaseAccessPolicy.canSee(Self.party(.employer), withdrawn))
        #expect(!CaseAccessPolicy.canSeeMedical(Self.party(.employer), withdrawn))
        #expect(CaseAccessPolicy.canSee(Self.staff(.intakeOfficer), withdrawn))
        #expect(CaseAccessPolicy.canSeeMedical(Self.staff(.intakeOfficer), withdrawn))
        #expect(CaseAccessPolicy.canSee(Self.staff(.coordinator), withdrawn))
    }

    @Test(arguments: [CaseStatus.submitted, .referred, .answered])
    func casesWithoutAPanel(status: CaseStatus) {
        let facts = CaseAccessFacts(caseId: Self.caseId, status: status, panel: [:], employeeVerified: true)
        #expect(!CaseAccessPolicy.canSee(Self.staff(.panelMember, Self.physician, discipline: .bedrijfsarts), facts))
        #expect(CaseAccessPolicy.canSee(Self.staff(.intakeOfficer), facts))
        #expect(CaseAccessPolicy.canSeeMedical(Self.staff(.intakeOfficer), facts))
        #expect(CaseAccessPolicy.canSeeMedical(Self.party(.employee), facts))
        #expect(!CaseAccessPolicy.canSeeMedical(Self.party(.employer), facts))
        #expect(!CaseAccessPolicy.canSee(Self.anonymous, facts))
    }

    @Test func medicalAccessFollowsTheDisciplineOnThePanel() {
        // What counts is the seat on this case's panel, not what the principal claims.
        let facts = CaseAccessFacts(caseId: Self.caseId, status: .inReview, panel: [Self.labourExpert: .arbeidsdeskundige], employeeVerified: true)
        #expect(!CaseAccessPolicy.canSeeMedical(Self.staff(.panelMember, Self.labourExpert, discipline: .bedrijfsarts), facts))
    }

    @Test func medicalFieldsNeverWithoutTheCase() {
        for status in CaseStatus.allCases {
            for (name, caller, _, _) in Self.table where CaseAccessPolicy.canSeeMedical(caller, Self.facts(status)) {
                #expect(CaseAccessPolicy.canSee(caller, Self.facts(status)), "\(name) in \(status)")
            }
        }
    }

    @Test func theEmployeeSeesMedicalFieldsAlsoWhenTheEmployerFiled() {
        // domain.md §3: the employee sees the whole own case, incl. the medical parts.
        #expect(CaseAccessPolicy.canSeeMedical(Self.party(.employee, filer: false), Self.facts(.inReview)))
        #expect(!CaseAccessPolicy.canSeeMedical(Self.party(.employer, filer: false), Self.facts(.inReview)))
    }

    @Test func onlyStaffSeeTheActorsInTheHistory() {
        #expect(CaseAccessPolicy.seesActors(Self.staff(.intakeOfficer)))
        #expect(CaseAccessPolicy.seesActors(Self.staff(.panelMember, Self.physician, discipline: .bedrijfsarts)))
        #expect(!CaseAccessPolicy.seesActors(Self.party(.employee)))
        #expect(!CaseAccessPolicy.seesActors(Self.party(.employer)))
        #expect(!CaseAccessPolicy.seesActors(.anonymous))
    }

    static let anonymous = Caller.anonymous
}
