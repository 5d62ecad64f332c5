/// The models of the pages for running the pool: letters, panel members,
/// escalations and the supervision dashboard.

/// `staff-letters.mustache`.
struct LettersPage: PageModel {
    static let template = "staff-letters"
    let csrf: String
    let items: [Letter]
    let hasItems: Bool
    let printed: [Letter]
    let hasPrinted: Bool

    struct Letter: Sendable {
        let id: Int64
        let reference: String
        let recipient: String
        let kind: String
        let createdAt: String
        let sentAt: String
        /// Why printing it again was refused.
        let error: String?
        /// The reasons to choose from for printing it again.
        let reasons: [CheckOption]
    }
}

/// `letter-print.mustache`.
struct LetterPrintPage: PageModel {
    static let template = "letter-print"
    let recipient: String
    let subject: String
    let address: [String]
    let paragraphs: [Paragraph]

    struct Paragraph: Sendable {
        let lines: [String]
    }
}

/// `staff-panel.mustache`.
struct PanelMembersPage: PageModel {
    static let template = "staff-panel"
    let csrf: String
    let items: [Member]
    let hasItems: Bool
    let today: String
    /// What was typed in the new member's form, by field name with `_` for `.`.
    let values: [String: String]
    let disciplines: [SelectOption]
    let errors: [FormErrorItem]
    let hasErrors: Bool

    struct Member: Sendable {
        let id: String
        let name: String
        let email: String
        let discipline: String
        let maxOpenCases: Int
        let openCases: Int
        let active: Bool
        let absent: Bool
        let awaiting: Bool
        /// The member's ties to organisations, joined; nil when none.
        let affiliations: String?
    }
}

/// `staff-escalations.mustache`.
/// `staff-objections.mustache`: undecided objections to panel members.
struct ObjectionsPage: PageModel {
    static let template = "staff-objections"
    let items: [Item]
    let hasItems: Bool

    struct Item: Sendable {
        let caseId: String
        let reference: String
        let member: String
        let objector: String
        let lodgedOn: String
        let objectionReason: String
    }
}

struct EscalationsPage: PageModel {
    static let template = "staff-escalations"
    let csrf: String
    let items: [Escalation]
    let hasItems: Bool

    struct Escalation: Sendable {
        let id: Int64
        let caseId: String
        let reference: String
        let detail: String
        let createdAt: String
    }
}

/// `staff-supervision.mustache`: aggregate figures only; charts are SVG, placed unescaped.
struct SupervisionPage: PageModel {
    static let template = "staff-supervision"
    let threshold: Int
    let monthly: String
    let outcomes: String
    let onTime: String
    let employers: String
    let hasEmployers: Bool
    let median: String
    let hasMedian: Bool
    /// The share of rulings carried out; nil while too few answers to show it.
    let carriedOut: String?
}
