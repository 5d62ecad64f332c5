import EenloketDomain
import EenloketStore
import Foundation

/// What a case page shows, built from the same records the API returns: the
/// medical part is present only when `CaseRepository` attached it for this caller.
enum CaseView {
    /// The main facts of a case.
    static func summary(_ r: CaseRecord, now: Date) -> CaseSummaryModel {
        CaseSummaryModel(
            id: r.id.lowercased, reference: r.reference, statusLabel: Labels.status(r.status),
            caseType: Labels.caseType(r.caseType), employerName: r.employerName, employerKvk: r.employerKvk,
            employeeName: r.employeeName, sickSince: Labels.date(r.sickSince),
            sicknessWeek: "Week \(r.sickness.week(on: AmsterdamTime.date(of: now)))",
            nextMilestone: nextMilestone(r.sickness, today: AmsterdamTime.date(of: now)),
            sicknessUrgent: r.sickness.isUrgent(on: AmsterdamTime.date(of: now)), question: r.question,
            filedAt: Labels.moment(r.createdAt), filerRole: Labels.role(r.filerRole.rawValue),
            physicianName: r.physicianName, physicianOrganisation: r.physicianOrganisation,
            medical: r.medical.map { MedicalPart(information: $0.medicalInformation ?? "", hasInformation: $0.medicalInformation != nil) },
            triage: r.triage.map { triage in
                TriageFacts(
                    decision: ["accept": "Aangenomen", "refer": "Doorverwezen", "answer": "Beantwoord"][triage.decision.rawValue] ?? "",
                    motivation: triage.motivation, at: Labels.moment(triage.triagedAt),
                    disciplines: triage.disciplines.isEmpty ? nil : triage.disciplines.map(Labels.discipline).joined(separator: ", "))
            },
            panel: r.panel.map { PanelMemberModel(name: $0.name, discipline: Labels.discipline($0.discipline), chair: $0.chair) },
            hasPanel: !r.panel.isEmpty,
            ruling: r.ruling.map { ruling($0, basis: r.binding.basis, medical: r.medical, appeal: r.appeal) },
            appeal: r.appeal.map {
                AppealFacts(
                    court: $0.court, lodgedOn: Labels.date($0.lodgedOn),
                    courtOutcome: $0.outcome.map {
                        CourtOutcomeFacts(label: Labels.appealOutcome($0.outcome), decidedOn: Labels.date($0.decidedOn), courtSummary: $0.summary)
                    })
            },
            hearing: r.hearing.map { hearing in
                HearingFacts(
                    party: Labels.role(hearing.party.rawValue).lowercased(), windowEnds: hearing.windowEndsAt.map(Dutch.until)
                        ?? "zodra de uitnodigingsbrief is verstuurd. De termijn staat daarna hier",
                    responded: hearing.respondedAt.map(Labels.moment) ?? "", hasResponded: hearing.respondedAt != nil,
                    replyUntil: hearing.replyOpen(at: now) ? hearing.filerWindowEndsAt.map(Dutch.until) : nil,
                    complete: Hearing.isComplete(hearing.turns, now: now))
            },
            binding: binding(r.binding),
            draftRuling: r.ruling == nil ? r.draft.map { draft($0, showMedical: r.medical != nil, now: now) } : nil)
    }

    /// Appointments with the forms `may` allows on each.
    static func appointments(_ items: [AppointmentRecord], may: (CaseAction, AppointmentFacts) -> Bool) -> [AppointmentRow] {
        items.map { a in
            let state: String
            switch a.status {
            case .scheduled: state = "Gepland. De uitgenodigde partijen krijgen een dag van tevoren een herinnering."
            case .cancelled: state = "Afgezegd" + (a.cancelledAt.map { " op \(Labels.moment($0))" } ?? "") + "."
            case .held: state = "Gehouden."
            case .notHeld: state = "Niet doorgegaan."
            }
            return AppointmentRow(
                appointmentId: a.id.lowercased, appointmentWhat: a.kind == .hearing ? "Hoorzitting" : "Medisch onderzoek",
                appointmentWhen: Labels.moment(a.startsAt), appointmentMinutes: a.durationMinutes, appointmentPlace: a.location,
                appointmentLink: a.onlineURL, appointmentState: state, appointmentSummary: a.summary, appointmentNotes: a.medicalNotes,
                cancelReason: a.cancelReason,
                answers: PartyRole.allCases.compactMap { party in
                    a.responses[party].map {
                        AppointmentRow.AnswerLine(
                            answerLine: "\(Labels.role(party.rawValue)): \($0.attending ? "komt" : "komt niet")" + ($0.note.map { " (\($0))" } ?? ""))
                    }
                },
                mayAnswer: may(.answerAppointment, a.facts), mayCancel: may(.cancelAppointment, a.facts),
                mayReport: may(.reportAppointment, a.facts))
        }
    }

    static func objections(_ objections: [ObjectionRecord]) -> [ObjectionRow] {
        objections.map { o in
            ObjectionRow(
                objectionId: o.id.lowercased, objector: Labels.role(o.party.rawValue).lowercased(), member: o.staffName,
                objectionReason: o.reason, lodgedOn: Labels.moment(o.lodgedAt),
                decisionText: o.decision.map {
                    $0.upheld
                        ? "Toegewezen op \(Labels.moment($0.decidedAt)): dit panellid behandelt de zaak niet meer."
                        : "Afgewezen op \(Labels.moment($0.decidedAt)): dit panellid blijft in het panel."
                },
                decisionMotivation: o.decision?.motivation, undecided: o.decision == nil)
        }
    }

    static func draft(_ d: DraftRecord, showMedical: Bool, now: Date) -> DraftRulingFacts {
        DraftRulingFacts(
            draftOutcome: Labels.outcome(d.outcome), draftDecision: d.decision, draftMotivation: d.motivation,
            draftMedical: showMedical ? d.medicalConsiderations : nil, draftIssuedAt: Labels.moment(d.issuedAt),
            commentsUntil: Dutch.until(d.commentsUntil), commentsOpen: d.facts.open(at: now),
            draftComments: d.comments.map {
                DraftCommentRow(
                    commenter: Labels.role($0.party.rawValue), commentText: $0.text, commentAt: Labels.moment($0.createdAt),
                    commentMedical: $0.medical)
            },
            hasDraftComments: !d.comments.isEmpty)
    }

    /// A text's paragraphs (separated by blank lines or line breaks), for `<p>` elements.
    static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func binding(_ b: BindingRecord) -> BindingFacts {
        func agreed(_ party: PartyRole) -> String { b.agreedAt(party).map { "akkoord op \(Labels.moment($0))" } ?? "nog niet akkoord" }
        return BindingFacts(
            byStatute: b.basis == .statute, employee: agreed(.employee), employer: agreed(.employer),
            bothAgreed: b.employeeAgreedAt != nil && b.employerAgreedAt != nil)
    }

    static func ruling(_ ruling: RulingRecord, basis: BindingBasis, medical: MedicalFields?, appeal: AppealRecord?) -> RulingFacts {
        let meaning: String
        switch (ruling.binding, basis) {
        case (true, .statute):
            meaning = "Dit oordeel is bindend, omdat de wet dat zegt. U houdt zich er allebei aan."
        case (true, .agreement):
            meaning = "Dit oordeel is bindend: u heeft allebei vooraf afgesproken dat u zich eraan houdt."
        case (false, _):
            meaning = "Dit is een advies. Het is niet bindend, omdat niet allebei de partijen vooraf akkoord gingen met een bindend oordeel."
        }
        return RulingFacts(
            title: ruling.binding ? "Bindend oordeel" : "Advies", binding: ruling.binding, meaning: meaning,
            appealUntil: ruling.binding ? ruling.appealWindowEndsOn.map { "uiterlijk " + Dutch.date($0) } : nil,
            setAsideOn: appeal?.outcome.flatMap { $0.outcome == .setAside ? Labels.date($0.decidedOn) : nil },
            outcome: Labels.outcome(ruling.outcome), decision: ruling.decision, motivation: ruling.motivation,
            decidedAt: Labels.moment(ruling.decidedAt), digest: ruling.digest,
            panel: ruling.panel.map { PanelMemberModel(name: $0.name, discipline: Labels.discipline($0.discipline), chair: $0.chair) },
            medicalConsiderations: medical?.medicalConsiderations, commentsResponse: ruling.commentsResponse)
    }

    /// Deadlines with their state today: met, on time, past the preferred moment, past due.
    static func deadlines(_ r: CaseRecord, today: LocalDate) -> [DeadlineRow] {
        r.deadlines.map { d in
            let state: String
            let label: String
            if let met = d.metAt {
                state = "met"
                label = "Klaar op \(Labels.moment(met))"
            } else if r.status.isFinal {
                state = "closed"
                label = "Niet meer nodig"
            } else if today > d.dueBy {
                state = "past-due"
                label = "Termijn verstreken"
            } else if today > d.preferredBy {
                state = "past-preferred"
                label = "Later dan gewenst"
            } else {
                state = "on-time"
                label = "Op tijd"
            }
            return DeadlineRow(
                stage: Labels.stage(d.stage), preferredBy: Labels.date(d.preferredBy), dueBy: Labels.date(d.dueBy),
                state: state, stateLabel: label)
        }
    }

    /// The steps of the process with where this case is now, for the visual timeline.
    static func steps(_ r: CaseRecord) -> [StepRow] {
        let order: [(String, String)] = [
            ("submitted", "Vraag ingediend"), ("triage", "Vraag beoordeeld"), ("panel", "Panel samengesteld"),
            ("ruling", "Oordeel"),
        ]
        let reached: Int
        switch r.status {
        case .submitted: reached = 0
        case .awaitingPanel: reached = 1
        case .inReview, .draftRuling: reached = 2
        case .ruled: reached = 3
        case .referred, .answered: reached = 1
        case .withdrawn: reached = r.triage == nil ? 0 : (r.panel.isEmpty ? 1 : 2)
        }
        var dates: [String: String] = ["submitted": Labels.moment(r.createdAt)]
        if let t = r.triage { dates["triage"] = Labels.moment(t.triagedAt) }
        for d in r.deadlines {
            if let met = d.metAt {
                if d.stage == .panel { dates["panel"] = Labels.moment(met) }
                if d.stage == .ruling { dates["ruling"] = Labels.moment(met) }
            }
        }
        let ends = r.status == .referred || r.status == .answered || r.status == .withdrawn
        return order.enumerated().compactMap { index, step in
            if ends && index > reached { return nil }
            let state = index < reached ? "done" : (index == reached ? (r.status.isFinal ? "done" : "current") : "next")
            let deadline = r.deadlines.first { $0.stage.rawValue == step.0 }
            return StepRow(
                label: step.1, state: state, isCurrent: state == "current", date: dates[step.0],
                expected: deadline.flatMap { $0.metAt == nil && !r.status.isFinal ? "Uiterlijk \(Labels.date($0.dueBy))" : nil })
        }
    }

    /// The parties' contact details, for the staff who reach them, with a
    /// warning when the other party's address is at the filer's mail domain.
    static func contacts(_ contacts: CaseContacts, record r: CaseRecord) -> ContactsPart {
        let filer = contacts.parties.first(where: \.isFiler)
        let invited = contacts.parties.first { !$0.isFiler }
        let otherAddress = (invited?.address ?? contacts.otherPartyAddress)?.lines ?? []
        return ContactsPart(
            filerRole: Labels.role(r.filerRole.rawValue), filerName: filer?.name ?? "", filerEmail: filer?.email ?? "",
            otherRole: Labels.role(r.filerRole.other.rawValue), otherEmail: invited?.email ?? contacts.otherPartyEmail,
            otherAddress: otherAddress, hasOtherAddress: !otherAddress.isEmpty,
            sameDomain: ContactRules.sharesDomain(otherEmail: invited?.email ?? contacts.otherPartyEmail, filerEmail: filer?.email),
            invited: invited != nil, verified: invited?.verifiedAt.map(Labels.moment), firstUsed: invited?.firstUsedAt.map(Labels.moment))
    }

    static func events(_ events: [CaseEvent]) -> [EventRow] {
        events.map { EventRow(label: Labels.event($0.type), at: Labels.moment($0.at), who: Labels.role($0.actorRole)) }
    }

    static func statements(_ statements: [StatementRecord]) -> [StatementRow] {
        statements.map { StatementRow(author: Labels.role($0.authorRole), text: $0.text, at: Labels.moment($0.createdAt), medical: $0.medical) }
    }
}

extension CaseView {
    /// "Volgende: Plan van aanpak (week 8), 20 april 2026"; nil when no milestone is left.
    static func nextMilestone(_ period: SicknessPeriod, today: LocalDate) -> String? {
        period.nextMilestone(after: today).map { "Volgende: \(Labels.milestone($0.milestone)) (week \($0.milestone.week)), \(Labels.date($0.on))" }
    }
}
