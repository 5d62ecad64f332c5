/// The models of the staff pages for logging in, the work queue and a case.

/// `staff-login.mustache`.
struct StaffLoginPage: PageModel {
    static let template = "staff-login"
    let csrf: String
    let back: String
    var email: String? = nil
    var message: String? = nil
    var error: String? = nil
}

/// `staff-otp.mustache`: the code from the app, and linking the app on first use.
struct StaffCodePage: PageModel {
    static let template = "staff-otp"
    let challenge: String
    let csrf: String
    let back: String
    let enrol: Enrolment?
    let error: String?

    struct Enrolment: Sendable {
        let secret: String
        let uri: String
        /// The secret in groups of four, easier to type over.
        let groups: String
    }
}

/// `staff-recovery-codes.mustache`.
struct RecoveryCodesPage: PageModel {
    static let template = "staff-recovery-codes"
    let codes: [String]
    let back: String
}

/// `staff-queue.mustache`.
struct WorkQueuePage: PageModel {
    static let template = "staff-queue"
    let heading: String
    /// What just happened (after stepping aside from a case).
    let queueMessage: String?
    let items: [Row]
    let hasItems: Bool
    let filters: [SelectOption]
    /// The link to the next page of cases; nil on the last page.
    let next: String?

    struct Row: Sendable {
        let id: String
        let reference: String
        let status: String
        let caseType: String
        let filedAt: String
        /// The next deadline; `urgency` and `urgencyLabel` come with it.
        let dueBy: String?
        let urgency: String?
        let urgencyLabel: String?
        /// "Week 26", the next milestone with its date, and whether to look at it first.
        let sicknessWeek: String
        let nextMilestone: String?
        let sicknessUrgent: Bool
    }
}

/// `staff-case.mustache`: the case with the forms this staff member may use now.
/// The chair's form for a draft or the ruling: the same fields, a different step.
struct RulingForm: Sendable {
    let formTitle: String
    let formIntro: String
    let formPath: String
    let formButton: String
    /// After comments on the draft, the ruling says what the panel did with them.
    let askCommentsResponse: Bool

    static func draft(windowDays: Int) -> RulingForm {
        RulingForm(
            formTitle: "Concept van het oordeel maken",
            formIntro: "De partijen lezen het concept en kunnen \(windowDays) werkdagen lang feitelijke fouten aanwijzen. Daarna legt u het oordeel vast.",
            formPath: "concept", formButton: "Concept versturen", askCommentsResponse: false)
    }

    static func ruling(afterComments: Bool) -> RulingForm {
        RulingForm(
            formTitle: "Oordeel vastleggen",
            formIntro: afterComments
                ? "De partijen gaven opmerkingen op het concept. Schrijf op wat u daarmee deed en waarom."
                : "Het oordeel ligt daarna vast en wordt nooit meer gewijzigd.",
            formPath: "uitspraak", formButton: "Oordeel vastleggen", askCommentsResponse: afterComments)
    }
}

struct StaffCasePage: PageModel {
    static let template = "staff-case"
    let summary: CaseSummaryModel
    let caseFile: CaseFilePart
    /// The employee's consents, for staff who see medical fields.
    let consent: ConsentPart?
    let csrf: String
    let message: String?
    let steps: [StepRow]
    let deadlines: [DeadlineRow]
    let events: [EventRow]
    let statements: [StatementRow]
    let hasStatements: Bool
    /// For staff who may see the parties' contact details.
    let contacts: ContactsPart?
    let otherParty: OtherPartyForm?

    // What this staff member may do now; each shows its form.
    let mayTriage: Bool
    let mayVerifyEmployee: Bool
    /// Why verifying must wait (the link was not opened yet).
    let verifyWaitsFor: String?
    let mayRule: Bool
    let objections: [ObjectionRow]
    let hasObjections: Bool
    /// Coordinators and admins decide undecided objections here.
    let mayDecideObjections: Bool
    let mayStepAside: Bool
    let appointments: [AppointmentRow]
    let hasAppointments: Bool
    /// The chair or a coordinator plans a hearing or an examination.
    let mayPlanAppointment: Bool
    /// The panel's physicians, who may examine the employee.
    let examiners: [SelectOption]
    /// The chair's form: the draft, or the ruling (nil when neither is possible now).
    let rulingForm: RulingForm?
    /// Why the ruling must wait (the other side is still to be heard).
    let ruleWaitsFor: String?
    let mayAddStatement: Bool
    let mayMarkMedical: Bool
    let mayChangePanel: Bool
    let mayAppeal: Bool
    let mayRecordAppealOutcome: Bool
    let appealOutcomes: [CheckOption]
    /// Staff record the day the employee returned to work (after the ruling); the day already known, if any.
    let mayRecordReturn: Bool
    let returnedOn: String?

    // The forms' choices, and what a re-shown form keeps.
    let caseTypes: [SelectOption]
    let disciplines: [CheckOption]
    let outcomes: [CheckOption]
    let channels: [CheckOption]
    let panelMembers: [PanelMemberOption]
    let checked: Checked
    /// What was typed, by field name, for a re-shown form.
    let values: [String: String]
    let today: String

    // Each form's errors.
    let verificationErrors: FormErrors?
    let triageErrors: FormErrors?
    let rulingErrors: FormErrors?
    let objectionErrors: FormErrors?
    let stepAsideErrors: FormErrors?
    let appointmentErrors: FormErrors?
    let statementErrors: FormErrors?
    let panelErrors: FormErrors?
    let appealErrors: FormErrors?
    let appealOutcomeErrors: FormErrors?
    let returnErrors: FormErrors?

    /// The triage form's contact fields for the other party.
    struct OtherPartyForm: Sendable {
        let role: String
        let email: String
        let street: String
        let postalCode: String
        let city: String
    }

    struct PanelMemberOption: Sendable {
        let id: String
        let name: String
        let discipline: String
    }

    /// Radio buttons and checkboxes of a re-shown form.
    struct Checked: Sendable {
        let accept: Bool
        let refer: Bool
        let answer: Bool
        let exhausted: Bool
        let medical: Bool
        let addDiscipline: Bool
        let replaceMember: Bool
    }
}
