/// The models of the statements a Dutch public service publishes.

/// `accessibility.mustache`: the *toegankelijkheidsverklaring*.
struct AccessibilityStatementPage: PageModel {
    static let template = "accessibility"
    /// Who runs this Eenloket and how to report a problem.
    let organisation: String
    let contactEmail: String
    /// The axe-core version the test command runs, and the API version the statement belongs to.
    let axeVersion: String
    let version: String
}

/// `privacy.mustache`: the *privacyverklaring*.
struct PrivacyStatementPage: PageModel {
    static let template = "privacy"
    let organisation: String
    let contactEmail: String
    let privacyOfficerEmail: String
    let contactURL: String
    /// How long personal data and the medical file are kept, in words.
    let retention: String
    /// Whether rulings bind by the parties' agreement (then that agreement is also a legal basis).
    let byAgreement: Bool
}
