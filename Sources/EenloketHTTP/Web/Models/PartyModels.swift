/// The models of a party's own pages: its case, its data, and withdrawing.

/// `case-open.mustache`: the button behind the private link.
struct CaseOpenPage: PageModel {
    static let template = "case-open"
    let csrf: String
    let link: String
}

/// `case-party.mustache`: the case as the party sees it, with what the party may do now.
struct PartyCasePage: PageModel {
    static let template = "case-party"
    let summary: CaseSummaryModel
    let csrf: String
    let message: String?
    let youAre: String
    let isEmployee: Bool
    let isFiler: Bool
    /// An invited employee's code, shown until staff verified that the link reached them.
    let checkCode: String
    let awaitingVerification: Bool
    let steps: [StepRow]
    let deadlines: [DeadlineRow]
    let events: [EventRow]
    let statements: [StatementRow]
    let hasStatements: Bool
    let followUps: [FollowUpForm]
    let hasFollowUps: Bool

    // What the party may do now; each shows its form.
    let mayAddStatement: Bool
    let mayWithdraw: Bool
    let mayAppeal: Bool
    let mayAgree: Bool
    let mayCommentOnDraft: Bool
    let appointments: [AppointmentRow]
    let hasAppointments: Bool
    /// Objections on this case, and the members a party may still object to (their window is open).
    let objections: [ObjectionRow]
    let hasObjections: Bool
    let objectable: [SelectOption]
    let mayObject: Bool
    let mayDeclareNoComments: Bool
    /// The agreement's text, by paragraph.
    let agreementParagraphs: [String]
    let caseFile: CaseFilePart
    /// The employee's consents (nil for the employer).
    let consent: ConsentPart?

    /// What was typed, by field name, for a re-shown form.
    let values: [String: String]
    let today: String

    // Each form's errors.
    let statementErrors: FormErrors?
    let appealErrors: FormErrors?
    let followUpErrors: FormErrors?
    let agreementErrors: FormErrors?
    let draftErrors: FormErrors?
    let objectionErrors: FormErrors?

    /// An open after-care questionnaire.
    struct FollowUpForm: Sendable {
        let id: String
        let number: Int
        let answerBy: String
        /// The first check-in asks when work resumed; the rest count from that day.
        var asksReturn = false
    }
}

/// `case-data.mustache`: all the party may see of its case, as a page.
struct PartyDataPage: PageModel {
    static let template = "case-data"
    let summary: CaseSummaryModel
    let youAre: String
    let isFiler: Bool
    let contactName: String?
    let contactEmail: String?
    let contactAddress: [String]
    let hasContactAddress: Bool
    let events: [EventRow]
    let statements: [StatementRow]
    let hasStatements: Bool
    let answers: [Answer]
    let hasAnswers: Bool
    /// The documents the party may see, with their download links.
    let documents: [DocumentRow]
    let hasDocuments: Bool
    let retention: String

    /// An after-care questionnaire answered or missed.
    struct Answer: Sendable {
        let number: Int
        let state: String
        let remarks: String?
    }
}

/// `case-withdraw.mustache`.
struct WithdrawPage: PageModel {
    static let template = "case-withdraw"
    let reference: String
    let csrf: String
}
