/// The parts of a case that every case page shows (staff, party, data and
/// ruling pages), built by `CaseView`. Property names are the templates' keys.

/// The main facts of a case. A case page's template opens `{{#summary}}` around
/// its whole text, so a key is looked up here first, then in the page's own model.
struct CaseSummaryModel: Sendable {
    let id: String
    let reference: String
    let statusLabel: String
    let caseType: String
    let employerName: String
    let employerKvk: String
    let employeeName: String
    let sickSince: String
    /// "Week 26", the next Poortwachter milestone, and whether staff should look at it first.
    let sicknessWeek: String
    let nextMilestone: String?
    let sicknessUrgent: Bool
    let question: String
    let filedAt: String
    let filerRole: String
    let physicianName: String?
    let physicianOrganisation: String?
    /// Present only when `CaseRepository` attached the medical part for this caller.
    let medical: MedicalPart?
    let triage: TriageFacts?
    let panel: [PanelMemberModel]
    let hasPanel: Bool
    let ruling: RulingFacts?
    let appeal: AppealFacts?
    let hearing: HearingFacts?
    let binding: BindingFacts
    /// The chair's draft while the parties may comment and until the ruling.
    let draftRuling: DraftRulingFacts?
}

/// `_draft.mustache`. Keys are unique to the draft, so that an absent one
/// never falls back to a key of the case or the page.
struct DraftRulingFacts: Sendable {
    let draftOutcome: String
    let draftDecision: String
    let draftMotivation: String
    /// Present only when the medical part was attached for this reader.
    let draftMedical: String?
    let draftIssuedAt: String
    /// "uiterlijk maandag 30 november 2026".
    let commentsUntil: String
    let commentsOpen: Bool
    let draftComments: [DraftCommentRow]
    let hasDraftComments: Bool
}

/// An objection to a panel member, as the case pages list it (`_objections.mustache`).
struct ObjectionRow: Sendable {
    let objectionId: String
    /// "werknemer" or "werkgever".
    let objector: String
    let member: String
    let objectionReason: String
    let lodgedOn: String
    /// "Toegewezen op …: het panellid behandelt de zaak niet meer." or "Afgewezen op …"; nil while undecided.
    let decisionText: String?
    let decisionMotivation: String?
    let undecided: Bool
}

/// An appointment, as the case pages list it (`_appointments.mustache`), with
/// the forms this reader may use on it.
struct AppointmentRow: Sendable {
    let appointmentId: String
    /// "Hoorzitting" or "Medisch onderzoek".
    let appointmentWhat: String
    let appointmentWhen: String
    let appointmentMinutes: Int
    let appointmentPlace: String?
    let appointmentLink: String?
    /// "Gepland", "Afgezegd", "Gehouden", "Niet doorgegaan".
    let appointmentState: String
    let appointmentSummary: String?
    let appointmentNotes: String?
    let cancelReason: String?
    let answers: [AnswerLine]
    let mayAnswer: Bool
    let mayCancel: Bool
    let mayReport: Bool

    struct AnswerLine: Sendable {
        let answerLine: String
    }
}

struct DraftCommentRow: Sendable {
    let commenter: String
    /// Nil for "no comments".
    let commentText: String?
    let commentAt: String
    let commentMedical: Bool
}

/// Whether the ruling can bind, and who agreed to be bound.
struct BindingFacts: Sendable {
    let byStatute: Bool
    /// "akkoord op 23 november 2026, 10:00" or "nog niet akkoord".
    let employee: String
    let employer: String
    let bothAgreed: Bool
}

struct MedicalPart: Sendable {
    let information: String
    let hasInformation: Bool
}

struct TriageFacts: Sendable {
    let decision: String
    let motivation: String
    let at: String
    /// The disciplines asked for, joined; nil when none were.
    let disciplines: String?
}

/// A member of the panel of a case or of a ruling.
struct PanelMemberModel: Sendable {
    let name: String
    let discipline: String
    let chair: Bool
}

/// `ruling-print.mustache`: the ruling, to print.
struct RulingPrintPage: PageModel {
    static let template = "ruling-print"
    let summary: CaseSummaryModel
}

/// `_ruling.mustache`.
struct RulingFacts: Sendable {
    /// "Bindend oordeel" or "Advies": a ruling binds only by agreement of both parties, or by statute.
    let title: String
    let binding: Bool
    /// What that means for the parties, in one or two sentences.
    let meaning: String
    /// "uiterlijk <weekdag> <datum>": the last day to ask a court to review it.
    let appealUntil: String?
    /// When a court set it aside: says so wherever the ruling is shown.
    let setAsideOn: String?
    let outcome: String
    let decision: String
    let motivation: String
    let decidedAt: String
    let digest: String
    let panel: [PanelMemberModel]
    let medicalConsiderations: String?
    /// What the panel did with the comments on its draft.
    let commentsResponse: String?
}

struct AppealFacts: Sendable {
    let court: String
    let lodgedOn: String
    /// What the court decided, once recorded. Named so that no key inside it
    /// falls back to the page's own keys (`summary` is the whole case) when absent.
    let courtOutcome: CourtOutcomeFacts?
}

struct CourtOutcomeFacts: Sendable {
    let label: String
    let decidedOn: String
    let courtSummary: String
}

struct HearingFacts: Sendable {
    let party: String
    let windowEnds: String
    let responded: String
    let hasResponded: Bool
    /// Until when the filer may answer the response, in words ("uiterlijk maandag 14 december 2026"); nil before it.
    let replyUntil: String?
    let complete: Bool
}

/// A row of `_deadlines.mustache`.
struct DeadlineRow: Sendable {
    let stage: String
    let preferredBy: String
    let dueBy: String
    let state: String
    let stateLabel: String
}

/// A step of `_steps.mustache`.
struct StepRow: Sendable {
    let label: String
    let state: String
    let isCurrent: Bool
    let date: String?
    let expected: String?
}

/// A line of a case's history.
struct EventRow: Sendable {
    let label: String
    let at: String
    let who: String
}

struct StatementRow: Sendable {
    let author: String
    let text: String
    let at: String
    let medical: Bool
}

/// The parties' contact details, for the staff who reach them.
struct ContactsPart: Sendable {
    let filerRole: String
    let filerName: String
    let filerEmail: String
    let otherRole: String
    /// Nil when no e-mail address is known ("geen e-mailadres").
    let otherEmail: String?
    let otherAddress: [String]
    let hasOtherAddress: Bool
    let sameDomain: Bool
    let invited: Bool
    /// Only for an invited party; nil while not verified or not used.
    let verified: String?
    let firstUsed: String?
}

/// An error list above a form: `{{#xErrors}}…{{#items}}…{{/items}}…{{/xErrors}}`; nil when the form has none.
struct FormErrors: Sendable {
    let items: [FormErrorItem]

    init?(_ items: [FormErrorItem]) {
        guard !items.isEmpty else { return nil }
        self.items = items
    }
}

struct FormErrorItem: Sendable {
    let message: String
    /// The link to the field, `#veld-…`.
    let href: String
    /// The field's label, where the form shows it.
    var field: String? = nil
}

/// A choice in a `<select>`.
struct SelectOption: Sendable {
    let value: String
    let label: String
    var selected = false
}

/// A radio button or checkbox.
struct CheckOption: Sendable {
    let value: String
    let label: String
    var checked = false
}
