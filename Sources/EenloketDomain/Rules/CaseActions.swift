import Foundation

/// Everything someone can do to a case once it is filed.
public enum CaseAction: String, Sendable, CaseIterable {
    /// Reading the case, its history, statements and check-ins.
    case read
    case triage
    case changePanel = "change_panel"
    case rule
    case withdraw
    case appeal
    case addStatement = "add_statement"
    case verifyEmployee = "verify_employee"
    case answerFollowUp = "answer_follow_up"
    /// A party agrees to be bound by the ruling (binding advice).
    case agreeToBeBound = "agree_to_be_bound"
    /// A coordinator records what the court decided about an appeal.
    case recordAppealOutcome = "record_appeal_outcome"
    /// The chair issues the draft ruling.
    case issueDraft = "issue_draft"
    /// A party points out a factual error in the draft.
    case commentOnDraft = "comment_on_draft"
    /// A party says it has no comments on the draft.
    case declareNoComments = "declare_no_comments"
    /// A party objects to a member of the case's panel.
    case lodgeObjection = "lodge_objection"
    /// A coordinator or an admin decides an objection.
    case decideObjection = "decide_objection"
    /// A member of the case's panel steps aside (a conflict of interest found later).
    case stepAside = "step_aside"
    /// The chair or a coordinator plans a hearing session or an examination.
    case planAppointment = "plan_appointment"
    /// An invited party says whether it comes.
    case answerAppointment = "answer_appointment"
    /// The chair or a coordinator cancels a scheduled appointment.
    case cancelAppointment = "cancel_appointment"
    /// The chair reports how an appointment went.
    case reportAppointment = "report_appointment"
    /// A party, an intake officer or a member of the panel adds a document to the case file.
    case addDocument = "add_document"
    /// The employee gives or withdraws consent (treating physicians, sharing the ruling).
    case changeConsent = "change_consent"
    /// Staff record the day the employee returned to work; after-care counts from it.
    case recordReturnToWork = "record_return_to_work"
}

/// The answer to "may this caller do this now?".
public enum ActionVerdict: Sendable, Equatable {
    case allowed
    /// 401: nobody is logged in.
    case unauthenticated
    /// 404: the caller may not know that the case exists.
    case notFound
    /// 403: this caller may not do this on this case, whatever its state.
    case forbidden(String)
    /// 422: the request asks for something this caller may not set (a field, named).
    case invalid(field: String, message: String)
    /// 409: the case's state does not allow it now.
    case conflict(String)
    /// 409 as well, but only for now: it becomes possible when time passes or
    /// someone else acts (a window closes, a link is opened). Pages say why.
    case notYet(String)

    public var isAllowed: Bool { self == .allowed }

    /// The reason, when the action will become possible later.
    public var waitsFor: String? {
        if case .notYet(let reason) = self { return reason }
        return nil
    }

    /// Throws the error a refusal is reported as.
    public func enforce() throws {
        switch self {
        case .allowed: return
        case .unauthenticated: throw AppError.unauthenticated
        case .notFound: throw AppError.notFound
        case .forbidden(let reason): throw AppError.forbidden(reason)
        case .invalid(let field, let message): throw AppError.invalid(field, message)
        case .conflict(let reason), .notYet(let reason): throw AppError.conflict(reason)
        }
    }
}

/// The party invited when the case was accepted (hoor en wederhoor).
public struct InvitedPartyFacts: Sendable, Equatable {
    public let role: PartyRole
    /// The invited party's window and response, and the filer's reply to it.
    public let turns: HearingTurns
    public let verified: Bool
    /// Whether the current link was ever opened (the check code is on that page).
    public let linkOpened: Bool
    public let checkFailures: Int

    public init(role: PartyRole, turns: HearingTurns, verified: Bool, linkOpened: Bool, checkFailures: Int) {
        self.role = role
        self.turns = turns
        self.verified = verified
        self.linkOpened = linkOpened
        self.checkFailures = checkFailures
    }
}

/// The facts about a case the decisions depend on; the store reads them under
/// the case's row lock, so the answer still holds when it acts on it.
public struct CaseFacts: Sendable {
    public let access: CaseAccessFacts
    public let filerRole: PartyRole
    public let chairId: UUID?
    public let hasRuling: Bool
    public let hasAppeal: Bool
    public let invited: InvitedPartyFacts?
    /// The parties that agreed to be bound.
    public let agreed: Set<PartyRole>
    /// Whether the court's outcome of the appeal was recorded.
    public let hasAppealOutcome: Bool
    /// The deployment's procedure settings (the draft step, the windows).
    public let procedure: ProcedureSettings
    /// The draft ruling, once the chair issued one.
    public let draft: DraftFacts?
    /// When each member now on the panel joined it (their objection window starts then).
    public let seatsJoinedAt: [UUID: Date]
    /// Objections not decided yet: against whom, by which party.
    public let undecidedObjections: [UndecidedObjection]
    /// The deployment's working days, for the windows counted in them.
    public let calendar: WorkingDayCalendar
    /// Appointments planned and not yet held, reported or cancelled.
    public let scheduledAppointments: Int
    /// The employee's consents.
    public let consents: Consents

    public init(
        access: CaseAccessFacts, filerRole: PartyRole, chairId: UUID?, hasRuling: Bool, hasAppeal: Bool, invited: InvitedPartyFacts?,
        agreed: Set<PartyRole> = [], hasAppealOutcome: Bool = false, procedure: ProcedureSettings = ProcedureSettings(),
        draft: DraftFacts? = nil, seatsJoinedAt: [UUID: Date] = [:], undecidedObjections: [UndecidedObjection] = [],
        calendar: WorkingDayCalendar = WorkingDayCalendar(), scheduledAppointments: Int = 0, consents: Consents = Consents()
    ) {
        self.consents = consents
        self.scheduledAppointments = scheduledAppointments
        self.procedure = procedure
        self.draft = draft
        self.seatsJoinedAt = seatsJoinedAt
        self.undecidedObjections = undecidedObjections
        self.calendar = calendar
        self.hasAppealOutcome = hasAppealOutcome
        self.access = access
        self.filerRole = filerRole
        self.chairId = chairId
        self.hasRuling = hasRuling
        self.hasAppeal = hasAppeal
        self.invited = invited
        self.agreed = agreed
    }

    public var status: CaseStatus { access.status }

    /// The parties of the case: the filer, and the invited party once invited.
    public var parties: Set<PartyRole> { Set([filerRole] + (invited.map { [$0.role] } ?? [])) }

    /// The same facts with the invited party as it is now.
    public func with(invited: InvitedPartyFacts?) -> CaseFacts {
        CaseFacts(
            access: access, filerRole: filerRole, chairId: chairId, hasRuling: hasRuling, hasAppeal: hasAppeal, invited: invited,
            agreed: agreed, hasAppealOutcome: hasAppealOutcome, procedure: procedure, draft: draft, seatsJoinedAt: seatsJoinedAt,
            undecidedObjections: undecidedObjections, calendar: calendar, scheduledAppointments: scheduledAppointments,
            consents: consents)
    }

    /// When a party may no longer object to a member who joined at `joinedAt`.
    public func objectionWindowEnd(joinedAt: Date) -> Date {
        Hearing.windowEnd(invitedAt: joinedAt, workingDays: procedure.objectionWindowDays, calendar: calendar)
    }
}

/// An objection to a panel member that waits for a coordinator's decision.
public struct UndecidedObjection: Sendable, Equatable {
    public let staffId: UUID
    public let party: PartyRole

    public init(staffId: UUID, party: PartyRole) {
        self.staffId = staffId
        self.party = party
    }
}

/// The one table of who may do what to a case, and when.
///
/// `decide` first asks whether the caller's kind may ever do the action
/// (`permits`, also used by the HTTP layer before it reads a body), then
/// whether the caller may see the case, then what the case's state allows.
/// The store asks it under the case's row lock; pages show a button exactly
/// when it answers `allowed`. The database repeats the state rules
/// (`case_status_transitions`, constraints) as defence in depth.
public enum CaseActions {
    /// Statuses in which statements may still be added: before a ruling or closure.
    public static let statementStatuses: Set<CaseStatus> = [.submitted, .awaitingPanel, .inReview]
    /// Statuses in which a coordinator may change the panel.
    public static let panelChangeStatuses: Set<CaseStatus> = [.awaitingPanel, .inReview]

    static let inspectorMessage = "Inspecteurs zien alleen geaggregeerde cijfers, nooit een afzonderlijke zaak."
    static let withdrawMessage = "Alleen wie de zaak heeft ingediend, kan haar intrekken."
    static let appealMessage = "Alleen de partijen of een coördinator kunnen een beroep vastleggen."
    static let statementMessage = "Alleen de partijen en het panel van deze zaak kunnen een reactie geven."
    static let followUpMessage = "Alleen de partijen beantwoorden de nazorgvragen."
    static let consentMessage = "Alleen de werknemer zelf geeft toestemming of trekt die in."
    static let draftCommentMessage = "Alleen de werknemer en de werkgever reageren op het concept van het oordeel."
    /// For an invited employee's link that staff have not verified yet.
    public static let notVerifiedYet =
        "Wij controleren eerst of deze link echt bij de werknemer is. Geef de controlecode op uw pagina aan een medewerker van "
        + "Eenloket of aan de arts van het panel. Daarna kunt u hier reageren."

    /// The full decision: who may, on this case, in its state, now. `medical`:
    /// the caller asks to mark what it adds as medical (statements).
    public static func decide(
        _ action: CaseAction, by caller: Caller, on facts: CaseFacts, at now: Date, medical: Bool = false
    ) -> ActionVerdict {
        let byRole = permits(action, caller)
        guard byRole.isAllowed else { return byRole }
        guard CaseAccessPolicy.canSee(caller, facts.access) else { return .notFound }
        switch action {
        case .read: return .allowed
        case .triage: return triage(facts)
        case .changePanel: return changePanel(facts)
        case .rule: return rule(caller, facts, now)
        case .withdraw: return withdraw(caller, facts)
        case .appeal: return appeal(caller, facts)
        case .addStatement: return addStatement(caller, facts, medical: medical)
        case .verifyEmployee: return verifyEmployee(caller, facts)
        case .answerFollowUp: return answerFollowUp(caller, facts)
        case .agreeToBeBound: return agreeToBeBound(caller, facts)
        case .recordAppealOutcome: return recordAppealOutcome(facts)
        case .issueDraft: return issueDraft(caller, facts, now)
        case .commentOnDraft: return commentOnDraft(caller, facts, now, medical: medical)
        case .declareNoComments: return declareNoComments(caller, facts, now)
        case .lodgeObjection: return lodgeObjection(caller, facts)
        case .decideObjection: return .allowed
        case .stepAside: return stepAside(caller, facts)
        case .planAppointment: return planAppointment(caller, facts)
        case .answerAppointment: return answerAppointment(caller, facts)
        case .cancelAppointment, .reportAppointment: return chairOrCoordinator(caller, facts, action == .reportAppointment)
        case .addDocument: return addDocument(caller, facts)
        case .changeConsent: return changeConsent(caller, facts)
        case .recordReturnToWork: return recordReturnToWork(facts)
        }
    }

    /// Whether this kind of caller may ever do the action, before any case is read.
    public static func permits(_ action: CaseAction, _ caller: Caller) -> ActionVerdict {
        switch action {
        case .read:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff(let staff) where staff.role == .inspector: return .forbidden(inspectorMessage)
            default: return .allowed
            }
        case .triage: return staffOnly(caller, [.intakeOfficer], "zaken beoordelen")
        case .changePanel: return staffOnly(caller, [.coordinator], "een panel wijzigen")
        case .rule, .issueDraft: return staffOnly(caller, [.panelMember], "uitspraak doen")
        case .commentOnDraft, .declareNoComments:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden(draftCommentMessage)
            case .party: return .allowed
            }
        case .verifyEmployee: return staffOnly(caller, [.intakeOfficer, .panelMember], "de werknemer bevestigen")
        case .withdraw:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden(withdrawMessage)
            case .party: return .allowed
            }
        case .appeal:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff(let staff): return staff.role == .coordinator ? .allowed : .forbidden(appealMessage)
            case .party: return .allowed
            }
        case .addStatement:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff(let staff) where staff.role == .inspector: return .forbidden(inspectorMessage)
            case .staff(let staff): return staff.role == .panelMember ? .allowed : .forbidden(statementMessage)
            case .party: return .allowed
            }
        case .answerFollowUp:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden(followUpMessage)
            case .party: return .allowed
            }
        case .recordAppealOutcome: return staffOnly(caller, [.coordinator], "de uitspraak van de rechter vastleggen")
        case .decideObjection: return staffOnly(caller, [.coordinator, .admin], "over een bezwaar tegen een panellid beslissen")
        case .stepAside: return staffOnly(caller, [.panelMember], "zich uit een panel terugtrekken")
        case .planAppointment, .cancelAppointment: return staffOnly(caller, [.panelMember, .coordinator], "afspraken plannen")
        case .reportAppointment: return staffOnly(caller, [.panelMember], "verslag doen van een afspraak")
        case .addDocument:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff(let staff) where staff.role == .inspector: return .forbidden(inspectorMessage)
            case .staff: return staffOnly(caller, [.intakeOfficer, .panelMember], "stukken toevoegen")
            case .party: return .allowed
            }
        case .answerAppointment:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden("Alleen de uitgenodigde partij zegt of zij komt.")
            case .party: return .allowed
            }
        case .lodgeObjection:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden("Alleen de werknemer en de werkgever kunnen bezwaar maken tegen een panellid.")
            case .party: return .allowed
            }
        case .agreeToBeBound:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden("Alleen de werknemer en de werkgever zelf gaan akkoord met een bindend oordeel.")
            case .party: return .allowed
            }
        case .changeConsent:
            switch caller {
            case .anonymous: return .unauthenticated
            case .staff: return .forbidden(consentMessage)
            case .party: return .allowed
            }
        case .recordReturnToWork:
            return staffOnly(caller, [.intakeOfficer, .coordinator], "de datum van terugkeer naar werk vastleggen")
        }
    }

    /// After-care follows a ruling; before it there is nothing to count from.
    private static func recordReturnToWork(_ facts: CaseFacts) -> ActionVerdict {
        facts.hasRuling ? .allowed : .conflict("De nazorg begint pas na het oordeel. Leg de terugkeer naar werk daarna vast.")
    }

    /// The staff roles the table lets take the action at all (the staff pages' forms ask this).
    public static func staffRoles(for action: CaseAction) -> Set<StaffRole> {
        Set(StaffRole.allCases.filter { permits(action, .staff(StaffPrincipal(id: UUID(), role: $0, discipline: nil))) == .allowed })
    }

    /// The answer for a check-in the party wants to answer: it must exist and be
    /// due (else 404), and be neither answered nor missed (else 409).
    public static func answerable(followUpDue: Bool, stillOpen: Bool) -> ActionVerdict {
        guard followUpDue else { return .notFound }
        return stillOpen ? .allowed : .conflict("Deze vragenlijst is al beantwoord of is verlopen.")
    }

    // MARK: The rules per action, once the caller may see the case

    private static func triage(_ facts: CaseFacts) -> ActionVerdict {
        facts.status == .submitted ? .allowed : .conflict("Deze zaak is al beoordeeld (status \(facts.status.rawValue)).")
    }

    private static func changePanel(_ facts: CaseFacts) -> ActionVerdict {
        panelChangeStatuses.contains(facts.status)
            ? .allowed
            : .conflict("Het panel kan alleen veranderen terwijl de zaak wordt behandeld (status \(facts.status.rawValue)).")
    }

    private static func rule(_ caller: Caller, _ facts: CaseFacts, _ now: Date) -> ActionVerdict {
        guard let staff = caller.staff, facts.chairId == staff.id else {
            return .forbidden("Alleen de voorzitter van het panel van deze zaak mag uitspraak doen.")
        }
        if facts.hasRuling { return .conflict("Deze zaak heeft al een uitspraak.") }
        if facts.status == .draftRuling, let draft = facts.draft {
            if draft.open(at: now) && !facts.parties.isSubset(of: Set(draft.responses.keys)) {
                return .notYet(
                    "De partijen kunnen nog reageren op het concept, \(Dutch.until(draft.commentsUntil)). "
                        + "Het oordeel kan daarna, of eerder zodra beide partijen hebben gereageerd.")
            }
            return .allowed
        }
        guard facts.status == .inReview else {
            return .conflict("Uitspraak kan alleen als het panel de zaak behandelt (status \(facts.status.rawValue)).")
        }
        if facts.procedure.hasDraftStep {
            return .conflict("Maak eerst een concept van het oordeel. De partijen mogen daarop reageren voordat het oordeel vastligt.")
        }
        return readyToDecide(facts, now)
    }

    private static func issueDraft(_ caller: Caller, _ facts: CaseFacts, _ now: Date) -> ActionVerdict {
        guard let staff = caller.staff, facts.chairId == staff.id else {
            return .forbidden("Alleen de voorzitter van het panel van deze zaak mag een concept van het oordeel maken.")
        }
        guard facts.procedure.hasDraftStep else {
            return .conflict("Er is geen conceptronde: de voorzitter legt het oordeel direct vast.")
        }
        if facts.draft != nil || facts.hasRuling { return .conflict("Deze zaak heeft al een concept van het oordeel.") }
        guard facts.status == .inReview else {
            return .conflict("Een concept kan alleen als het panel de zaak behandelt (status \(facts.status.rawValue)).")
        }
        return readyToDecide(facts, now)
    }

    /// Whether the panel may decide (a draft, or the ruling without a draft step):
    /// both sides were heard, and no objection to a member waits for a decision.
    private static func readyToDecide(_ facts: CaseFacts, _ now: Date) -> ActionVerdict {
        if let invited = facts.invited, let waiting = hearingWaits(invited, now: now) { return .notYet(waiting) }
        if !facts.undecidedObjections.isEmpty {
            return .notYet("Er is bezwaar gemaakt tegen een panellid. Eerst beslist een coördinator over dat bezwaar.")
        }
        if facts.scheduledAppointments > 0 {
            return .notYet("Er staat nog een afspraak gepland. Leg eerst vast hoe die ging, of zeg haar af.")
        }
        return .allowed
    }

    /// Statuses in which the case file takes documents.
    public static let documentStatuses: Set<CaseStatus> = [.submitted, .awaitingPanel, .inReview, .draftRuling]

    private static func addDocument(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        if let party = caller.party, !CaseAccessPolicy.mayActAsParty(party, facts.access) { return .forbidden(notVerifiedYet) }
        return documentStatuses.contains(facts.status)
            ? .allowed : .conflict("Bij een zaak met status \(facts.status.rawValue) kunnen geen stukken meer worden toegevoegd.")
    }

    private static func planAppointment(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        let who = chairOrCoordinator(caller, facts, false)
        guard who.isAllowed else { return who }
        return facts.status == .inReview
            ? .allowed : .conflict("Afspraken plannen kan alleen terwijl het panel de zaak behandelt (status \(facts.status.rawValue)).")
    }

    /// The chair of the case (reports only the chair), or a coordinator.
    private static func chairOrCoordinator(_ caller: Caller, _ facts: CaseFacts, _ chairOnly: Bool) -> ActionVerdict {
        guard let staff = caller.staff else { return .forbidden("Alleen de voorzitter of een coördinator plant afspraken.") }
        if staff.role == .coordinator && !chairOnly { return .allowed }
        return facts.chairId == staff.id
            ? .allowed
            : .forbidden(chairOnly ? "Alleen de voorzitter doet verslag van een afspraak." : "Alleen de voorzitter of een coördinator plant afspraken.")
    }

    private static func answerAppointment(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let party = caller.party else { return .forbidden("Alleen de uitgenodigde partij zegt of zij komt.") }
        return CaseAccessPolicy.mayActAsParty(party, facts.access) ? .allowed : .forbidden(notVerifiedYet)
    }

    /// What may happen to one appointment now: answering (a party it invited),
    /// cancelling, reporting (only after it started); all only while scheduled.
    public static func onAppointment(
        _ action: CaseAction, _ appointment: AppointmentFacts, by caller: Caller, on facts: CaseFacts, at now: Date
    ) -> ActionVerdict {
        let verdict = decide(action, by: caller, on: facts, at: now)
        guard verdict.isAllowed else { return verdict }
        if action == .answerAppointment, let party = caller.party, !appointment.parties.contains(party.role) {
            return .forbidden("U bent niet uitgenodigd voor deze afspraak.")
        }
        guard appointment.status == .scheduled else {
            return .conflict("Deze afspraak is al afgezegd of er is al verslag van gedaan.")
        }
        if action == .reportAppointment && now < appointment.startsAt {
            return .notYet("Verslag doen kan pas als de afspraak is begonnen, op \(Timestamp.format(appointment.startsAt)).")
        }
        return .allowed
    }

    private static func lodgeObjection(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let party = caller.party else { return .forbidden("Alleen de werknemer en de werkgever kunnen bezwaar maken tegen een panellid.") }
        guard CaseAccessPolicy.mayActAsParty(party, facts.access) else { return .forbidden(notVerifiedYet) }
        return panelChangeStatuses.contains(facts.status)
            ? .allowed : .conflict("Bezwaar tegen een panellid kan alleen zolang het panel de zaak behandelt, vóór het concept van het oordeel.")
    }

    /// The objection itself: against a member on the panel now (else 422),
    /// within the window after that member joined, and not twice while undecided (else 409).
    public static func objection(against staffId: UUID, by caller: Caller, on facts: CaseFacts, at now: Date) -> ActionVerdict {
        let verdict = decide(.lodgeObjection, by: caller, on: facts, at: now)
        guard verdict.isAllowed, let party = caller.party else { return verdict }
        guard let joined = facts.seatsJoinedAt[staffId] else {
            return .invalid(field: "staff_id", message: "Deze persoon zit nu niet in het panel van uw zaak. Kies een lid van het panel.")
        }
        let end = facts.objectionWindowEnd(joinedAt: joined)
        guard now < end else {
            return .conflict(
                "Bezwaar tegen dit panellid kon tot en met \(Dutch.date(AmsterdamTime.date(of: end.addingTimeInterval(-1)))). Die termijn is voorbij.")
        }
        if facts.undecidedObjections.contains(UndecidedObjection(staffId: staffId, party: party.role)) {
            return .conflict("U heeft al bezwaar gemaakt tegen dit panellid. Een coördinator beslist daar eerst over.")
        }
        return .allowed
    }

    private static func stepAside(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let staff = caller.staff, facts.access.panel[staff.id] != nil else {
            return .forbidden("Alleen een lid van het panel van deze zaak kan zich terugtrekken.")
        }
        if facts.draft != nil || facts.hasRuling {
            return .conflict("Er is al een concept van het oordeel. Terugtrekken kan alleen daarvoor; neem contact op met een coördinator.")
        }
        return panelChangeStatuses.contains(facts.status)
            ? .allowed : .conflict("Terugtrekken kan alleen zolang het panel de zaak behandelt (status \(facts.status.rawValue)).")
    }

    /// What the ruling's body may hold: `comments_response` is required when a
    /// party commented on the draft, and has nothing to answer without a draft.
    public static func rulingFields(commentsResponse: Bool, _ facts: CaseFacts) -> ActionVerdict {
        guard let draft = facts.draft else {
            return commentsResponse
                ? .invalid(field: "comments_response", message: "Er was geen concept, dus er zijn geen opmerkingen om op te antwoorden.")
                : .allowed
        }
        if draft.hasComments && !commentsResponse {
            return .invalid(
                field: "comments_response",
                message: "De partijen gaven opmerkingen op het concept. Schrijf op wat u daarmee deed en waarom (20 tot 20.000 tekens).")
        }
        return .allowed
    }

    private static func commentOnDraft(_ caller: Caller, _ facts: CaseFacts, _ now: Date, medical: Bool) -> ActionVerdict {
        guard let party = caller.party else { return .forbidden(draftCommentMessage) }
        guard CaseAccessPolicy.mayActAsParty(party, facts.access) else { return .forbidden(notVerifiedYet) }
        if medical && party.role != .employee {
            return .invalid(field: "medical", message: "Alleen de werknemer kan een opmerking als medisch markeren.")
        }
        return draftOpen(facts, now)
    }

    private static func declareNoComments(_ caller: Caller, _ facts: CaseFacts, _ now: Date) -> ActionVerdict {
        guard let party = caller.party else { return .forbidden(draftCommentMessage) }
        guard CaseAccessPolicy.mayActAsParty(party, facts.access) else { return .forbidden(notVerifiedYet) }
        let open = draftOpen(facts, now)
        guard open.isAllowed else { return open }
        if facts.draft?.responses[party.role] != nil { return .conflict("U heeft al gereageerd op het concept.") }
        return .allowed
    }

    private static func draftOpen(_ facts: CaseFacts, _ now: Date) -> ActionVerdict {
        guard facts.status == .draftRuling, let draft = facts.draft else {
            return .conflict("Er is geen concept van het oordeel om op te reageren (status \(facts.status.rawValue)).")
        }
        return draft.open(at: now) ? .allowed : .conflict("De termijn om te reageren op het concept is voorbij.")
    }

    /// Why the hearing is not complete yet (contract Part 2, "Hearing both sides"), or nil.
    static func hearingWaits(_ invited: InvitedPartyFacts, now: Date) -> String? {
        let turns = invited.turns
        guard !Hearing.isComplete(turns, now: now) else { return nil }
        let (other, filer) = invited.role == .employer ? ("de werkgever", "de werknemer") : ("de werknemer", "de werkgever")
        if turns.invitedRespondedAt == nil, turns.invitedWindowEndsAt == nil {
            return "Eerst wordt \(other) gehoord. De uitnodiging gaat per brief; de termijn om te reageren begint pas "
                + "als de brief is verstuurd. Print en verstuur eerst de brief (Brieven)."
        }
        if turns.invitedRespondedAt == nil, let windowEnd = turns.invitedWindowEndsAt {
            return "Eerst wordt \(other) gehoord. Uitspraak is mogelijk vanaf \(Timestamp.format(windowEnd)) "
                + "(\(Dutch.date(AmsterdamTime.date(of: windowEnd)))), of eerder zodra \(other) heeft gereageerd "
                + "en \(filer) daarop heeft kunnen antwoorden."
        }
        let end = turns.filerWindowEndsAt ?? now
        return "\(filer.prefix(1).uppercased() + filer.dropFirst()) mag nog antwoorden op de reactie van \(other). "
            + "Uitspraak is mogelijk vanaf \(Timestamp.format(end)) (\(Dutch.date(AmsterdamTime.date(of: end)))), of eerder zodra \(filer) heeft geantwoord."
    }

    private static func withdraw(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let party = caller.party, party.isFiler else { return .forbidden(withdrawMessage) }
        return CaseTransition.withdraw.from.contains(facts.status)
            ? .allowed : .conflict("Een zaak met status \(facts.status.rawValue) kan niet meer worden ingetrokken.")
    }

    private static func appeal(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        if let party = caller.party, !CaseAccessPolicy.mayActAsParty(party, facts.access) { return .forbidden(notVerifiedYet) }
        guard facts.status == .ruled, facts.hasRuling else {
            return .conflict("Beroep kan alleen tegen een uitspraak (status \(facts.status.rawValue)).")
        }
        return facts.hasAppeal ? .conflict("Voor deze zaak is al beroep vastgelegd.") : .allowed
    }

    private static func recordAppealOutcome(_ facts: CaseFacts) -> ActionVerdict {
        guard facts.hasAppeal else { return .conflict("Voor deze zaak is geen beroep vastgelegd.") }
        return facts.hasAppealOutcome ? .conflict("De uitspraak van de rechter is al vastgelegd.") : .allowed
    }

    private static func addStatement(_ caller: Caller, _ facts: CaseFacts, medical: Bool) -> ActionVerdict {
        if CaseAccessPolicy.awaitsVerification(caller, facts.access) { return .forbidden(notVerifiedYet) }
        guard StatementPolicy.mayWrite(caller, facts.access) else { return .forbidden(statementMessage) }
        if medical && !StatementPolicy.mayMarkMedical(caller, facts.access) {
            return .invalid(field: "medical", message: "Alleen de werknemer of een arts in het panel kan een reactie als medisch markeren.")
        }
        return statementStatuses.contains(facts.status)
            ? .allowed : .conflict("Bij een zaak met status \(facts.status.rawValue) kan geen reactie meer worden gegeven.")
    }

    private static func verifyEmployee(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard CaseAccessPolicy.mayVerifyEmployee(caller, facts.access) else {
            return .forbidden("Alleen een intakemedewerker of een arts in het panel kan dit bevestigen.")
        }
        guard let invited = facts.invited, invited.role == .employee else {
            return .conflict("In deze zaak is geen werknemer uitgenodigd: de werknemer diende de vraag zelf in.")
        }
        if invited.verified { return .conflict("Dit is al bevestigd.") }
        guard invited.checkFailures < PartyCheckCode.maxFailures else {
            return .conflict(
                "Voor deze link is te vaak een verkeerde code gegeven. Bevestigen kan pas weer met een nieuwe link voor de werknemer.")
        }
        guard invited.linkOpened else {
            return .notYet("De werknemer heeft de link nog niet geopend. De code staat op de pagina die de link opent.")
        }
        return .allowed
    }

    private static func answerFollowUp(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let party = caller.party else { return .forbidden(followUpMessage) }
        return CaseAccessPolicy.mayActAsParty(party, facts.access) ? .allowed : .forbidden(notVerifiedYet)
    }

    private static func agreeToBeBound(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let party = caller.party else { return .forbidden("Alleen de werknemer en de werkgever zelf gaan akkoord met een bindend oordeel.") }
        guard CaseAccessPolicy.mayActAsParty(party, facts.access) else { return .forbidden(notVerifiedYet) }
        if facts.agreed.contains(party.role) { return .conflict("U bent al akkoord gegaan.") }
        if facts.status.isFinal || facts.hasRuling {
            return .conflict("Deze zaak is afgesloten (status \(facts.status.rawValue)). Akkoord gaan kan alleen zolang de zaak loopt.")
        }
        return .allowed
    }

    /// Consent is the employee's alone, and can be given or withdrawn at any time (AVG art. 7(3)).
    private static func changeConsent(_ caller: Caller, _ facts: CaseFacts) -> ActionVerdict {
        guard let party = caller.party, party.role == .employee else { return .forbidden(consentMessage) }
        return CaseAccessPolicy.mayActAsParty(party, facts.access) ? .allowed : .forbidden(notVerifiedYet)
    }

    private static func staffOnly(_ caller: Caller, _ roles: Set<StaffRole>, _ action: String) -> ActionVerdict {
        switch caller {
        case .anonymous: return .unauthenticated
        case .party: return .forbidden("Alleen medewerkers van het loket mogen \(action).")
        case .staff(let staff):
            return roles.contains(staff.role) ? .allowed : .forbidden("Uw rol (\(staff.role.rawValue)) mag niet \(action).")
        }
    }
}
