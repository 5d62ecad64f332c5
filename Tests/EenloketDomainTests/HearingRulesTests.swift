import Foundation
import Testing

@testable import EenloketDomain

@Suite("Hearing, deviation and statement rules")
struct HearingRulesTests {
    let calendar = WorkingDayCalendar()

    /// 10:00 Amsterdam time on a date.
    func at(_ iso: String) -> Date {
        AmsterdamTime.startOfDay(LocalDate(iso: iso)!).addingTimeInterval(10 * 3600)
    }

    @Test func windowEndsAtTheEndOfTheLastWorkingDay() {
        // Invited Monday 23 November 2026: five working days run to Monday 30 November.
        let end = Hearing.windowEnd(invitedAt: at("2026-11-23"), workingDays: 5, calendar: calendar)
        #expect(end == AmsterdamTime.startOfDay(LocalDate(year: 2026, month: 12, day: 1)!))
        // Over Christmas 2026 (Fri 25 and Sat 26 Dec): from Wed 23 Dec, Thu 24, Mon 28, Tue 29, Wed 30, Thu 31.
        let christmas = Hearing.windowEnd(invitedAt: at("2026-12-23"), workingDays: 5, calendar: calendar)
        #expect(AmsterdamTime.date(of: christmas.addingTimeInterval(-1)) == LocalDate(year: 2026, month: 12, day: 31))
    }

    @Test func noWindowMeansNoWaiting() {
        let invited = at("2026-11-23")
        #expect(Hearing.windowEnd(invitedAt: invited, workingDays: 0, calendar: calendar) == invited)
        #expect(Hearing.mayRule(now: invited, windowEnd: invited, responded: false))
    }

    @Test func rulingWaitsForTheResponseOrTheWindow() {
        let end = at("2026-11-30")
        #expect(!Hearing.mayRule(now: end.addingTimeInterval(-1), windowEnd: end, responded: false))
        #expect(Hearing.mayRule(now: end.addingTimeInterval(-1), windowEnd: end, responded: true))
        #expect(Hearing.mayRule(now: end, windowEnd: end, responded: false))
    }

    @Test func deviationIsNeededOnlyAfterThePreferredDay() {
        let preferred = LocalDate(year: 2026, month: 11, day: 25)!
        #expect(!Deviation.requiresReason(preferredBy: preferred, completedOn: preferred))
        #expect(!Deviation.requiresReason(preferredBy: preferred, completedOn: preferred.adding(days: -3)))
        #expect(Deviation.requiresReason(preferredBy: preferred, completedOn: preferred.adding(days: 1)))
    }

    @Test func whoMayWriteAndMarkStatementsMedical() {
        let caseId = UUID()
        let physician = UUID()
        let expert = UUID()
        let facts = CaseAccessFacts(caseId: caseId, status: .inReview, panel: [physician: .bedrijfsarts, expert: .arbeidsdeskundige], employeeVerified: true)
        let employee = Caller.party(PartyPrincipal(caseId: caseId, role: .employee, isFiler: true))
        let employer = Caller.party(PartyPrincipal(caseId: caseId, role: .employer, isFiler: false))
        let stranger = Caller.party(PartyPrincipal(caseId: UUID(), role: .employee, isFiler: true))
        let onPanel = Caller.staff(StaffPrincipal(id: physician, role: .panelMember, discipline: .bedrijfsarts))
        let expertOnPanel = Caller.staff(StaffPrincipal(id: expert, role: .panelMember, discipline: .arbeidsdeskundige))
        let offPanel = Caller.staff(StaffPrincipal(id: UUID(), role: .panelMember, discipline: .bedrijfsarts))
        let coordinator = Caller.staff(StaffPrincipal(id: UUID(), role: .coordinator, discipline: nil))

        #expect(StatementPolicy.mayWrite(employee, facts) && StatementPolicy.mayWrite(employer, facts))
        #expect(StatementPolicy.mayWrite(onPanel, facts) && StatementPolicy.mayWrite(expertOnPanel, facts))
        #expect(!StatementPolicy.mayWrite(stranger, facts) && !StatementPolicy.mayWrite(offPanel, facts))
        #expect(!StatementPolicy.mayWrite(coordinator, facts) && !StatementPolicy.mayWrite(.anonymous, facts))

        #expect(StatementPolicy.mayMarkMedical(employee, facts) && StatementPolicy.mayMarkMedical(onPanel, facts))
        #expect(!StatementPolicy.mayMarkMedical(employer, facts) && !StatementPolicy.mayMarkMedical(expertOnPanel, facts))

        #expect(StatementPolicy.maySeeMedical(employee, facts) && StatementPolicy.maySeeMedical(onPanel, facts))
        #expect(!StatementPolicy.maySeeMedical(employer, facts) && !StatementPolicy.maySeeMedical(expertOnPanel, facts))
        #expect(!StatementPolicy.maySeeMedical(coordinator, facts))
    }

    @Test func bothSidesAreHeardInTurn() {
        let invitedEnd = at("2026-12-07")
        func turns(responded: Date? = nil, filerEnd: Date? = nil, replied: Date? = nil) -> HearingTurns {
            HearingTurns(invitedWindowEndsAt: invitedEnd, invitedRespondedAt: responded, filerWindowEndsAt: filerEnd, filerRepliedAt: replied)
        }
        // Nobody responded: complete once the invited party's window closed, not before.
        #expect(!Hearing.isComplete(turns(), now: at("2026-12-04")))
        #expect(Hearing.isComplete(turns(), now: invitedEnd))
        // The invited party responded: the filer's reply window must close, or the filer reply.
        let responded = turns(responded: at("2026-12-02"), filerEnd: at("2026-12-09"))
        #expect(!Hearing.isComplete(responded, now: at("2026-12-08")))
        #expect(Hearing.isComplete(responded, now: at("2026-12-09")))
        #expect(Hearing.isComplete(turns(responded: at("2026-12-02"), filerEnd: at("2026-12-09"), replied: at("2026-12-03")), now: at("2026-12-03")))
        // Without windows (0 working days) the response closes the turn at once.
        let instant = at("2026-12-02")
        #expect(Hearing.isComplete(HearingTurns(invitedWindowEndsAt: instant, invitedRespondedAt: instant, filerWindowEndsAt: instant, filerRepliedAt: nil), now: instant))
    }

    @Test func partiesReadTheLastAllowedDayNeverVoor() {
        // A window that closes at the start of Tuesday 15 December runs to Monday 14 December.
        let end = AmsterdamTime.startOfDay(LocalDate(year: 2026, month: 12, day: 15)!)
        #expect(Dutch.until(end) == "uiterlijk maandag 14 december 2026")
    }
}

@Suite("Messages")
struct MessagesTests {
    @Test(arguments: MessageKind.allCases)
    func everyMessageNamesTheCaseAndSaysWhoItIsFrom(_ kind: MessageKind) {
        let message = Messages.render(kind, reference: "EL-2026-000042", serviceURL: "https://eenloket.example", detail: "een detail")
        #expect(message.subject.contains("EL-2026-000042"))
        #expect(message.body.contains("EL-2026-000042"))
        #expect(!message.subject.contains("\n"))
        #expect(!message.body.contains("elc_") && !message.body.contains("els_"))
    }

    @Test func onlyTheInvitationAndTheNewLinkCarryThePrivateLinkPlaceholder() {
        for kind in MessageKind.allCases {
            let body = Messages.render(kind, reference: "EL-2026-000001", serviceURL: "https://x").body
            #expect(body.contains(Messages.privateLinkPlaceholder) == [.invitation, .accessLink].contains(kind), "\(kind)")
        }
    }

    @Test func everyMessageToAPartySaysWhereToGetANewLink() {
        let toParties: Set<MessageKind> = [
            .caseReceived, .caseTriaged, .panelAssigned, .invitation, .statementFromOtherParty, .rulingRecorded, .followUpDue,
            .appealDecided, .bindingAgreed, .draftIssued, .draftCommented, .draftWindowClosed, .objectionLodged, .objectionDecided,
            .memberSteppedAside, .appealLodged, .accessLink,
        ]
        for kind in toParties {
            let body = Messages.render(kind, reference: "EL-2026-000001", serviceURL: "https://x").body
            #expect(body.contains("https://x/link-kwijt"), "\(kind)")
        }
        let appointment = Messages.appointment(
            .appointmentReminder, kind: .hearing, startsAt: Date(timeIntervalSince1970: 1_800_000_000), location: "Utrecht", onlineURL: nil,
            reference: "EL-2026-000001", serviceURL: "https://x")
        #expect(appointment.body.contains("https://x/link-kwijt"))
        #expect(Messages.ruling(binding: true, basis: .agreement, appealUntil: LocalDate(iso: "2027-02-01")!, reference: "EL-2026-000001", serviceURL: "https://x").body.contains("https://x/link-kwijt"))
    }

    @Test func datesAreWrittenInDutch() {
        #expect(Dutch.date(LocalDate(year: 2026, month: 11, day: 30)!) == "maandag 30 november 2026")
        #expect(Dutch.date(LocalDate(year: 2027, month: 5, day: 5)!) == "woensdag 5 mei 2027")
    }
}
