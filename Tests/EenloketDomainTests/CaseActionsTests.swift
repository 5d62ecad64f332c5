import Foundation
import Testing

@testable import EenloketDomain

/// The decision table: who may do what to a case, and when.
@Suite("Domain: CaseActions, the one decision table")
struct CaseActionsTests {
    static let caseId = UUID()
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let chair = StaffPrincipal(id: UUID(), role: .panelMember, discipline: .bedrijfsarts)
    static let expert = StaffPrincipal(id: UUID(), role: .panelMember, discipline: .arbeidsdeskundige)
    static let outsider = StaffPrincipal(id: UUID(), role: .panelMember, discipline: .bedrijfsarts)
    static let intake = Caller.staff(StaffPrincipal(id: UUID(), role: .intakeOfficer, discipline: nil))
    static let coordinator = Caller.staff(StaffPrincipal(id: UUID(), role: .coordinator, discipline: nil))
    static let inspector = Caller.staff(StaffPrincipal(id: UUID(), role: .inspector, discipline: nil))
    static let admin = Caller.staff(StaffPrincipal(id: UUID(), role: .admin, discipline: nil))
    static let filer = Caller.party(PartyPrincipal(caseId: caseId, role: .employer, isFiler: true))
    static let invitedEmployee = Caller.party(PartyPrincipal(caseId: caseId, role: .employee, isFiler: false))
    static let otherCase = Caller.party(PartyPrincipal(caseId: UUID(), role: .employer, isFiler: true))

    static func facts(
        _ status: CaseStatus, ruling: Bool = false, appeal: Bool = false, responded: Bool = false, windowEnds: TimeInterval = 3600,
        verified: Bool = false, opened: Bool = true, failures: Int = 0, invited: PartyRole? = .employee,
        filerWindowEnds: TimeInterval = -1, agreed: Set<PartyRole> = [], draftDays: Int = 0, draft: DraftFacts? = nil
    ) -> CaseFacts {
        CaseFacts(
            access: CaseAccessFacts(
                caseId: caseId, status: status, panel: [chair.id: .bedrijfsarts, expert.id: .arbeidsdeskundige], employeeVerified: verified),
            filerRole: .employer, chairId: chair.id, hasRuling: ruling, hasAppeal: appeal,
            invited: invited.map {
                InvitedPartyFacts(
                    role: $0,
                    turns: HearingTurns(
                        invitedWindowEndsAt: now.addingTimeInterval(windowEnds), invitedRespondedAt: responded ? now.addingTimeInterval(-7200) : nil,
                        filerWindowEndsAt: responded ? now.addingTimeInterval(filerWindowEnds) : nil, filerRepliedAt: nil),
                    verified: verified, linkOpened: opened, checkFailures: failures)
            }, agreed: agreed, procedure: ProcedureSettings(draftWindowDays: draftDays), draft: draft)
    }

    static func decide(_ action: CaseAction, _ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        CaseActions.decide(action, by: caller, on: facts, at: now)
    }

    static func isConflict(_ v: ActionVerdict) -> Bool {
        switch v {
        case .conflict, .notYet: return true
        default: return false
        }
    }
    static func isForbidden(_ v: ActionVerdict) -> Bool { if case .forbidden = v { return true } else { return false } }

    @Test func triageIsForIntakeOnASubmittedCaseOnly() {
        #expect(Self.decide(.triage, Self.intake, Self.facts(.submitted)) == .allowed)
        #expect(Self.isConflict(Self.decide(.triage, Self.intake, Self.facts(.inReview))))
        #expect(Self.isForbidden(Self.decide(.triage, Self.coordinator, Self.facts(.submitted))))
        #expect(Self.isForbidden(Self.decide(.triage, Self.filer, Self.facts(.submitted))))
        #expect(Self.decide(.triage, .anonymous, Self.facts(.submitted)) == .unauthenticated)
    }

    /// Without a draft step (the core contract's flow).
    @Test func onlyTheChairRulesAndOnlyAfterTheOtherPartyWasHeard() {
        let heard = Self.facts(.inReview, responded: true)
        #expect(Self.decide(.rule, .staff(Self.chair), heard) == .allowed)
        #expect(Self.isForbidden(Self.decide(.rule, .staff(Self.expert), heard)), "on the panel but not the chair")
        #expect(Self.decide(.rule, .staff(Self.outsider), heard) == .notFound, "not on this panel: the case is not theirs to see")
        let waiting = Self.facts(.inReview, responded: false, windowEnds: 3600)
        guard case .notYet(let reason) = Self.decide(.rule, .staff(Self.chair), waiting) else {
            Issue.record("ruling before the other party was heard must wait")
            return
        }
        #expect(reason.contains("Eerst wordt de werknemer gehoord"))
        #expect(Self.decide(.rule, .staff(Self.chair), Self.facts(.inReview, windowEnds: 0)) == .allowed, "the window closed")
        #expect(Self.isConflict(Self.decide(.rule, .staff(Self.chair), Self.facts(.ruled, ruling: true, responded: true))))
        #expect(Self.isConflict(Self.decide(.rule, .staff(Self.chair), Self.facts(.awaitingPanel, responded: true))))
        #expect(Self.isForbidden(Self.decide(.rule, Self.intake, heard)))
    }

    @Test func afterTheResponseTheFilerMayReplyBeforeTheRuling() {
        let replying = Self.facts(.inReview, responded: true, filerWindowEnds: 3600)
        guard case .notYet(let reason) = Self.decide(.rule, .staff(Self.chair), replying) else {
            Issue.record("the ruling must wait for the filer's reply window")
            return
        }
        #expect(reason.contains("mag nog antwoorden"), "\(reason)")
        #expect(Self.decide(.rule, .staff(Self.chair), Self.facts(.inReview, responded: true, filerWindowEnds: -1)) == .allowed)
    }

    @Test func withADraftStepTheChairIssuesADraftFirstAndRulesAfterTheParties() {
        let heard = Self.facts(.inReview, responded: true, draftDays: 5)
        #expect(Self.decide(.issueDraft, .staff(Self.chair), heard) == .allowed)
        #expect(Self.isConflict(Self.decide(.rule, .staff(Self.chair), heard)), "no ruling without the draft round")
        #expect(Self.isForbidden(Self.decide(.issueDraft, .staff(Self.expert), heard)), "only the chair")
        #expect(Self.isConflict(Self.decide(.issueDraft, .staff(Self.chair), Self.facts(.inReview, responded: true))), "no draft step")
        #expect(Self.decide(.issueDraft, .staff(Self.chair), Self.facts(.inReview, windowEnds: 3600, draftDays: 5)).waitsFor != nil,
                "not before both sides were heard")
        let open = DraftFacts(commentsUntil: Self.now.addingTimeInterval(3600), responses: [:], hasComments: false)
        let drafted = Self.facts(.draftRuling, responded: true, draftDays: 5, draft: open)
        #expect(Self.isConflict(Self.decide(.issueDraft, .staff(Self.chair), drafted)), "one draft per case")
        guard case .notYet(let reason) = Self.decide(.rule, .staff(Self.chair), drafted) else {
            Issue.record("the ruling waits while the parties may still comment")
            return
        }
        #expect(reason.contains("uiterlijk"), "\(reason)")
        let oneAnswered = DraftFacts(commentsUntil: open.commentsUntil, responses: [.employer: .noComments], hasComments: false)
        #expect(Self.decide(.rule, .staff(Self.chair), Self.facts(.draftRuling, responded: true, draftDays: 5, draft: oneAnswered)).waitsFor != nil)
        let bothAnswered = DraftFacts(
            commentsUntil: open.commentsUntil, responses: [.employer: .noComments, .employee: .commented], hasComments: true)
        #expect(Self.decide(.rule, .staff(Self.chair), Self.facts(.draftRuling, responded: true, draftDays: 5, draft: bothAnswered)) == .allowed)
        let closed = DraftFacts(commentsUntil: Self.now, responses: [:], hasComments: false)
        #expect(Self.decide(.rule, .staff(Self.chair), Self.facts(.draftRuling, responded: true, draftDays: 5, draft: closed)) == .allowed)
        // The setting may change while a case is in its draft round: the round still ends in a ruling.
        #expect(Self.decide(.rule, .staff(Self.chair), Self.facts(.draftRuling, responded: true, draft: closed)) == .allowed)
    }

    @Test func theRulingAnswersCommentsOnlyWhenThereWereAny() {
        let commented = DraftFacts(commentsUntil: Self.now, responses: [.employee: .commented], hasComments: true)
        let quiet = DraftFacts(commentsUntil: Self.now, responses: [.employee: .noComments], hasComments: false)
        guard case .invalid(let field, _) = CaseActions.rulingFields(commentsResponse: false, Self.facts(.draftRuling, draft: commented)) else {
            Issue.record("a ruling after comments must answer them")
            return
        }
        #expect(field == "comments_response")
        #expect(CaseActions.rulingFields(commentsResponse: true, Self.facts(.draftRuling, draft: commented)) == .allowed)
        #expect(CaseActions.rulingFields(commentsResponse: false, Self.facts(.draftRuling, draft: quiet)) == .allowed)
        #expect(CaseActions.rulingFields(commentsResponse: true, Self.facts(.inReview)).invalidMessage != nil, "nothing to answer")
        #expect(CaseActions.rulingFields(commentsResponse: false, Self.facts(.inReview)) == .allowed)
    }

    @Test func thePartiesCommentOnTheDraftWhileItsWindowIsOpen() {
        let open = DraftFacts(commentsUntil: Self.now.addingTimeInterval(60), responses: [:], hasComments: false)
        let drafted = Self.facts(.draftRuling, verified: true, draft: open)
        #expect(Self.decide(.commentOnDraft, Self.filer, drafted) == .allowed)
        #expect(Self.decide(.declareNoComments, Self.filer, drafted) == .allowed)
        #expect(Self.decide(.commentOnDraft, Self.invitedEmployee, drafted) == .allowed)
        #expect(CaseActions.decide(.commentOnDraft, by: Self.invitedEmployee, on: drafted, at: Self.now, medical: true) == .allowed)
        #expect(CaseActions.decide(.commentOnDraft, by: Self.filer, on: drafted, at: Self.now, medical: true).invalidMessage != nil,
                "only the employee marks a comment medical")
        #expect(Self.decide(.commentOnDraft, Self.invitedEmployee, Self.facts(.draftRuling, draft: open)) == .forbidden(CaseActions.notVerifiedYet))
        #expect(Self.isForbidden(Self.decide(.commentOnDraft, .staff(Self.chair), drafted)))
        #expect(Self.decide(.commentOnDraft, Self.otherCase, drafted) == .notFound)
        let closed = DraftFacts(commentsUntil: Self.now, responses: [:], hasComments: false)
        #expect(Self.isConflict(Self.decide(.commentOnDraft, Self.filer, Self.facts(.draftRuling, draft: closed))), "the window closed")
        #expect(Self.isConflict(Self.decide(.commentOnDraft, Self.filer, Self.facts(.inReview))), "no draft yet")
        #expect(Self.isConflict(Self.decide(.commentOnDraft, Self.filer, Self.facts(.ruled, ruling: true, draft: open))), "ruled")
        let answered = DraftFacts(commentsUntil: open.commentsUntil, responses: [.employer: .commented], hasComments: true)
        #expect(Self.isConflict(Self.decide(.declareNoComments, Self.filer, Self.facts(.draftRuling, draft: answered))))
        #expect(Self.decide(.commentOnDraft, Self.filer, Self.facts(.draftRuling, draft: answered)) == .allowed, "more comments may follow")
    }

    @Test func aPartyObjectsToAMemberOnThePanelWithinItsWindowOnce() {
        let joined = Self.now.addingTimeInterval(-3600)
        func facts(_ status: CaseStatus = .inReview, joinedAt: Date = joined, undecided: [UndecidedObjection] = []) -> CaseFacts {
            let base = Self.facts(status, responded: true, verified: true)
            return CaseFacts(
                access: base.access, filerRole: base.filerRole, chairId: base.chairId, hasRuling: false, hasAppeal: false, invited: base.invited,
                procedure: ProcedureSettings(draftWindowDays: 0), seatsJoinedAt: [Self.chair.id: joinedAt, Self.expert.id: joinedAt], undecidedObjections: undecided)
        }
        #expect(CaseActions.objection(against: Self.chair.id, by: Self.filer, on: facts(), at: Self.now) == .allowed)
        #expect(CaseActions.objection(against: Self.outsider.id, by: Self.filer, on: facts(), at: Self.now).invalidMessage != nil,
                "only a member on the panel now")
        #expect(Self.isConflict(CaseActions.objection(against: Self.chair.id, by: Self.filer, on: facts(joinedAt: Self.now.addingTimeInterval(-20 * 86400)), at: Self.now)),
                "the window closed")
        let waiting = [UndecidedObjection(staffId: Self.chair.id, party: .employer)]
        #expect(Self.isConflict(CaseActions.objection(against: Self.chair.id, by: Self.filer, on: facts(undecided: waiting), at: Self.now)))
        #expect(CaseActions.objection(against: Self.chair.id, by: Self.invitedEmployee, on: facts(undecided: waiting), at: Self.now) == .allowed,
                "the other party may object to the same member")
        #expect(Self.isConflict(CaseActions.objection(against: Self.chair.id, by: Self.filer, on: facts(.ruled), at: Self.now)))
        #expect(Self.isForbidden(CaseActions.objection(against: Self.chair.id, by: Self.coordinator, on: facts(), at: Self.now)))
        // While an objection waits, the panel decides nothing.
        #expect(Self.decide(.rule, .staff(Self.chair), facts(undecided: waiting)).waitsFor?.contains("bezwaar") == true)
        #expect(Self.decide(.rule, .staff(Self.chair), facts()) == .allowed)
    }

    @Test func appointmentsArePlannedByTheChairAnsweredByTheInvitedAndReportedAfterTheStart() {
        let review = Self.facts(.inReview, responded: true, verified: true)
        #expect(Self.decide(.planAppointment, .staff(Self.chair), review) == .allowed)
        #expect(Self.decide(.planAppointment, Self.coordinator, review) == .allowed)
        #expect(Self.isForbidden(Self.decide(.planAppointment, .staff(Self.expert), review)), "a member who is not the chair")
        #expect(Self.isConflict(Self.decide(.planAppointment, .staff(Self.chair), Self.facts(.awaitingPanel))), "only in review")
        let hearing = AppointmentFacts(kind: .hearing, startsAt: Self.now.addingTimeInterval(3600), parties: [.employer], status: .scheduled)
        #expect(CaseActions.onAppointment(.answerAppointment, hearing, by: Self.filer, on: review, at: Self.now) == .allowed)
        #expect(Self.isForbidden(CaseActions.onAppointment(.answerAppointment, hearing, by: Self.invitedEmployee, on: review, at: Self.now)),
                "a party the appointment did not invite")
        #expect(CaseActions.onAppointment(.reportAppointment, hearing, by: .staff(Self.chair), on: review, at: Self.now).waitsFor != nil,
                "not before it started")
        #expect(CaseActions.onAppointment(.reportAppointment, hearing, by: .staff(Self.chair), on: review, at: Self.now.addingTimeInterval(7200)) == .allowed)
        #expect(Self.isForbidden(CaseActions.onAppointment(.reportAppointment, hearing, by: Self.coordinator, on: review, at: Self.now)))
        let cancelled = AppointmentFacts(kind: .hearing, startsAt: hearing.startsAt, parties: [.employer], status: .cancelled)
        #expect(Self.isConflict(CaseActions.onAppointment(.cancelAppointment, cancelled, by: Self.coordinator, on: review, at: Self.now)))
        // While an appointment is scheduled, the panel decides nothing.
        let planned = CaseFacts(
            access: review.access, filerRole: review.filerRole, chairId: review.chairId, hasRuling: false, hasAppeal: false,
            invited: review.invited, procedure: ProcedureSettings(draftWindowDays: 0), scheduledAppointments: 1)
        #expect(Self.decide(.rule, .staff(Self.chair), planned).waitsFor?.contains("afspraak") == true)
    }

    @Test func aMemberStepsAsideOnlyFromItsOwnPanelAndBeforeADraft() {
        #expect(Self.decide(.stepAside, .staff(Self.expert), Self.facts(.inReview)) == .allowed)
        #expect(Self.decide(.stepAside, .staff(Self.outsider), Self.facts(.inReview)) == .notFound)
        #expect(Self.isForbidden(Self.decide(.stepAside, Self.coordinator, Self.facts(.inReview))))
        let open = DraftFacts(commentsUntil: Self.now.addingTimeInterval(60), responses: [:], hasComments: false)
        #expect(Self.isConflict(Self.decide(.stepAside, .staff(Self.chair), Self.facts(.draftRuling, draft: open))))
        #expect(Self.isConflict(Self.decide(.stepAside, .staff(Self.chair), Self.facts(.ruled, ruling: true))))
    }

    @Test func eachPartyAgreesToBeBoundOnceWhileTheCaseIsOpen() {
        #expect(Self.decide(.agreeToBeBound, Self.filer, Self.facts(.submitted)) == .allowed)
        #expect(Self.isConflict(Self.decide(.agreeToBeBound, Self.filer, Self.facts(.inReview, agreed: [.employer]))))
        #expect(Self.decide(.agreeToBeBound, Self.filer, Self.facts(.inReview, agreed: [.employee])) == .allowed)
        #expect(Self.isConflict(Self.decide(.agreeToBeBound, Self.filer, Self.facts(.ruled, ruling: true))))
        #expect(Self.isConflict(Self.decide(.agreeToBeBound, Self.filer, Self.facts(.withdrawn))))
        #expect(Self.decide(.agreeToBeBound, Self.invitedEmployee, Self.facts(.inReview)) == .forbidden(CaseActions.notVerifiedYet),
                "a link that may be the employer's own does not agree for the employee")
        #expect(Self.decide(.agreeToBeBound, Self.invitedEmployee, Self.facts(.inReview, verified: true)) == .allowed)
        #expect(Self.isForbidden(Self.decide(.agreeToBeBound, Self.intake, Self.facts(.inReview))))
        #expect(Self.decide(.agreeToBeBound, Self.otherCase, Self.facts(.inReview)) == .notFound)
    }

    @Test func onlyTheFilerWithdrawsAndOnlyBeforeTheRuling() {
        for status in CaseStatus.allCases {
            let verdict = Self.decide(.withdraw, Self.filer, Self.facts(status))
            #expect((verdict == .allowed) == CaseTransition.withdraw.from.contains(status), "\(status)")
            if verdict != .allowed { #expect(Self.isConflict(verdict)) }
        }
        #expect(Self.isForbidden(Self.decide(.withdraw, Self.invitedEmployee, Self.facts(.submitted, verified: true))))
        #expect(Self.isForbidden(Self.decide(.withdraw, Self.coordinator, Self.facts(.submitted))))
        #expect(Self.decide(.withdraw, Self.otherCase, Self.facts(.submitted)) == .notFound)
    }

    @Test func eitherPartyOrACoordinatorRecordsOneAppealAgainstARuling() {
        let ruled = Self.facts(.ruled, ruling: true)
        #expect(Self.decide(.appeal, Self.filer, ruled) == .allowed)
        #expect(Self.decide(.appeal, Self.coordinator, ruled) == .allowed)
        #expect(Self.isForbidden(Self.decide(.appeal, Self.intake, ruled)))
        #expect(Self.decide(.appeal, Self.invitedEmployee, Self.facts(.ruled, ruling: true, verified: true)) == .allowed)
        #expect(Self.decide(.appeal, Self.invitedEmployee, Self.facts(.ruled, ruling: true)) == .forbidden(CaseActions.notVerifiedYet))
        #expect(Self.isConflict(Self.decide(.appeal, Self.filer, Self.facts(.ruled, ruling: true, appeal: true))))
        #expect(Self.isConflict(Self.decide(.appeal, Self.coordinator, Self.facts(.inReview))))
    }

    @Test func statementsComeFromThePartiesAndThePanelUntilTheRuling() {
        #expect(Self.decide(.addStatement, Self.filer, Self.facts(.submitted)) == .allowed)
        #expect(Self.decide(.addStatement, .staff(Self.expert), Self.facts(.inReview)) == .allowed)
        #expect(Self.decide(.addStatement, .staff(Self.outsider), Self.facts(.inReview)) == .notFound)
        #expect(Self.decide(.addStatement, Self.invitedEmployee, Self.facts(.inReview)) == .forbidden(CaseActions.notVerifiedYet))
        #expect(Self.decide(.addStatement, Self.invitedEmployee, Self.facts(.inReview, verified: true)) == .allowed)
        #expect(Self.isForbidden(Self.decide(.addStatement, Self.intake, Self.facts(.inReview))))
        guard case .forbidden(let reason) = Self.decide(.addStatement, Self.inspector, Self.facts(.inReview)) else {
            Issue.record("inspectors never act on a case")
            return
        }
        #expect(reason.contains("Inspecteurs"))
        for status in CaseStatus.allCases where !CaseActions.statementStatuses.contains(status) {
            #expect(Self.isConflict(Self.decide(.addStatement, Self.filer, Self.facts(status))), "\(status)")
        }
    }

    @Test func verifyingTheEmployeeNeedsAnOpenedLinkAFewTriesAndTheRightStaff() {
        #expect(Self.decide(.verifyEmployee, Self.intake, Self.facts(.inReview)) == .allowed)
        #expect(Self.decide(.verifyEmployee, .staff(Self.chair), Self.facts(.inReview)) == .allowed, "a panel physician met them")
        #expect(Self.isForbidden(Self.decide(.verifyEmployee, .staff(Self.expert), Self.facts(.inReview))), "not a physician")
        #expect(Self.isForbidden(Self.decide(.verifyEmployee, Self.coordinator, Self.facts(.inReview))))
        #expect(Self.decide(.verifyEmployee, Self.intake, Self.facts(.inReview, opened: false)).waitsFor?.contains("nog niet geopend") == true)
        #expect(Self.isConflict(Self.decide(.verifyEmployee, Self.intake, Self.facts(.inReview, failures: PartyCheckCode.maxFailures))))
        #expect(Self.decide(.verifyEmployee, Self.intake, Self.facts(.inReview, failures: PartyCheckCode.maxFailures - 1)) == .allowed)
        #expect(Self.isConflict(Self.decide(.verifyEmployee, Self.intake, Self.facts(.inReview, verified: true))))
        #expect(Self.isConflict(Self.decide(.verifyEmployee, Self.intake, Self.facts(.inReview, invited: .employer))))
        #expect(Self.isConflict(Self.decide(.verifyEmployee, Self.intake, Self.facts(.submitted, invited: nil))))
        #expect(Self.decide(.verifyEmployee, Self.intake, Self.facts(.ruled, ruling: true)) == .allowed, "after-care needs it too")
    }

    @Test func checkInsAreAnsweredByThePartiesThemselves() {
        #expect(Self.decide(.answerFollowUp, Self.filer, Self.facts(.ruled, ruling: true)) == .allowed)
        #expect(Self.decide(.answerFollowUp, Self.invitedEmployee, Self.facts(.ruled, ruling: true)) == .forbidden(CaseActions.notVerifiedYet))
        #expect(Self.isForbidden(Self.decide(.answerFollowUp, Self.coordinator, Self.facts(.ruled, ruling: true))))
        #expect(CaseActions.answerable(followUpDue: false, stillOpen: false) == .notFound)
        #expect(Self.isConflict(CaseActions.answerable(followUpDue: true, stillOpen: false)))
        #expect(CaseActions.answerable(followUpDue: true, stillOpen: true) == .allowed)
    }

    @Test func consentIsTheEmployeesAloneAtAnyTime() {
        let employee = Caller.party(PartyPrincipal(caseId: Self.caseId, role: .employee, isFiler: false))
        for status in CaseStatus.allCases {
            #expect(Self.decide(.changeConsent, employee, Self.facts(status, verified: true)) == .allowed, "\(status): also after the ruling")
        }
        #expect(Self.decide(.changeConsent, employee, Self.facts(.inReview, verified: false)) == .forbidden(CaseActions.notVerifiedYet))
        #expect(Self.isForbidden(Self.decide(.changeConsent, Self.filer, Self.facts(.inReview, verified: true))), "the employer")
        #expect(Self.isForbidden(Self.decide(.changeConsent, .staff(Self.chair), Self.facts(.inReview, verified: true))))
        #expect(Self.decide(.changeConsent, Self.otherCase, Self.facts(.inReview, verified: true)) == .notFound)
    }

    @Test func staffAddInformationFromATreatingPhysicianOnlyWithConsent() {
        let given = Consents([.treatingPhysician: ConsentState(given: true, at: Self.now)])
        let withdrawn = Consents([.treatingPhysician: ConsentState(given: false, at: Self.now)])
        let info = DocumentKind.treatingPhysicianInfo
        #expect(DocumentRules.consentAllowed(kind: info, by: .staff(Self.chair), consents: given) == .allowed)
        for consents in [Consents(), withdrawn] {
            #expect(DocumentRules.consentAllowed(kind: info, by: .staff(Self.chair), consents: consents) != .allowed)
            #expect(DocumentRules.consentAllowed(kind: info, by: Self.intake, consents: consents) != .allowed)
            #expect(DocumentRules.consentAllowed(kind: .physicianAdvice, by: Self.intake, consents: consents) == .allowed, "other kinds")
            #expect(DocumentRules.consentAllowed(kind: info, by: Self.invitedEmployee, consents: consents) == .allowed, "the employee's own")
        }
        #expect(Consents(given.states).changes(to: [.treatingPhysician: true, .shareWithOwnPhysician: false]).isEmpty, "nothing changes")
        #expect(withdrawn.changes(to: [.treatingPhysician: true]) == [.treatingPhysician: true])
    }

    /// Which kinds of caller may ever take each action, written out here as
    /// the contract says, so a changed role rule fails a named cell.
    @Test func theRoleTableIsTheContracts() {
        let callers: [(String, Caller)] = [
            ("intake", Self.intake), ("coordinator", Self.coordinator), ("inspector", Self.inspector), ("admin", Self.admin),
            ("panel", .staff(Self.chair)), ("party", Self.filer),
        ]
        let expected: [CaseAction: Set<String>] = [
            .read: ["intake", "coordinator", "admin", "panel", "party"], .triage: ["intake"], .changePanel: ["coordinator"], .rule: ["panel"], .verifyEmployee: ["intake", "panel"],
            .withdraw: ["party"], .appeal: ["coordinator", "party"], .addStatement: ["panel", "party"], .answerFollowUp: ["party"],
            .agreeToBeBound: ["party"], .recordAppealOutcome: ["coordinator"], .issueDraft: ["panel"], .commentOnDraft: ["party"],
            .declareNoComments: ["party"], .lodgeObjection: ["party"], .decideObjection: ["coordinator", "admin"], .stepAside: ["panel"],
            .planAppointment: ["coordinator", "panel"], .cancelAppointment: ["coordinator", "panel"], .reportAppointment: ["panel"],
            .answerAppointment: ["party"], .addDocument: ["intake", "panel", "party"], .changeConsent: ["party"],
            .recordReturnToWork: ["intake", "coordinator"],
        ]
        #expect(Set(expected.keys) == Set(CaseAction.allCases), "every action has a row")
        for action in CaseAction.allCases {
            let permitted = Set(callers.filter { CaseActions.permits(action, $0.1) == .allowed }.map(\.0))
            #expect(permitted == expected[action], "\(action)")
            #expect(CaseActions.permits(action, .anonymous) == .unauthenticated, "\(action)")
            // A caller its role refuses gets that refusal on any case, before the case is looked at.
            for (name, caller) in callers where !(expected[action] ?? []).contains(name) {
                #expect(Self.decide(action, caller, Self.facts(.inReview, responded: true)) == CaseActions.permits(action, caller))
            }
        }
    }

    @Test func aVerdictIsEnforcedAsTheMatchingError() {
        #expect(throws: Never.self) { try ActionVerdict.allowed.enforce() }
        #expect(throws: AppError.notFound) { try ActionVerdict.notFound.enforce() }
        #expect(throws: AppError.unauthenticated) { try ActionVerdict.unauthenticated.enforce() }
        #expect(throws: AppError.forbidden("x")) { try ActionVerdict.forbidden("x").enforce() }
        #expect(throws: AppError.conflict("y")) { try ActionVerdict.conflict("y").enforce() }
        #expect(throws: AppError.conflict("z")) { try ActionVerdict.notYet("z").enforce() }
        #expect(throws: AppError.invalid("medical", "m")) { try ActionVerdict.invalid(field: "medical", message: "m").enforce() }
    }
}

extension ActionVerdict {
    /// The message of a 422, if this is one.
    var invalidMessage: String? {
        if case .invalid(_, let message) = self { return message }
        return nil
    }
}

@Suite("Domain: the appeal window")
struct AppealWindowTests {
    let calendar = WorkingDayCalendar()

    func ends(_ iso: String, months: Int = 2) -> String {
        AppealWindow.endsOn(rulingDate: LocalDate(iso: iso)!, months: months, calendar: calendar).description
    }

    @Test func sameDayTwoMonthsLaterOnAWorkingDay() {
        #expect(ends("2026-11-04") == "2027-01-04")  // a Monday
        #expect(ends("2026-11-23") == "2027-01-25")  // Saturday 23 January: the next working day
        #expect(ends("2026-12-31") == "2027-03-01")  // 28 February 2027 is a Sunday
        #expect(ends("2027-10-27", months: 2) == "2027-12-27")  // Monday 27 December 2027 (Christmas falls on the weekend)
    }

    @Test func aMonthWithoutThatDayEndsOnItsLastDay() {
        #expect(ends("2027-12-31") == "2028-02-29")  // leap year, a Tuesday
        #expect(ends("2026-08-31", months: 1) == "2026-09-30")
    }
}
