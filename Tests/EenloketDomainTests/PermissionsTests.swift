import Foundation
import Testing

@testable import EenloketDomain

/// Role-level rules of the contract (403 before any per-case check).
@Suite("Permissions")
struct PermissionsTests {
    @Test func whoManagesWhichAccounts() {
        // An admin may create any role; a coordinator only intake_officer and panel_member.
        for role in StaffRole.allCases {
            #expect(Permissions.mayManage(.admin, accountRole: role))
            #expect(Permissions.mayManage(.coordinator, accountRole: role) == (role == .intakeOfficer || role == .panelMember), "\(role)")
            for other in [StaffRole.intakeOfficer, .panelMember, .inspector] {
                #expect(!Permissions.mayManage(other, accountRole: role))
            }
        }
    }

    @Test func roleSets() {
        #expect(Permissions.caseReaders == [.intakeOfficer, .coordinator, .admin, .panelMember])
        #expect(Permissions.statsReaders == [.inspector, .coordinator, .admin])
        #expect(Permissions.staffManagers == [.admin, .coordinator])
    }

    @Test func requireStaff() throws {
        #expect(throws: AppError.unauthenticated) {
            try Permissions.requireStaff(.anonymous, [.admin], action: "dit doen")
        }
        #expect {
            try Permissions.requireStaff(.party(PartyPrincipal(caseId: uuid(1), role: .employee, isFiler: true)), [.admin], action: "dit doen")
        } throws: { error in
            if case AppError.forbidden = error { return true }
            return false
        }
        #expect {
            try Permissions.requireStaff(.staff(StaffPrincipal(id: uuid(2), role: .inspector, discipline: nil)), [.admin, .coordinator], action: "dit doen")
        } throws: { error in
            if case AppError.forbidden = error { return true }
            return false
        }
        let principal = StaffPrincipal(id: uuid(3), role: .coordinator, discipline: nil)
        #expect(try Permissions.requireStaff(.staff(principal), [.admin, .coordinator], action: "dit doen") == principal)
    }

    @Test func actorRoles() {
        #expect(Caller.anonymous.actorRole == "anonymous")
        #expect(Caller.party(PartyPrincipal(caseId: uuid(1), role: .employer, isFiler: true)).actorRole == "employer")
        #expect(Caller.staff(StaffPrincipal(id: uuid(1), role: .intakeOfficer, discipline: nil)).actorRole == "intake_officer")
        #expect(PartyRole.employee.other == .employer && PartyRole.employer.other == .employee)
        #expect(Discipline.bedrijfsarts.isPhysician && Discipline.verzekeringsarts.isPhysician && !Discipline.arbeidsdeskundige.isPhysician)
    }
}
