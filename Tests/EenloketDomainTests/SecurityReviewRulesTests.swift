import Foundation
import Testing

@testable import EenloketDomain

/// The rules added after the review of the security change.
@Suite("Domain: rules from the security review")
struct SecurityReviewRulesTests {
    static let caseId = UUID()

    static func facts(verified: Bool) -> CaseAccessFacts {
        CaseAccessFacts(caseId: caseId, status: .inReview, panel: [:], employeeVerified: verified)
    }

    static let invitedEmployee = PartyPrincipal(caseId: caseId, role: .employee, isFiler: false)
    static let filingEmployee = PartyPrincipal(caseId: caseId, role: .employee, isFiler: true)
    static let employer = PartyPrincipal(caseId: caseId, role: .employer, isFiler: true)

    @Test func anUnverifiedInvitedEmployeeLinkDoesNotActForTheEmployee() {
        #expect(!CaseAccessPolicy.mayActAsParty(Self.invitedEmployee, Self.facts(verified: false)))
        #expect(CaseAccessPolicy.mayActAsParty(Self.invitedEmployee, Self.facts(verified: true)))
        #expect(CaseAccessPolicy.mayActAsParty(Self.employer, Self.facts(verified: false)), "the filing employer acts for itself")
        #expect(CaseAccessPolicy.mayActAsParty(Self.filingEmployee, Self.facts(verified: true)))
        let elsewhere = PartyPrincipal(caseId: UUID(), role: .employee, isFiler: true)
        #expect(!CaseAccessPolicy.mayActAsParty(elsewhere, Self.facts(verified: true)), "another case's link")
        #expect(!StatementPolicy.mayWrite(.party(Self.invitedEmployee), Self.facts(verified: false)))
        #expect(StatementPolicy.mayWrite(.party(Self.invitedEmployee), Self.facts(verified: true)))
    }

    @Test func onlyTheUnverifiedInvitedEmployeeIsShownACheckCode() {
        #expect(CaseAccessPolicy.awaitsVerification(.party(Self.invitedEmployee), Self.facts(verified: false)))
        #expect(!CaseAccessPolicy.awaitsVerification(.party(Self.invitedEmployee), Self.facts(verified: true)))
        #expect(!CaseAccessPolicy.awaitsVerification(.party(Self.employer), Self.facts(verified: false)))
        let intake = Caller.staff(StaffPrincipal(id: UUID(), role: .intakeOfficer, discipline: nil))
        #expect(!CaseAccessPolicy.awaitsVerification(intake, Self.facts(verified: false)))
    }

    @Test func aPartyThatMayNotSeeMedicalDataDoesNotLearnThatItExists() {
        let statement: JSONValue = .object(["author_role": "employee", "medical": true])
        let viewed: JSONValue = .object(["fields": .array(["medical_information"])])
        let employer = Caller.party(Self.employer)
        let facts = Self.facts(verified: true)
        #expect(CaseAccessPolicy.visibleEvent("statement_added", data: statement, employer, facts) == .object(["author_role": "employee"]))
        #expect(CaseAccessPolicy.visibleEvent("medical_data_viewed", data: viewed, employer, facts) == nil)
        // The employee, and staff, see both as they are.
        let employee = Caller.party(Self.filingEmployee)
        #expect(CaseAccessPolicy.visibleEvent("statement_added", data: statement, employee, facts) == statement)
        #expect(CaseAccessPolicy.visibleEvent("medical_data_viewed", data: viewed, employee, facts) == viewed)
        let coordinator = Caller.staff(StaffPrincipal(id: UUID(), role: .coordinator, discipline: nil))
        #expect(CaseAccessPolicy.visibleEvent("statement_added", data: statement, coordinator, facts) == statement)
        // An invited employee not yet verified is treated as the employer would be.
        #expect(CaseAccessPolicy.visibleEvent("medical_data_viewed", data: viewed, .party(Self.invitedEmployee), Self.facts(verified: false)) == nil)
    }

    @Test func checkCodesAreSixUnambiguousCharactersReadInTwoGroups() {
        let code = PartyCheckCode.code(fromDigest: Array(0..<32))
        #expect(code.count == 6 && code.allSatisfy { PartyCheckCode.alphabet.contains($0) })
        #expect(!PartyCheckCode.alphabet.contains { "0O1IL".contains($0) })
        #expect(PartyCheckCode.formatted("K7M4QP") == "K7M-4QP")
        #expect(PartyCheckCode.normalized(" k7m-4qp ") == "K7M4QP")
        #expect(PartyCheckCode.normalized("K7M 4QP") == "K7M4QP")
        #expect(PartyCheckCode.normalized("K7M-4Q") == nil, "too short")
        #expect(PartyCheckCode.normalized("K7M-4Q0") == nil, "a zero is not in the alphabet")
        // Different digests give different codes (here: every first byte value maps into the alphabet).
        let firsts = Set((0..<31).map { PartyCheckCode.code(fromDigest: [UInt8($0)] + Array(repeating: 0, count: 5)).first! })
        #expect(firsts.count == PartyCheckCode.alphabet.count)
    }

    @Test func onlyAnAdminGivesAccessToMedicalData() {
        #expect(Permissions.awaitsAdminActivation(createdBy: .coordinator, role: .intakeOfficer, discipline: nil))
        #expect(Permissions.awaitsAdminActivation(createdBy: .coordinator, role: .panelMember, discipline: .bedrijfsarts))
        #expect(Permissions.awaitsAdminActivation(createdBy: .coordinator, role: .panelMember, discipline: .verzekeringsarts))
        #expect(!Permissions.awaitsAdminActivation(createdBy: .coordinator, role: .panelMember, discipline: .arbeidsdeskundige))
        #expect(!Permissions.awaitsAdminActivation(createdBy: .admin, role: .intakeOfficer, discipline: nil))
        let waiting = (awaiting: true, active: false)
        #expect(Permissions.activation(of: waiting, by: .coordinator, activating: true, hasNewPassword: true) == .forbidden)
        #expect(Permissions.activation(of: waiting, by: .admin, activating: true, hasNewPassword: false) == .needsNewPassword)
        #expect(Permissions.activation(of: waiting, by: .admin, activating: true, hasNewPassword: true) == .allowed)
        #expect(Permissions.activation(of: waiting, by: .coordinator, activating: false, hasNewPassword: false) == .allowed)
        #expect(Permissions.activation(of: (false, false), by: .coordinator, activating: true, hasNewPassword: false) == .allowed)
        let me = UUID()
        #expect(!Permissions.maySetPasswordWithoutCurrent(editor: me, account: me))
        #expect(Permissions.maySetPasswordWithoutCurrent(editor: me, account: UUID()))
    }

    @Test func theLoginSlowDownStaysBelowItsLimit() {
        #expect(LoginThrottle.delay(afterFailures: 7, base: .seconds(10), limit: .seconds(8)) == .seconds(8))
        #expect(LoginThrottle.delay(afterFailures: 3, base: .seconds(1), limit: .seconds(8)) == .seconds(1))
        #expect(LoginThrottle.delay(afterFailures: 9, base: .seconds(1), limit: .seconds(-1)) == .zero)
    }
}
