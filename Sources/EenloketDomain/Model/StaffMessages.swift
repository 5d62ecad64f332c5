/// Messages to staff about their own account, in plain Dutch: whoever holds
/// the account hears of every change to its password or e-mail address, so a
/// takeover does not go unnoticed.
public enum StaffMessages {
    public enum Kind: String, Sendable {
        /// Someone else (an admin) set a new password.
        case passwordChangedByAdmin = "account_password_changed"
        /// The holder changed their own password.
        case passwordChangedByHolder = "account_password_changed_by_holder"
        /// The account's e-mail address changed (sent to the old and the new address).
        case emailChanged = "account_email_changed"
        /// The two-step login was reset (the holder must enrol again).
        case otpReset = "account_otp_reset"
        /// A login got past the password and then failed the code five times.
        case codeGuessed = "account_code_guessed"
        /// To every admin: a coordinator created an account that sees medical
        /// data; it works once an admin activates it (detail: who and what).
        case awaitingActivation = "account_awaiting_activation"
    }

    /// A role in words, for messages: "intake-medewerker", "panellid (bedrijfsarts)".
    public static func roleName(_ role: StaffRole, discipline: Discipline?) -> String {
        switch role {
        case .admin: return "beheerder"
        case .coordinator: return "coördinator"
        case .intakeOfficer: return "intake-medewerker"
        case .inspector: return "inspecteur"
        case .panelMember: return "panellid" + (discipline.map { " (\($0.rawValue))" } ?? "")
        }
    }

    public static func render(_ kind: Kind, name: String, serviceURL: String, detail: String? = nil) -> Message {
        let greeting = "Beste \(name),\n\n"
        let warning =
            "\nWas u dit niet, of verwachtte u dit niet? Neem dan meteen contact op met de beheerder van Eenloket.\n"
        let closing = "\nMet vriendelijke groet,\nEenloket\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.\n"
        let login = "Inloggen doet u op \(serviceURL)/medewerkers/inloggen.\n"
        switch kind {
        case .passwordChangedByAdmin:
            return Message(
                subject: "Uw wachtwoord voor Eenloket is gewijzigd",
                body: greeting + "Een beheerder heeft een nieuw wachtwoord ingesteld voor uw account bij Eenloket.\n"
                    + "U bent daarom overal uitgelogd. U krijgt het nieuwe wachtwoord van de beheerder.\n" + login + warning + closing)
        case .passwordChangedByHolder:
            return Message(
                subject: "U heeft uw wachtwoord voor Eenloket gewijzigd",
                body: greeting + "Het wachtwoord van uw account bij Eenloket is gewijzigd.\n"
                    + "U bent overal uitgelogd. Log opnieuw in met uw nieuwe wachtwoord.\n" + login + warning + closing)
        case .emailChanged:
            return Message(
                subject: "Het e-mailadres van uw account bij Eenloket is gewijzigd",
                body: greeting + "Een beheerder heeft het e-mailadres van uw account bij Eenloket gewijzigd"
                    + (detail.map { " in \($0)" } ?? "") + ".\n"
                    + "U bent daarom overal uitgelogd. Log voortaan in met het nieuwe e-mailadres.\n" + login + warning + closing)
        case .codeGuessed:
            return Message(
                subject: "Iemand probeerde in te loggen op uw account bij Eenloket",
                body: greeting + "Bij uw account bij Eenloket is het juiste wachtwoord gebruikt, en daarna vijf keer een verkeerde inlogcode.\n"
                    + "Was u dat zelf? Dan hoeft u niets te doen.\n"
                    + "Was u het niet? Dan kent iemand anders uw wachtwoord. Wijzig het meteen en meld het bij de beheerder van Eenloket.\n"
                    + login + closing)
        case .awaitingActivation:
            return Message(
                subject: "Een nieuw account bij Eenloket wacht op u",
                body: greeting + "Er is een nieuw account aangemaakt" + (detail.map { ": \($0)" } ?? "") + ".\n"
                    + "Met dit account kan iemand medische gegevens zien. Daarom werkt het pas als een beheerder het activeert.\n"
                    + "Controleer eerst bij de persoon zelf of het account klopt en of het e-mailadres van die persoon is. "
                    + "Stel bij het activeren een nieuw wachtwoord in en geef dat alleen aan die persoon.\n"
                    + "Accounts beheert u op \(serviceURL)/medewerkers/accounts.\n" + closing)
        case .otpReset:
            return Message(
                subject: "Uw inlogcode-app voor Eenloket is losgekoppeld",
                body: greeting + "Een beheerder heeft de tweestapsverificatie van uw account bij Eenloket opnieuw ingesteld.\n"
                    + "Bij de volgende keer inloggen koppelt u uw app opnieuw.\n" + login + warning + closing)
        }
    }
}
