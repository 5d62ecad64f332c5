import EenloketDomain
import EenloketStore
import Foundation

/// What a case page shows, built from the same records the API returns: the
/// medical part is present only when `CaseRepository` attached it for this caller.
enum CaseView {
    /// The main facts of a case.
    static func summary(_ r: CaseRecord) -> [String: Any] {
        var v: [String: Any] = [
            "id": r.id.lowercased, "reference": r.reference, "status": r.status.rawValue, "statusLabel": Labels.status(r.status),
            "caseType": Labels.caseType(r.caseType), "employerName": r.employerName, "employerKvk": r.employerKvk,
            "employeeName": r.employeeName, "sickSince": Labels.date(r.sickSince), "question": r.question,
            "filedAt": Labels.moment(r.createdAt), "filerRole": Labels.role(r.filerRole.rawValue),
        ]
        if let name = r.physicianName { v["physicianName"] = name }
        if let org = r.physicianOrganisation { v["physicianOrganisation"] = org }
        if let medical = r.medical {
            v["medical"] = ["information": medical.medicalInformation ?? "", "hasInformation": medical.medicalInformation != nil]
        }
        if let triage = r.triage {
            v["triage"] = [
                "decision": ["accept": "Aangenomen", "refer": "Doorverwezen", "answer": "Beantwoord"][triage.decision.rawValue] ?? "",
                "motivation": triage.motivation, "at": Labels.moment(triage.triagedAt),
                "disciplines": triage.disciplines.map(Labels.discipline).joined(separator: ", "),
            ]
        }
        v["panel"] = r.panel.map { ["name": $0.name, "discipline": Labels.discipline($0.discipline), "chair": $0.chair] }
        v["hasPanel"] = !r.panel.isEmpty
        if let ruling = r.ruling { v["ruling"] = rulingValues(ruling, caseId: r.id, medical: r.medical) }
        if let appeal = r.appeal {
            v["appeal"] = ["court": appeal.court, "lodgedOn": Labels.date(appeal.lodgedOn)]
        }
        if let hearing = r.hearing {
            v["hearing"] = [
                "party": Labels.role(hearing.party.rawValue).lowercased(), "windowEnds": Labels.moment(hearing.windowEndsAt),
                "responded": hearing.respondedAt.map(Labels.moment) ?? "",
                "hasResponded": hearing.respondedAt != nil,
            ]
        }
        return v
    }

    static func rulingValues(_ ruling: RulingRecord, caseId: UUID, medical: MedicalFields?) -> [String: Any] {
        var v: [String: Any] = [
            "outcome": Labels.outcome(ruling.outcome), "decision": ruling.decision, "motivation": ruling.motivation,
            "decidedAt": Labels.moment(ruling.decidedAt), "digest": ruling.digest,
            "panel": ruling.panel.map { ["name": $0.name, "discipline": Labels.discipline($0.discipline), "chair": $0.chair] },
        ]
        if let considerations = medical?.medicalConsiderations { v["medicalConsiderations"] = considerations }
        return v
    }

    /// Deadlines with their state today: met, on time, past the preferred moment, past due.
    static func deadlines(_ r: CaseRecord, today: LocalDate) -> [[String: Any]] {
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
            return [
                "stage": Labels.stage(d.stage), "preferredBy": Labels.date(d.preferredBy), "dueBy": Labels.date(d.dueBy),
                "state": state, "stateLabel": label,
            ]
        }
    }

    /// The steps of the process with where this case is now, for the visual timeline.
    static func steps(_ r: CaseRecord) -> [[String: Any]] {
        let order: [(String, String)] = [
            ("submitted", "Vraag ingediend"), ("triage", "Vraag beoordeeld"), ("panel", "Panel samengesteld"),
            ("ruling", "Bindend oordeel"),
        ]
        let reached: Int
        switch r.status {
        case .submitted: reached = 0
        case .awaitingPanel: reached = 1
        case .inReview: reached = 2
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
            var v: [String: Any] = ["label": step.1, "state": state, "isCurrent": state == "current"]
            if let date = dates[step.0] { v["date"] = date }
            if let deadline = r.deadlines.first(where: { $0.stage.rawValue == step.0 }), deadline.metAt == nil, !r.status.isFinal {
                v["expected"] = "Uiterlijk \(Labels.date(deadline.dueBy))"
            }
            return v
        }
    }

    /// The parties' contact details, for the staff who reach them, with a
    /// warning when the other party's address is at the filer's mail domain.
    static func contacts(_ contacts: CaseContacts, record r: CaseRecord) -> [String: Any] {
        let filer = contacts.parties.first(where: \.isFiler)
        let invited = contacts.parties.first { !$0.isFiler }
        let other = r.filerRole.other
        var v: [String: Any] = [
            "filerRole": Labels.role(r.filerRole.rawValue), "filerName": filer?.name ?? "", "filerEmail": filer?.email ?? "",
            "otherRole": Labels.role(other.rawValue), "otherEmail": invited?.email ?? contacts.otherPartyEmail ?? "",
            "otherAddress": (invited?.address ?? contacts.otherPartyAddress)?.lines ?? [],
            "sameDomain": ContactRules.sharesDomain(
                otherEmail: invited?.email ?? contacts.otherPartyEmail, filerEmail: filer?.email),
            "invited": invited != nil,
        ]
        v["hasOtherAddress"] = !((v["otherAddress"] as? [String]) ?? []).isEmpty
        if let invited {
            v["verified"] = invited.verifiedAt.map(Labels.moment) ?? ""
            v["firstUsed"] = invited.firstUsedAt.map(Labels.moment) ?? ""
        }
        return v
    }

    static func events(_ events: [CaseEvent]) -> [[String: Any]] {
        events.map { e in
            ["label": Labels.event(e.type), "at": Labels.moment(e.at), "who": Labels.role(e.actorRole)]
        }
    }

    static func statements(_ statements: [StatementRecord]) -> [[String: Any]] {
        statements.map { s in
            ["author": Labels.role(s.authorRole), "text": s.text, "at": Labels.moment(s.createdAt), "medical": s.medical]
        }
    }
}
