/// The models of the account pages: admins' list and account page, everyone's own password.

/// `staff-accounts.mustache`.
struct AccountsPage: PageModel {
    static let template = "staff-accounts"
    let items: [Row]

    struct Row: Sendable {
        let id: String
        let name: String
        let email: String
        let role: String
        let active: Bool
        /// Created by a coordinator, waiting for an admin to activate it.
        let awaiting: Bool
    }
}

/// `staff-account.mustache`: one account with its history and the changes an admin may make.
struct AccountPage: PageModel {
    static let template = "staff-account"
    let id: String
    let csrf: String
    let name: String
    let email: String
    let role: String
    let active: Bool
    let awaiting: Bool
    /// The admin's own account: the password is changed on the own-password page.
    let own: Bool
    /// Whether this role logs in with a code from an app, and whether an app is linked.
    let twoStep: Bool
    let enrolled: Bool
    let events: [Event]
    let message: String?
    let errors: FormErrors?

    struct Event: Sendable {
        let at: String
        let change: String
        let fields: String
        let actor: String
    }
}

/// `staff-password.mustache`.
struct PasswordPage: PageModel {
    static let template = "staff-password"
    let csrf: String
    let errors: FormErrors?
}
