/// The models of the public pages: the start page, filing a question, and errors.

/// `filing-choose.mustache`: shows no values of its own.
struct ChooseRolePage: PageModel {
    static let template = "filing-choose"
}

/// `home.mustache`.
struct HomePage: PageModel {
    static let template = "home"
    let message: String?
    /// What the procedure costs, in one sentence.
    let costSentence: String
    /// Whether rulings bind by law (else by the parties' agreement).
    let byStatute: Bool
    /// Whether the panel sends a draft first, and for how many working days parties may comment.
    let hasDraftStep: Bool
    let draftWindowDays: Int
}

/// `error.mustache`: every failure shown as a page.
struct ErrorPage: PageModel {
    static let template = "error"
    let heading: String
    let text: String
    /// Whether a lost or replaced private link may be why: then the page offers "Link kwijt?".
    var lostLink = false
}

/// `filing-form.mustache`.
struct FilingFormPage: PageModel {
    static let template = "filing-form"
    let isEmployee: Bool
    /// `werknemer` or `werkgever`, the form's address.
    let roleSlug: String
    let csrf: String
    let idempotencyKey: String
    let fields: Fields
    let errorSummary: [ErrorSummaryItem]
    let hasErrors: Bool
    /// The agreement to be bound, by paragraph; whether the box was ticked; what it costs.
    let agreementParagraphs: [String]
    let agreeChecked: Bool
    let costSentence: String
    let byStatute: Bool

    struct Fields: Sendable {
        /// The fields shown through `_field.mustache`, in order.
        let list: [Field]
        let question: Field
        let medicalInformation: Field
    }

    /// `_field.mustache`.
    struct Field: Sendable {
        let name: String
        let id: String
        let label: String
        let type: String
        let value: String
        let required: Bool
        let hintId: String
        let errorId: String
        let hint: String?
        let error: String?
        let autocomplete: String?
    }

    /// `_error-summary.mustache`.
    struct ErrorSummaryItem: Sendable {
        let href: String
        let message: String
        let label: String
    }
}

/// `filing-done.mustache`: the private link, shown once.
struct FilingDonePage: PageModel {
    static let template = "filing-done"
    let reference: String
    let link: String
    let token: String
    let isEmployee: Bool
    let csrf: String
}
